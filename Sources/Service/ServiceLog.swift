#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import Support

/// Log lines for journald: systemd connects the service's stderr to the
/// journal, which reads a `<N>` prefix on each line as its syslog priority
/// (sd-daemon.h's `SD_ERR` is `"<3>"`). `journalctl -p warning -u diemcaud`
/// then shows just the problems.
///
/// ```swift
/// let log = ServiceLog.standardError()
/// log.error("camera 1 on /dev/ttyUSB0 did not answer IF_Clear within 500 ms: check the RS-232 cable")
/// ```
public struct ServiceLog: Sendable {
    /// syslog priorities, as sd-daemon.h numbers them.
    public enum Priority: Int32, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
        case emergency = 0, alert, critical, error, warning, notice, info, debug

        public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .emergency: "emergency"
            case .alert: "alert"
            case .critical: "critical"
            case .error: "error"
            case .warning: "warning"
            case .notice: "notice"
            case .info: "info"
            case .debug: "debug"
            }
        }
    }

    public enum Format: Sendable, Hashable {
        /// `<3>message`: for journald.
        case journal
        /// `error: message`: for a person at a terminal.
        case plain
    }

    public let fileDescriptor: Int32
    /// Lines less urgent than this are dropped (`.info` drops `.debug`).
    public let threshold: Priority
    public let format: Format

    public init(fileDescriptor: Int32 = STDERR_FILENO, threshold: Priority = .info, format: Format = .journal) {
        self.fileDescriptor = fileDescriptor
        self.threshold = threshold
        self.format = format
    }

    /// stderr, in the journal's format when systemd connected it to the
    /// journal (`$JOURNAL_STREAM` is set) or it is not a terminal, plain
    /// when a person is watching.
    public static func standardError(threshold: Priority = .info,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) -> ServiceLog {
        let journal = environment["JOURNAL_STREAM"] != nil || isatty(STDERR_FILENO) == 0
        return ServiceLog(threshold: threshold, format: journal ? .journal : .plain)
    }

    /// The text written for a message: every line prefixed, so a
    /// multi-line message keeps its priority in the journal.
    public static func text(_ priority: Priority, _ message: String, format: Format) -> String {
        let prefix = switch format {
        case .journal: "<\(priority.rawValue)>"
        case .plain: "\(priority): "
        }
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { prefix + $0 }.joined(separator: "\n") + "\n"
    }

    public func log(_ priority: Priority, _ message: String) {
        guard priority <= threshold else { return }
        // One write per message, so lines from several tasks do not interleave.
        var written = 0
        // A failure has nowhere left to be reported.
        try? writeFully(fileDescriptor, Array(Self.text(priority, message, format: format).utf8), written: &written)
    }

    public func critical(_ message: String) { log(.critical, message) }
    public func error(_ message: String) { log(.error, message) }
    public func warning(_ message: String) { log(.warning, message) }
    public func notice(_ message: String) { log(.notice, message) }
    public func info(_ message: String) { log(.info, message) }
    public func debug(_ message: String) { log(.debug, message) }
}
