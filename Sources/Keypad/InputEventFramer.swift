/// Cuts a byte stream into `input_event` records.
///
/// An evdev device hands out whole records, but a pipe (the tests, a
/// simulator, `evemu`) may split one across two reads; the framer keeps the
/// remainder until the rest arrives.
public struct InputEventFramer: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Bytes that arrived; returns every record they complete.
    public mutating func append(_ bytes: some Sequence<UInt8>) -> [InputEvent] {
        pending.append(contentsOf: bytes)
        let whole = pending.count / InputEvent.size
        guard whole > 0 else { return [] }
        var events: [InputEvent] = []
        events.reserveCapacity(whole)
        for index in 0..<whole {
            let start = index * InputEvent.size
            if let event = InputEvent(bytes: pending[start..<start + InputEvent.size]) {
                events.append(event)
            }
        }
        pending.removeFirst(whole * InputEvent.size)
        return events
    }

    /// The bytes of a record that has not fully arrived.
    public var partialByteCount: Int { pending.count }
}
