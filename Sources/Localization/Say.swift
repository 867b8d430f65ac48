extension Language {
    /// The message in this language: `message` is the English source text
    /// (the gettext msgid), looked up in this language's catalog; English,
    /// or a message the catalog lacks, gives the source text itself.
    ///
    /// `{name}` placeholders (gettext's python-brace-format) are filled from
    /// `values`, after the lookup, so that a translation may reorder them.
    /// Always pass the message as one string literal: the catalog test finds
    /// the messages in use by scanning the sources for `.say(` and a literal.
    public func say(_ message: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        let text = self == .en ? message : (MessageCatalog.shared(for: self)?.translation(of: message) ?? message)
        return values.isEmpty ? text : Self.fill(text, values)
    }

    /// Replaces each `{name}` with its value; an unknown name stays as written.
    static func fill(_ text: String, _ values: KeyValuePairs<String, String>) -> String {
        fill(text) { name in values.first(where: { $0.key == name })?.value }
    }

    /// Replaces each `{name}` with what `value` gives for it; a name it has
    /// no value for stays as written.
    static func fill(_ text: String, value: (Substring) -> String?) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}"), let filled = value(after[..<close]) else {
                result.append("{")
                rest = after
                continue
            }
            result += filled
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }
}

extension Language {
    /// Marks an English message for the catalog without translating it
    /// (gettext's `N_()`): for a reason made in one place and said in
    /// another's language, such as a control reply translated per connection
    /// with `translation(of:)`. The catalog test finds these as it finds `say`.
    public static func mark(_ message: String) -> String { message }

    /// A whole message in this language when the catalog has it, else as given.
    public func translation(of message: String) -> String {
        self == .en ? message : (MessageCatalog.shared(for: self)?.translation(of: message) ?? message)
    }
}
