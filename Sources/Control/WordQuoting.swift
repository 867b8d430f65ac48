import Localization
import Support

/// How the text protocol splits a line into words and quotes a word back.
///
/// Words are separated by spaces or tabs. A word with spaces in it is written
/// in double quotes; inside quotes, `\"` is a quote and `\\` a backslash.
/// Nothing else is special, so `nc` users and Companion buttons can type
/// Vietnamese names and notes as they are.
enum WordQuoting {
    /// The words of a line, quotes removed.
    static func words(of line: String) throws(ProtocolFault) -> [String] {
        guard let words = QuotedWords.split(line) else {
            throw ProtocolFault(.syntax, Message("a quoted word is not closed: end it with a double quote (\"), and write a quote inside quotes as \\\""))
        }
        return words
    }

    /// The word as it must be written on a line: bare when it can be, quoted otherwise.
    static func quotedIfNeeded(_ word: String) -> String {
        needsQuotes(word) ? quoted(word) : word
    }

    /// The word in double quotes, with quotes and backslashes escaped.
    static func quoted(_ word: String) -> String {
        var text = "\""
        for character in word {
            switch character {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\r", "\n": text += " "
            default: text.append(character)
            }
        }
        return text + "\""
    }

    static func needsQuotes(_ word: String) -> Bool {
        word.isEmpty || word.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "\t" || scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
        }
    }
}
