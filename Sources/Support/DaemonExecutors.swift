@_spi(ExperimentalCustomExecutors) @_spi(ExperimentalScheduling) import _Concurrency

/// The daemon's executors: every task, and the main actor, on one loop run
/// by the process's main thread, in place of Swift's Dispatch-based ones
/// (see `LoopExecutor` for why).
///
/// ```swift
/// static func main() {
///     DaemonExecutors.install()
///     Task { await serveTheRoom(); exit(0) }
///     DaemonExecutors.run()
/// }
/// ```
///
/// One thread is enough: the rules and the drivers' protocol handling take
/// microseconds per event, and what blocks (the logbook's writes, the
/// mixer's round trips, every device's reads) has a thread of its own.
///
/// `_createExecutors` and `ExecutorFactory` are Swift 6.3's
/// `ExperimentalCustomExecutors` SPI (the pitch "Custom main and global
/// executors"): a toolchain that changes them breaks the build here and
/// nowhere else. The package therefore needs Swift 6.3 (README,
/// Package.swift). When a toolchain changes the SPI: follow its new names
/// here (the proposal's final form is `ExecutorFactory` with `mainExecutor`
/// and `defaultExecutor`, as below); if it is gone altogether, make
/// `install()` do nothing, and the daemon runs on Swift's own executors
/// (correct, but with libdispatch's once-a-second wake-up: see LoopExecutor).
public enum DaemonExecutors {
    static let loop = MainLoopExecutor(name: "diemcaud")

    /// Makes the loop the process's executor for tasks and the main actor.
    /// Call it first in a synchronous `main`, before any task exists.
    public static func install() {
        _createExecutors(factory: Factory.self)
    }

    /// Runs the daemon's tasks on the calling thread (the main thread) until
    /// the process exits.
    public static func run() -> Never {
        try? loop.run()
        fatalError("DaemonExecutors: the main loop stopped")
    }

    struct Factory: ExecutorFactory {
        static var mainExecutor: any MainExecutor { loop }
        static var defaultExecutor: any TaskExecutor { loop }
    }
}

/// A `LoopExecutor`'s loop as the process's main and default executor: it
/// also keeps the timed jobs of `Task.sleep` and every time-out.
final class MainLoopExecutor: MainExecutor, TaskExecutor, SchedulingExecutor, @unchecked Sendable {
    // @unchecked: all mutable state is in `JobLoop`, behind its Mutex.
    let loop: JobLoop

    init(name: String) {
        loop = JobLoop(name: name)
        loop.owner = asUnownedSerialExecutor()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        loop.enqueue(UnownedJob(job))
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        // The runtime's two clocks, continuous and suspending, both count in
        // `Duration`; what tells them apart, time spent suspended, does not
        // happen on a room PC.
        let wait = (delay as? Duration) ?? .zero
        loop.enqueue(UnownedJob(job), at: .now + wait)
    }

    func run() throws {
        loop.run { false }
    }

    func runUntil(_ condition: () -> Bool) throws {
        loop.run(until: condition)
    }

    func stop() {
        loop.stop()
    }
}
