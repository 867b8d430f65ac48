/// How hard the broker and the client try to deliver a message (MQTT 3.1.1
/// section 4.3). The room uses 0 for nothing and 1 for what must arrive:
/// exactly-once (2) is not offered.
public enum QualityOfService: UInt8, Sendable, Comparable, CustomStringConvertible {
    /// At most once: sent, never acknowledged.
    case atMostOnce = 0
    /// At least once: kept and sent again until the receiver's PUBACK.
    case atLeastOnce = 1

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var description: String { "QoS \(rawValue)" }
}
