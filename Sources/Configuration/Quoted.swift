import Localization
import Support

/// A value from the room file as a message quotes it back to the
/// technician: text in double quotes with control characters written as
/// JSON escapes (`"\u0000"`), cut short past 40 characters so that a
/// 100,000-character address is named by its length, not printed; numbers
/// as the file writes them (`1e308`, not `1e+308`).
enum Quoted {
    static let longest = 40

    static func text(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(longest) {
            switch scalar {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\t": shown += "\\t"
            case _ where ControlCharacters.contains(scalar) || Quoted.isInvisible(scalar): shown += ControlCharacters.escaped(scalar)
            default: shown.unicodeScalars.append(scalar)
            }
        }
        let count = text.unicodeScalars.count
        return "\"" + shown + (count > longest ? "…\" (\(count) characters)" : "\"")
    }

    /// A character that shows as nothing: a byte-order mark or zero-width
    /// space pasted into a name, which the technician could not see otherwise.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        [.format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
    }

    /// Any value of the tree: text quoted, numbers as written, a list or an object by its kind.
    static func value(_ value: Any) -> String {
        switch value {
        case let text as String: Self.text(text)
        case let number as Int: String(number)
        case let number as JSONTree.Number: number.text.count > longest ? String(number.text.prefix(longest)) + "…" : number.text
        case let number as Double: String(number)
        case let flag as Bool: flag ? "true" : "false"
        case is JSONTree.Null: "null"
        case is [Any]: "a list [...]"
        default: "an object {...}"
        }
    }

    /// What a value is, in JSON's words, as in "is text, should be a number".
    static func kind(of value: Any) -> Message {
        switch value {
        case let text as String: Message("text ({value})", ["value": Self.text(text)])
        case is Int, is JSONTree.Number, is Double: Message("a number ({value})", ["value": Self.value(value)])
        case let flag as Bool: .verbatim(flag ? "true" : "false")
        case is JSONTree.Null: .verbatim("null")
        case is [Any]: Message("a list [...]")
        default: Message("an object {...}")
        }
    }
}

/// Control characters (C0, DEL and C1): a NUL, a pasted line break or tab.
/// None belongs in a room file's text: they cut C strings short (ALSA,
/// the kernel's paths), split the control protocol's lines and the log's.
enum ControlCharacters {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The first control character in `text`, if any.
    static func first(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: contains)
    }

    /// `U+0000` written as JSON writes it: `\u0000`.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
