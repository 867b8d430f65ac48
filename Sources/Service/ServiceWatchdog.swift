#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import Localization
import Synchronization

/// Sends `WATCHDOG=1` at half of the interval systemd asked for
/// (`WatchdogSec=` reaches the daemon as `$WATCHDOG_USEC`), so that a hung
/// daemon is restarted. Its sleep is the only periodic wake-up of an idle
/// daemon.
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
    private let state = Mutex(Ticking())

    /// What the timer's handler and `stop()` share.
    private struct Ticking {
        var timer: Task<Void, Never>?
        /// Bumped by each start and stop, so a probe that answers after a
        /// stop does not ping.
        var generation = 0
        /// A probe has not answered yet: the next tick does not ask again,
        /// so a stuck daemon does not pile up probes.
        var probing = false
    }

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
        state.withLock { $0.timer?.cancel() }
    }

    /// Starts pinging, first after one interval. With a `probe` (for
    /// instance: does the room's actor answer?), each tick pings only if the
    /// probe says the daemon is well, so a stuck daemon gets restarted;
    /// without one, the tick pings at once.
    public func start(probe: (@Sendable () async -> Bool)? = nil) {
        let generation = state.withLock { ticking in
            ticking.timer?.cancel()
            ticking.generation += 1
            ticking.probing = false
            return ticking.generation
        }
        // The sleep runs on the daemon's main loop, so a loop that hangs
        // stops the pings and systemd restarts the daemon. Tolerance lets
        // Dispatch (in the tests) fold the wake-up into others; a tenth of
        // the interval still leaves the ping well inside systemd's time-out.
        let timer = Task { [weak self, interval] in
            var next = ContinuousClock.now + interval
            while !Task.isCancelled {
                do {
                    try await Task.sleep(until: next, tolerance: interval / 10, clock: .continuous)
                } catch {
                    return
                }
                guard let self else { return }
                self.tick(generation: generation, probe: probe)
                next = Swift.max(next + interval, ContinuousClock.now)
            }
        }
        state.withLock { ticking in
            if ticking.generation == generation { ticking.timer = timer } else { timer.cancel() }
        }
    }

    /// Stops pinging (before `STOPPING=1`).
    public func stop() {
        state.withLock { ticking in
            ticking.timer?.cancel()
            ticking.timer = nil
            ticking.generation += 1
        }
    }

    private func tick(generation: Int, probe: (@Sendable () async -> Bool)?) {
        guard let probe else { return ping() }
        let ask = state.withLock { ticking in
            guard ticking.generation == generation, !ticking.probing else { return false }
            ticking.probing = true
            return true
        }
        guard ask else { return }
        Task { [weak self] in
            let well = await probe()
            guard let self else { return }
            let current = self.state.withLock { ticking in
                ticking.probing = false
                return ticking.generation == generation
            }
            guard current else { return }
            if well {
                self.ping()
            } else {
                self.log?.warning(Message("watchdog: the daemon did not answer its health probe; not pinging systemd"))
            }
        }
    }

    private func ping() {
        do {
            try notifier.send(.watchdog)
        } catch {
            log?.error(Message("watchdog: {fault}", parts: ["fault": .about(error)]))
        }
    }
}
