import Support

/// One line of upsd's network protocol split into words, as NUT's
/// "Network protocol information" writes them: words are separated by
/// spaces, a word with spaces is in double quotes, and inside quotes a
/// backslash escapes `"` and `\` (`VAR su700 ups.mfr "American Power Conversion"`).
struct NUTLine: Equatable {
    let words: [String]

    /// A line with an unclosed quote is kept whole, as one word: it is not an answer the client knows.
    init(_ line: Substring) {
        words = QuotedWords.split(line) ?? [String(line)]
    }

    /// `ERR <code>`: the code (`UNKNOWN-UPS`, `DATA-STALE`, ...), else nil.
    var error: String? { words.first == "ERR" ? (words.count > 1 ? words[1] : "UNKNOWN") : nil }

    /// `VAR <ups> <name> "<value>"` for `ups`: the name and value, else nil.
    func variable(of ups: String) -> (name: String, value: String)? {
        guard words.count == 4, words[0] == "VAR", words[1] == ups else { return nil }
        return (words[2], words[3])
    }
}
