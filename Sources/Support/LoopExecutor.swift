#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An executor that is one thread: it runs jobs in the order they came and,
/// as the daemon's main loop, timed jobs (`Task.sleep`, time-outs) when
/// their time comes; between them it sleeps in `poll(2)` with no deadline
/// but the next timer's.
///
/// Why not Dispatch: on Linux, the first worker thread libdispatch starts
/// arms a one-second timer (the workqueue monitor, which reads `/proc` to
/// count runnable workers) that wakes the process for the rest of its
/// life. An idle room PC should wake for the systemd watchdog and nothing
/// else, so the daemon runs its tasks on one loop (`DaemonExecutors`) and
/// its blocking actors (the logbook's `fsync`, the mixer's round trips)
/// each on a `LoopExecutor` with a thread of its own.
public final class LoopExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    // @unchecked: all mutable state is in `JobLoop`, behind its Mutex.
    let loop: JobLoop

    /// An executor whose jobs run once some thread calls `run()`.
    init(name: String) {
        loop = JobLoop(name: name)
        loop.owner = asUnownedSerialExecutor()
    }

    /// An executor with a thread of its own named `name` (what `top -H`
    /// shows), running already. The thread ends when the executor is released.
    public static func onOwnThread(named name: String) -> LoopExecutor {
        let executor = LoopExecutor(name: name)
        let loop = executor.loop
        DetachedThread.start(name: name) { loop.run { false } }
        return executor
    }

    deinit {
        loop.stop()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        loop.enqueue(UnownedJob(job))
    }
}

/// The thread's side of a `LoopExecutor`: the queues, and the pipe that
/// wakes the thread when a job comes while it sleeps.
final class JobLoop: @unchecked Sendable {
    // @unchecked: `owner` is set once, before any job can be enqueued.
    let name: String
    var owner: UnownedSerialExecutor?
    private let pipe: WakePipe
    private let state = Mutex(State())

    private struct State {
        var ready: [UnownedJob] = []
        var timed = TimedJobs()
        /// The thread is in `poll`, or about to be: a job must wake it.
        var sleeping = false
        /// When it wakes on its own, for the next timed job (nil: never).
        var sleepingUntil: ContinuousClock.Instant?
        var stopping = false

        /// Whether the caller must write to the pipe: only the first one to
        /// find the thread asleep does.
        mutating func takeSleeper() -> Bool {
            guard sleeping else { return false }
            sleeping = false
            sleepingUntil = nil
            return true
        }
    }

    init(name: String) {
        self.name = name
        guard let pipe = WakePipe() else {
            fatalError("\(name): no descriptors left for the executor's wake-up pipe; raise LimitNOFILE")
        }
        self.pipe = pipe
    }

    deinit {
        pipe.close()
    }

    func enqueue(_ job: UnownedJob) {
        let wake = state.withLock { state in
            state.ready.append(job)
            return state.takeSleeper()
        }
        if wake { pipe.wake() }
    }

    func enqueue(_ job: UnownedJob, at deadline: ContinuousClock.Instant) {
        let wake = state.withLock { state in
            state.timed.push(job, at: deadline)
            guard state.sleeping else { return false }
            if let until = state.sleepingUntil, until <= deadline { return false }
            return state.takeSleeper()
        }
        if wake { pipe.wake() }
    }

    func stop() {
        let wake = state.withLock { state in
            state.stopping = true
            return state.takeSleeper()
        }
        if wake { pipe.wake() }
    }

    /// Runs jobs on the calling thread until `stop()` or `condition`, which
    /// is asked between batches of jobs.
    func run(until condition: () -> Bool) {
        guard let owner else { return }
        var batch: [UnownedJob] = []
        var watched = pollfd(fd: pipe.readEnd, events: Int16(POLLIN), revents: 0)
        while !condition() {
            let timeout: Int32? = state.withLock { state in
                if state.stopping {
                    state.stopping = false
                    return nil
                }
                let now = ContinuousClock.now
                state.timed.takeDue(by: now, into: &state.ready)
                if !state.ready.isEmpty {
                    swap(&batch, &state.ready)
                    return 0
                }
                state.sleeping = true
                state.sleepingUntil = state.timed.nextDeadline
                return WakePipe.timeout(until: state.sleepingUntil, now: now)
            }
            guard let timeout else { return }
            if batch.isEmpty {
                watched.revents = 0
                _ = poll(&watched, 1, timeout)
                if watched.revents != 0 { pipe.drain() }
                state.withLock { state in
                    state.sleeping = false
                    state.sleepingUntil = nil
                }
                continue
            }
            for job in batch { job.runSynchronously(on: owner) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

