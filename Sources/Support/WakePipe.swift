#if canImport(Glibc)
import Glibc
#endif

/// A pipe a thread asleep in `poll(2)` also watches, so that another thread
/// can make it look at its work again: a byte written to `writeEnd` ends
/// the `poll`. Both ends close on exec; the write end never blocks, so a
/// full pipe (the sleeper is already due to wake) costs nothing.
public struct WakePipe: Sendable {
    public let readEnd: Int32
    public let writeEnd: Int32

    /// A new pipe, or nil when the process is out of descriptors.
    public init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// Ends the sleeper's `poll`, now or as soon as it starts.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Reads the wake-ups that came, so the next `poll` sleeps again.
    public func drain() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            while read(readEnd, buffer.baseAddress, buffer.count) == buffer.count {}
        }
    }

    public func close() {
        _ = Glibc.close(readEnd)
        _ = Glibc.close(writeEnd)
    }

    /// `poll`'s time-out in milliseconds for sleeping until `deadline`:
    /// rounded up, so a timed job is never run early; -1 for no deadline.
    public static func timeout(until deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant = .now) -> Int32 {
        guard let deadline else { return -1 }
        let left = deadline - now
        if left <= .zero { return 0 }
        let (seconds, attoseconds) = left.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(milliseconds, Int64(Int32.max)))
    }
}
