import Dispatch

/// A serial executor on a dispatch queue of its own, so that an actor's
/// blocking calls (the logbook's `write` and `fsync`, a mixer write that is a
/// round trip to PulseAudio) wait there and never hold a thread of Swift's
/// cooperative pool, which has only as many threads as the PC has cores.
public final class QueueExecutor: SerialExecutor {
    let queue: DispatchQueue

    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
