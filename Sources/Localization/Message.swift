/// A message made in one place and said in another's language: its English
/// source text (the catalog's msgid, with `{name}` placeholders) and the
/// values to fill in. A room's refusal, a grammar error or a device fault is
/// made once and said to each reader in the language that reader chose (the
/// control connection's, the journal's, the CLI's).
///
/// Always build it from one string literal: the catalog test finds messages
/// in use by scanning the sources for `Message(` (as for `.say(`) and a
/// literal.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The English source text, with `{name}` placeholders.
    public let template: String
    /// The placeholders' values, in the order given.
    public let values: [Value]

    public struct Value: Sendable, Hashable, Codable {
        public let name: String
        public let text: String
        /// A value that is itself a message (a device's fault inside a
        /// journal line), said in the reader's language with the rest.
        public let part: [Message]

        /// A value as kept (a logbook line's): a name and its text, or a
        /// message of its own (`part`, whose template is then the text).
        public init(name: String, text: String, part: Message? = nil) {
            self.name = name
            self.text = text
            self.part = part.map { [$0] } ?? []
        }

        func said(in language: Language) -> String { part.first?.said(in: language) ?? text }
    }

    public init(_ template: String, _ values: KeyValuePairs<String, String> = [:]) {
        self.template = template
        self.values = values.map { Value(name: $0.key, text: $0.value) }
    }

    /// A message with values that are messages themselves (`parts`), each
    /// said in the same language as the whole: a camera's fault inside the
    /// journal line that names the camera.
    public init(_ template: String, _ values: KeyValuePairs<String, String> = [:], parts: KeyValuePairs<String, Message>) {
        self.template = template
        self.values = values.map { Value(name: $0.key, text: $0.value) }
            + parts.map { Value(name: $0.key, text: $0.value.template, part: $0.value) }
    }

    /// Text already said, in no particular language (a device's own words, a
    /// name): passed on as it is, never looked up in a catalog.
    public static func verbatim(_ text: String) -> Message {
        Message(template: "{text}", values: [Value(name: "text", text: text)])
    }

    /// A message read back from where it was kept (a logbook line): the
    /// template and values as stored, said later in the reader's language.
    public init(template: String, values: [Value]) {
        self.template = template
        self.values = values
    }

    /// The message in `language`.
    public func said(in language: Language) -> String {
        let text = language.translation(of: template)
        guard !values.isEmpty else { return text }
        return Language.fill(text) { name in values.first(where: { $0.name == name })?.said(in: language) }
    }

    /// English: the source text with its values.
    public var description: String { said(in: .en) }
}
