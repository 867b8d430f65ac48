/// Words of a line as line protocols in the style of NUT's upsd write them
/// (the room's control protocol, upsd's own): separated by spaces or tabs, a
/// word with spaces in double quotes, and inside quotes `\"` a quote and
/// `\\` a backslash. Nothing else is special.
public enum QuotedWords {
    /// The words of `line`, quotes removed; nil when a quoted word is not closed.
    public static func split(_ line: some StringProtocol) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var inQuotes = false
        var escaping = false
        for character in line {
            if escaping {
                word.append(character)
                escaping = false
            } else if inQuotes {
                switch character {
                case "\\": escaping = true
                case "\"": inQuotes = false
                default: word.append(character)
                }
            } else {
                switch character {
                case " ", "\t":
                    if inWord { words.append(word) }
                    word = ""
                    inWord = false
                case "\"":
                    inQuotes = true
                    inWord = true
                default:
                    word.append(character)
                    inWord = true
                }
            }
        }
        if inQuotes || escaping { return nil }
        if inWord { words.append(word) }
        return words
    }
}
