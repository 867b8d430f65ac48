#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization

/// Sends `WATCHDOG=1` at half of the interval systemd asked for
/// (`WatchdogSec=` reaches the daemon as `$WATCHDOG_USEC`), so that a hung
/// daemon is restarted. Its Dispatch timer is the only periodic wake-up of
/// an idle daemon.
///
/// ```swift
/// if let watchdog = try ServiceWatchdog(notifier: notifier) {
///     watchdog.start { await room.isResponsive() }
/// }
/// ```
public final class ServiceWatchdog: Sendable {
    /// How often `WATCHDOG=1` goes out: half of systemd's time-out.
    public let interval: Duration
    private let notifier: ServiceNotifier
    private let log: ServiceLog?
    private let timer = Mutex<SourceHandle?>(nil)

    /// The time-out systemd expects pings within, or nil when it asked for
    /// none: `$WATCHDOG_USEC` unset or 0, or `$WATCHDOG_PID` set to another
    /// process (the watchdog is for the main process, not its children).
    public static func timeout(environment: [String: String] = ProcessInfo.processInfo.environment,
                               pid: Int32 = getpid()) throws(ServiceError) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], !text.isEmpty else { return nil }
        guard let usec = UInt64(text) else { throw .watchdogSettingInvalid(variable: "WATCHDOG_USEC", value: text) }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty {
            guard let ownerPID = Int32(owner) else { throw .watchdogSettingInvalid(variable: "WATCHDOG_PID", value: owner) }
            guard ownerPID == pid else { return nil }
        }
        guard usec > 0 else { return nil }
        return .microseconds(usec)
    }

    /// A watchdog when systemd asked for one, nil otherwise. Failures to
    /// send are written to `log`.
    public init?(notifier: ServiceNotifier,
                 environment: [String: String] = ProcessInfo.processInfo.environment,
                 pid: Int32 = getpid(),
                 log: ServiceLog? = nil) throws(ServiceError) {
        guard let timeout = try Self.timeout(environment: environment, pid: pid) else { return nil }
        self.interval = timeout / 2
        self.notifier = notifier
        self.log = log
    }

    deinit {
        timer.withLock { $0?.cancel() }
    }

    /// Starts pinging, first after one interval. Each tick asks `probe`
    /// whether the daemon is well (for instance: does the room's actor
    /// answer?) and pings only if it is, so a stuck daemon gets restarted.
    public func start(probe: @escaping @Sendable () async -> Bool = { true }) {
        let notifier = self.notifier
        let log = self.log
        let nanoseconds = Int(interval.components.seconds) * 1_000_000_000 + Int(interval.components.attoseconds / 1_000_000_000)
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "diemcau.watchdog"))
        // Leeway lets the kernel fold this wake-up into others; a tenth of
        // the interval still leaves the ping well inside systemd's time-out.
        source.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds),
                        leeway: .nanoseconds(nanoseconds / 10))
        source.setEventHandler {
            Task {
                guard await probe() else {
                    log?.warning("watchdog: the daemon did not answer its health probe; not pinging systemd")
                    return
                }
                do {
                    try notifier.send(.watchdog)
                } catch {
                    log?.error("watchdog: \(error)")
                }
            }
        }
        let handle = SourceHandle(source)
        timer.withLock { running in
            running?.cancel()
            running = handle
        }
        source.resume()
    }

    /// Stops pinging (before `STOPPING=1`).
    public func stop() {
        timer.withLock { running in
            running?.cancel()
            running = nil
        }
    }
}
