/// A gettext catalog (`.po`), as translators write it with Poedit or Lokalize.
///
/// Read by this small reader rather than glibc's `gettext(3)`: the daemon
/// answers each control client in the language it asked for, which a
/// process-wide `setlocale` cannot do per connection; glibc only translates
/// for a locale that has been generated on the machine (`vi_VN.UTF-8` is
/// not on a minimal Debian install); and the `.po` needs no `msgfmt` step at
/// build or packaging time.
///
/// What it reads: `msgctxt`, `msgid` and `msgstr` with their continued
/// string lines and C escapes, comments, and the `#, fuzzy` flag (a fuzzy
/// entry is not used, as with msgfmt). Plural forms are not read: no
/// message of DiemCau has one.
public struct POFile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var context: String?
        public var id: String
        public var translation: String
        public var fuzzy: Bool
        /// The 1-based line of the entry's `msgid`, for error messages.
        public var line: Int
    }

    /// The entries in file order, the header (empty msgid) left out.
    public var entries: [Entry]

    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case malformed(line: Int, reason: String)

        public var description: String {
            switch self {
            case .malformed(let line, let reason): "line \(line): \(reason)"
            }
        }
    }

    public init(text: String) throws(ReadError) {
        entries = []
        var fuzzy = false, idLine = 0
        var target: WritableKeyPath<Fields, String?>?
        var fields = Fields()

        func finish() throws(ReadError) {
            defer { fields = Fields(); fuzzy = false; target = nil }
            guard let id = fields.id else {
                if fields.translation != nil || fields.context != nil {
                    throw .malformed(line: idLine, reason: "msgstr or msgctxt without msgid")
                }
                return
            }
            guard let translation = fields.translation else { throw .malformed(line: idLine, reason: "msgid without msgstr") }
            if !id.isEmpty {
                entries.append(Entry(context: fields.context, id: id, translation: translation, fuzzy: fuzzy, line: idLine))
            }
        }

        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingSpaces()
            if line.isEmpty {
                try finish()
                continue
            }
            if line.hasPrefix("#") {
                if fields.translation != nil { try finish() }
                if line.hasPrefix("#,") && line.contains("fuzzy") { fuzzy = true }
                continue
            }
            if line.hasPrefix("\"") {
                guard let target else { throw .malformed(line: number, reason: "a string line outside msgid/msgstr") }
                fields[keyPath: target]! += try Self.unquote(line, line: number)
                continue
            }
            let keyword = line.prefix { $0 != " " && $0 != "\t" }
            let value = try Self.unquote(line.dropFirst(keyword.count).trimmingSpaces(), line: number)
            switch keyword {
            case "msgctxt":
                if fields.translation != nil { try finish() }
                fields.context = value
                target = \.context
            case "msgid":
                if fields.translation != nil { try finish() }
                fields.id = value
                idLine = number
                target = \.id
            case "msgstr":
                guard fields.id != nil else { throw .malformed(line: number, reason: "msgstr without msgid") }
                fields.translation = value
                target = \.translation
            default:
                throw .malformed(line: number, reason: "unknown keyword '\(keyword)' (plural forms are not read)")
            }
        }
        try finish()
    }

    private struct Fields {
        var context: String?
        var id: String?
        var translation: String?
    }

    /// A `"..."` string with C escapes.
    static func unquote(_ text: Substring, line: Int) throws(ReadError) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else {
            throw .malformed(line: line, reason: "expected a string in double quotes")
        }
        var result = ""
        var characters = text.dropFirst().dropLast().makeIterator()
        while let character = characters.next() {
            guard character == "\\" else {
                if character == "\"" { throw .malformed(line: line, reason: "an unescaped \" inside a string") }
                result.append(character)
                continue
            }
            switch characters.next() {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case let other: throw .malformed(line: line, reason: "unknown escape \\\(other.map(String.init) ?? "")")
            }
        }
        return result
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        let start = firstIndex { $0 != " " && $0 != "\t" && $0 != "\r" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" && $0 != "\r" }.map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }
}
