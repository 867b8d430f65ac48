import Localization

/// The words of a line after its command's words, taken one at a time; a
/// fault names what is missing or wrong and ends with the command's usage.
struct Arguments {
    private var words: ArraySlice<String>
    /// The command's first word as the client wrote it, lowercased.
    let command: String
    /// What a fault shows the client to send instead.
    var usage: String

    init(_ words: ArraySlice<String>, command: String, usage: String) {
        self.words = words
        self.command = command
        self.usage = usage
    }

    var remaining: [String] { Array(words) }

    mutating func next() -> String? { words.popFirst() }

    func peek() -> String? { words.first }

    /// The next word; `missing` says what the client left out.
    mutating func required(_ missing: Message) throws(ProtocolFault) -> String {
        guard let word = words.popFirst(), !word.isEmpty else {
            throw ProtocolFault(.badArgument, missing, usage: usage)
        }
        return word
    }

    /// The next word, one of `options` in any case.
    mutating func choice<T>(_ options: [String: T]) throws(ProtocolFault) -> T {
        guard let word = words.popFirst() else {
            throw ProtocolFault(.badArgument, Message("'{command}' needs more", ["command": command]), usage: usage)
        }
        guard let value = options[word.lowercased()] else {
            throw ProtocolFault(
                .badArgument, Message("'{word}' is not one of {options}", ["word": word, "options": options.keys.sorted().joined(separator: ", ")]),
                usage: usage)
        }
        return value
    }

    /// The next word as one of a `CaseIterable` type's raw values.
    mutating func choice<T: CaseIterable & RawRepresentable<String>>(of type: T.Type) throws(ProtocolFault) -> T {
        try choice(Dictionary(uniqueKeysWithValues: T.allCases.map { ($0.rawValue, $0) }))
    }

    /// The rest of the line as one text: its words joined by single spaces
    /// (a quoted text keeps its own spacing).
    mutating func text(_ missing: Message) throws(ProtocolFault) -> String {
        let text = words.joined(separator: " ")
        words = []
        guard !text.allSatisfy(\.isWhitespace) else {
            throw ProtocolFault(.badArgument, missing, usage: usage)
        }
        return text
    }

    /// Nothing may follow.
    func end() throws(ProtocolFault) {
        if let extra = words.first {
            throw ProtocolFault(.badArgument, Message("unexpected '{word}' after the command", ["word": extra]), usage: usage)
        }
    }
}
