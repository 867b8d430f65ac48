/// Splits a byte stream into VISCA messages at the terminator `FF`.
///
/// Bytes arrive in chunks that need not line up with messages; a partial
/// message is kept until the rest arrives. The framer resynchronises after
/// line noise: a byte that cannot start a message (high bit clear, or a stray
/// `FF`) is discarded, and a message that reaches `maximumLength` bytes
/// without its `FF` is discarded together with everything up to the next `FF`.
public struct Framer: Sendable {
    /// What the framer made of a chunk, in stream order.
    public enum Item: Hashable, Sendable {
        /// One whole message, first byte to `FF` inclusive.
        case message([UInt8])
        /// Bytes thrown away, and why.
        case discarded([UInt8], DiscardReason)
    }

    public enum DiscardReason: Hashable, Sendable {
        /// Bytes that cannot start a message, between messages.
        case noMessageStart
        /// A message longer than `maximumLength` (a camera answers `x0 60 01 FF`, message length error).
        case tooLong
    }

    /// The longest message accepted, `FF` included: 16 bytes in VISCA.
    public let maximumLength: Int
    /// All bytes discarded so far.
    public private(set) var discardedByteCount = 0
    /// The partial message waiting for its `FF`.
    public private(set) var pending: [UInt8] = []
    /// Whether the framer is skipping the rest of an over-long message.
    private var skippingTooLong = false

    public init(maximumLength: Int = 16) {
        precondition(maximumLength >= 2, "a VISCA message has at least a header and FF")
        self.maximumLength = maximumLength
    }

    /// Feeds a chunk; returns the messages it completed and the bytes it discarded.
    public mutating func append<S: Sequence<UInt8>>(_ chunk: S) -> [Item] {
        var items: [Item] = []
        var noise: [UInt8] = []
        func flushNoise() {
            if !noise.isEmpty {
                items.append(.discarded(noise, .noMessageStart))
                noise = []
            }
        }
        for byte in chunk {
            if skippingTooLong {
                pending.append(byte)
                if byte == 0xFF {
                    discard(&items, .tooLong)
                    skippingTooLong = false
                }
                continue
            }
            if pending.isEmpty {
                guard byte & 0x80 != 0, byte != 0xFF else {
                    noise.append(byte)
                    discardedByteCount += 1
                    continue
                }
                flushNoise()
                pending.append(byte)
                continue
            }
            pending.append(byte)
            if byte == 0xFF {
                items.append(.message(pending))
                pending = []
            } else if pending.count >= maximumLength {
                skippingTooLong = true
            }
        }
        flushNoise()
        return items
    }

    /// The messages in a chunk, ignoring what was discarded.
    public mutating func messages<S: Sequence<UInt8>>(in chunk: S) -> [[UInt8]] {
        append(chunk).compactMap { item in
            if case .message(let bytes) = item { bytes } else { nil }
        }
    }

    /// Drops a partial message (after a time-out, when the rest will never come).
    /// Returns the bytes dropped.
    @discardableResult
    public mutating func reset() -> [UInt8] {
        let dropped = pending
        discardedByteCount += dropped.count
        pending = []
        skippingTooLong = false
        return dropped
    }

    private mutating func discard(_ items: inout [Item], _ reason: DiscardReason) {
        items.append(.discarded(pending, reason))
        discardedByteCount += pending.count
        pending = []
    }
}
