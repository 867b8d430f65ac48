import Room
import Support
import Synchronization

/// The rules' entries on their way to the logbook, in the order they were
/// added, several to one `write` and one `fsync` (a group commit): entries
/// added while a batch is being written go in the next one.
///
/// Each `add` returns a promise kept once the entry is on the disk, or once
/// writing it failed: a control reply waits for it, so an `OK` is never
/// sent for an entry a crash could still lose. The write starts at once, on
/// the logbook's own thread, beside the device work of the same command.
///
/// A batch that fails (disk full, read-only file system) is answered with
/// the error and kept, up to `retainedLimit` entries, to be written before
/// the next batch: the disk may come back, and the logbook should then
/// hold what happened, even though nobody was told OK for it.
public final class LogbookWriter: Sendable {
    /// nil once the entry is on the disk; otherwise why it is not.
    public typealias Written = Promise<LogbookError?>

    public let logbook: Logbook
    /// How long a first entry waits for others to join its batch (zero: none).
    public let delay: Duration
    /// How many entries of failed batches are kept for a later try.
    public let retainedLimit: Int
    private let health: @Sendable (LogbookHealthChange) -> Void

    /// What the writer tells its owner about the disk.
    public enum LogbookHealthChange: Sendable {
        /// `entries` could not be written; `dropped` of the kept ones were given up for good.
        case failed(LogbookError, entries: Int, dropped: Int)
        /// A write succeeded after failures.
        case recovered
        /// The logbook's file system has less than `lowSpaceBytes` free.
        case lowOnSpace(freeBytes: Int64)
        /// It has twice that again.
        case spaceAgain(freeBytes: Int64)
    }

    /// Below this much free space the owner is told, so the technician can
    /// make room before the logbook stops (the regulations keep it for years).
    public let lowSpaceBytes: Int64
    /// How often the free space is looked at, at most (after a write).
    public let spaceCheckInterval: Duration

    private struct Pending {
        var entry: LogEntry
        var written: Written?
    }

    private struct State {
        var pending: [Pending] = []
        /// The flush under way or waiting; nil when nothing is pending.
        var flushing: Task<Void, Never>?
        /// Entries of failed batches, written before anything newer.
        var retained: [LogEntry] = []
        var failing = false
        var lowOnSpace = false
        var spaceCheckedAt: ContinuousClock.Instant?
    }
    private let state = Mutex(State())

    public init(
        _ logbook: Logbook, delay: Duration = .zero, retainedLimit: Int = 10_000,
        lowSpaceBytes: Int64 = 64 * 1024 * 1024, spaceCheckInterval: Duration = .seconds(10),
        health: @escaping @Sendable (LogbookHealthChange) -> Void
    ) {
        self.logbook = logbook
        self.delay = delay
        self.retainedLimit = retainedLimit
        self.lowSpaceBytes = lowSpaceBytes
        self.spaceCheckInterval = spaceCheckInterval
        self.health = health
    }

    /// Queues `entry` behind those already added and starts writing; the
    /// promise is kept when it is on the disk (nil) or could not be written.
    @discardableResult
    public func add(_ entry: LogEntry) -> Written {
        let written = Written()
        state.withLock { state in
            state.pending.append(Pending(entry: entry, written: written))
            startFlushing(&state)
        }
        return written
    }

    /// Writes what is pending now, and returns when it is on the disk (or failed).
    public func drain() async {
        let flushing = state.withLock { $0.flushing }
        flushing?.cancel()  // ends the wait early; the writing runs to its end
        await flushing?.value
    }

    /// Entries of failed batches still waiting for the disk.
    public var retainedCount: Int { state.withLock { $0.retained.count } }

    private func startFlushing(_ state: inout State) {
        guard state.flushing == nil else { return }
        let delay = delay
        state.flushing = Task { [self] in
            if delay > .zero { try? await Task.sleep(for: delay) }
            await flush()
        }
    }

    /// Writes batches until nothing new is pending. The kept entries of an
    /// earlier failure go first, so the order holds.
    private func flush() async {
        while true {
            let (retained, batch) = state.withLock { state -> ([LogEntry], [Pending]) in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.flushing = nil }
                return (batch.isEmpty ? [] : state.retained, batch)
            }
            guard !batch.isEmpty else { return }
            var written = 0
            do {
                written = 0
                try await logbook.append(retained + batch.map(\.entry), written: &written)
                let recovered = state.withLock { state -> Bool in
                    state.retained.removeFirst(min(retained.count, state.retained.count))
                    defer { state.failing = false }
                    return state.failing
                }
                // The owner hears first, so its alert is never behind the answers.
                if recovered { health(.recovered) }
                checkSpace()
                for item in batch { item.written?.fulfil(nil) }
            } catch {
                // What reached the disk before the failure (an earlier
                // month's file) is done: kept no longer, and confirmed.
                let landedFromBatch = max(0, written - retained.count)
                if case .cannotEncode = error {
                    // One entry the schema cannot write (a value no JSON holds) is that
                    // entry's failure, not the disk's: answer it, and write the others.
                    var writable: [Pending] = []
                    var unwritable: [Pending] = []
                    for item in batch.dropFirst(landedFromBatch) {
                        if (try? LogbookSchema.line(for: item.entry)) == nil { unwritable.append(item) } else { writable.append(item) }
                    }
                    if !unwritable.isEmpty {
                        state.withLock { state in
                            state.retained.removeFirst(min(written, retained.count, state.retained.count))
                            state.pending.insert(contentsOf: writable, at: 0)
                        }
                        for item in batch.prefix(landedFromBatch) { item.written?.fulfil(nil) }
                        for item in unwritable { item.written?.fulfil(error) }
                        continue
                    }
                }
                let landed = batch.prefix(landedFromBatch), unwritten = batch.dropFirst(landedFromBatch)
                let dropped = state.withLock { state -> Int in
                    state.failing = true
                    state.retained.removeFirst(min(written, retained.count, state.retained.count))
                    state.retained.append(contentsOf: unwritten.map(\.entry))
                    let excess = max(0, state.retained.count - retainedLimit)
                    state.retained.removeFirst(excess)
                    return excess
                }
                health(.failed(error, entries: unwritten.count, dropped: dropped))
                for item in landed { item.written?.fulfil(nil) }
                for item in unwritten { item.written?.fulfil(error) }
            }
        }
    }

    /// After a write, at most every `spaceCheckInterval`: tells the owner
    /// when free space falls below `lowSpaceBytes`, and when it is back to twice that.
    private func checkSpace() {
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            if let last = state.spaceCheckedAt, now - last < spaceCheckInterval { return false }
            state.spaceCheckedAt = now
            return true
        }
        guard due, let free = try? logbook.availableBytes() else { return }
        let change = state.withLock { state -> LogbookHealthChange? in
            if !state.lowOnSpace, free < lowSpaceBytes {
                state.lowOnSpace = true
                return .lowOnSpace(freeBytes: free)
            }
            if state.lowOnSpace, free >= lowSpaceBytes * 2 {
                state.lowOnSpace = false
                return .spaceAgain(freeBytes: free)
            }
            return nil
        }
        if let change { health(change) }
    }
}
