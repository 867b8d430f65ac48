extension Message {
    /// Several messages as one, separated by "; " (a check's faults), each
    /// said in the reader's language with the rest.
    public static func list(_ items: [Message]) -> Message {
        guard let first = items.first else { return .verbatim("") }
        return items.dropFirst().reduce(first) { Message("{list}; {item}", parts: ["list": $0, "item": $1]) }
    }

    /// Several messages as one, separated by ", " (a check's figures).
    public static func series(_ items: [Message]) -> Message {
        guard let first = items.first else { return .verbatim("") }
        return items.dropFirst().reduce(first) { Message("{list}, {item}", parts: ["list": $0, "item": $1]) }
    }
}
