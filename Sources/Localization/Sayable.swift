/// Something a person reads, made before it is known who reads it: a
/// device's fault, a configuration problem. Its `message` is said in the
/// reader's language; its `description` stays English, for tests and for
/// the code's own use.
public protocol Sayable {
    var message: Message { get }
}

extension Message {
    /// What a value says to a person: its own message when it is `Sayable`
    /// (a fault of DiemCau's), else its description as it is (a system's or
    /// a library's words).
    public static func about(_ value: Any) -> Message {
        (value as? any Sayable)?.message ?? .verbatim("\(value)")
    }
}
