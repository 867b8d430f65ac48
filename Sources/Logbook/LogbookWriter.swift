import Room
import Synchronization

/// The rules' entries on their way to the logbook: written a few
/// milliseconds after the rules made them, several to one `write` and one
/// `fsync`, in the order they were added.
///
/// Why the wait: on a small PC the logbook's `fsync` competes with the
/// device work of the same command. Measured on the demo room (this VM's
/// disk), an MCU mute reached PulseAudio 2.35 ms after it was sent with its
/// entry written at once, and 1.69 ms with the entry written 3 ms later,
/// when the mixer write is done. A burst (a meeting's start, a busy floor)
/// also costs one `fsync` instead of one per entry.
///
/// The price: an entry reaches the disk up to `delay` later than it would,
/// so a power cut in that window loses it, as it would lose one still
/// queued behind an earlier `fsync`. `drain()` (on SIGTERM) writes at once.
public final class LogbookWriter: Sendable {
    public let logbook: Logbook
    public let delay: Duration
    private let failed: @Sendable (LogbookError, _ entries: Int) -> Void

    private struct State {
        var pending: [LogEntry] = []
        /// The flush under way or waiting; nil when nothing is pending.
        var flushing: Task<Void, Never>?
    }
    private let state = Mutex(State())

    /// `failed` hears of entries that could not be written (they are not
    /// retried: the next entries may well succeed, and order is kept).
    public init(
        _ logbook: Logbook, delay: Duration = .milliseconds(3),
        failed: @escaping @Sendable (LogbookError, _ entries: Int) -> Void
    ) {
        self.logbook = logbook
        self.delay = delay
        self.failed = failed
    }

    /// Queues `entry` behind those already added; returns at once.
    public func add(_ entry: LogEntry) {
        state.withLock { state in
            state.pending.append(entry)
            guard state.flushing == nil else { return }
            let delay = delay
            state.flushing = Task { [self] in
                try? await Task.sleep(for: delay)
                await flush()
            }
        }
    }

    /// Writes what is pending now, and returns when it is on the disk.
    public func drain() async {
        let flushing = state.withLock { $0.flushing }
        flushing?.cancel()  // ends the wait early; the writing runs to its end
        await flushing?.value
    }

    /// Writes batches until nothing is pending. Entries added while a batch
    /// is being written go in the next batch, so the order holds.
    private func flush() async {
        while true {
            let batch = state.withLock { state in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.flushing = nil }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                try await logbook.append(batch)
            } catch {
                failed(error, batch.count)
            }
        }
    }
}
