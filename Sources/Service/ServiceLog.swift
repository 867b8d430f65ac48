#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import Localization
import Support

/// Log lines for journald: systemd connects the service's stderr to the
/// journal, which reads a `<N>` prefix on each line as its syslog priority
/// (sd-daemon.h's `SD_ERR` is `"<3>"`). `journalctl -p warning -u diemcaud`
/// then shows just the problems. Every line is a catalog message, said in
/// the room's language: the technician reading the journal reads Vietnamese.
///
/// ```swift
/// let log = ServiceLog.standardError()
/// log.error(Message("microphones: {fault}", parts: ["fault": .about(error)]))
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
    /// The language its messages are said in: the room's (`room.language`),
    /// the environment's before the room file is read.
    public let language: Language

    public init(fileDescriptor: Int32 = STDERR_FILENO, threshold: Priority = .info, format: Format = .journal, language: Language = .en) {
        self.fileDescriptor = fileDescriptor
        self.threshold = threshold
        self.format = format
        self.language = language
    }

    /// The same log, its messages said in `language`.
    public func speaking(_ language: Language) -> ServiceLog {
        ServiceLog(fileDescriptor: fileDescriptor, threshold: threshold, format: format, language: language)
    }

    /// stderr, in the journal's format when systemd connected it to the
    /// journal (`$JOURNAL_STREAM` is set) or it is not a terminal, plain
    /// when a person is watching.
    public static func standardError(threshold: Priority = .info,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) -> ServiceLog {
        let journal = environment["JOURNAL_STREAM"] != nil || isatty(STDERR_FILENO) == 0
        return ServiceLog(threshold: threshold, format: journal ? .journal : .plain, language: .fromEnvironment(environment))
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

    /// Text already said: a message of the log's own language, or a line
    /// that is nobody's words (tests, tools).
    public func log(_ priority: Priority, _ message: String) {
        guard priority <= threshold else { return }
        // One write per message, so lines from several tasks do not interleave.
        var written = 0
        // A failure has nowhere left to be reported.
        try? writeFully(fileDescriptor, Array(Self.text(priority, message, format: format).utf8), written: &written)
    }

    /// A message, said in the log's language.
    public func log(_ priority: Priority, _ message: Message) {
        guard priority <= threshold else { return }
        log(priority, message.said(in: language))
    }

    public func critical(_ message: Message) { log(.critical, message) }
    public func error(_ message: Message) { log(.error, message) }
    public func warning(_ message: Message) { log(.warning, message) }
    public func notice(_ message: Message) { log(.notice, message) }
    public func info(_ message: Message) { log(.info, message) }
    public func debug(_ message: Message) { log(.debug, message) }

    // Text that is nobody's words to translate: a control request as its
    // client sent it, an access line made of keywords and names.
    public func notice(_ text: String) { log(.notice, text) }
    public func info(_ text: String) { log(.info, text) }
}
