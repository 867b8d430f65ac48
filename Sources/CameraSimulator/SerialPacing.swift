/// The speed of a simulated serial line. Each byte takes ten bit times
/// (start, eight data bits, stop): 1.04 ms at 9600 bit/s.
public enum BaudRate: Int, Hashable, Sendable, CaseIterable {
    case b9600 = 9600
    case b38400 = 38400

    public var byteTime: Duration { .nanoseconds(10 * 1_000_000_000 / rawValue) }
}

/// One direction of a paced serial line: bytes go out one after another, so
/// a byte handed over while the line is busy waits for the bytes before it.
struct SerialPacing: Hashable, Sendable {
    let rate: BaudRate
    /// When the last byte handed over will have left.
    private(set) var busyUntil: Duration = .zero

    init(rate: BaudRate) { self.rate = rate }

    /// When a byte handed over at `now` has fully crossed the line.
    mutating func byteDone(handedOverAt now: Duration) -> Duration {
        busyUntil = max(busyUntil, now) + rate.byteTime
        return busyUntil
    }

    /// When a message of `count` bytes handed over at `now` has fully crossed the line.
    mutating func messageDone(count: Int, handedOverAt now: Duration) -> Duration {
        busyUntil = max(busyUntil, now) + rate.byteTime * count
        return busyUntil
    }
}
