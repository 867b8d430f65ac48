import Support

/// A JSON document as a fuzz test edits it: objects keep their fields in a
/// list and may hold one name twice, numbers keep the text they are written
/// with. It is written out as text for the reader under test.
public indirect enum JSONValue: Sendable, Equatable {
    case object([Member])
    case list([JSONValue])
    case text(String)
    case number(String)
    case flag(Bool)
    case null

    public struct Member: Sendable, Equatable {
        public var name: String
        public var value: JSONValue
    }

    /// A well-formed document (the demo room), fields in name order; nil for anything else.
    public init?(parsing text: String) {
        guard let tree = try? JSONTree.parse(Array(text.utf8), reading: .handWritten) else { return nil }
        self.init(tree: tree)
    }

    private init(tree: Any) {
        switch tree {
        case let object as [String: Any]:
            self = .object(object.keys.sorted().map { Member(name: $0, value: JSONValue(tree: object[$0]!)) })
        case let items as [Any]: self = .list(items.map(JSONValue.init(tree:)))
        case let text as String: self = .text(text)
        case let number as Int: self = .number(String(number))
        case let number as JSONTree.Number: self = .number(number.text)
        case let flag as Bool: self = .flag(flag)
        default: self = .null
        }
    }

    /// The document as JSON text, indented or on one line.
    public func json(indented: Bool = true) -> String {
        var text = ""
        write(to: &text, indent: indented ? 0 : nil)
        return text
    }

    private func write(to text: inout String, indent: Int?) {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let close = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let inner = indent.map { $0 + 1 }
        switch self {
        case .object(let members):
            text += "{"
            for (i, member) in members.enumerated() {
                text += (i == 0 ? "" : ",") + newline + member.name.jsonLiteral + ": "
                member.value.write(to: &text, indent: inner)
            }
            text += members.isEmpty ? "}" : close + "}"
        case .list(let items):
            text += "["
            for (i, item) in items.enumerated() {
                text += (i == 0 ? "" : ",") + newline
                item.write(to: &text, indent: inner)
            }
            text += items.isEmpty ? "]" : close + "]"
        case .text(let string): text += string.jsonLiteral
        case .number(let written): text += written
        case .flag(let flag): text += flag ? "true" : "false"
        case .null: text += "null"
        }
    }
}
