/// A JSON document as plain values, for files a technician edits by hand
/// (the room configuration, key maps): they are checked field by field
/// before being decoded, so an unknown field can be named and a typo fixed.
///
/// Objects become `[String: Any]`, arrays `[Any]`, strings `String`, numbers
/// `Int` when whole and `Double` otherwise, `true`/`false` `Bool`, and `null`
/// `JSONTree.null`. A syntax error says where, by line and column, which
/// `JSONDecoder` does not. It reads strict JSON: a trailing comma, which
/// `JSONSerialization` let pass, is an error that points at it. A file saved
/// as UTF-16, or text that is not UTF-8, is an error too, not silently
/// replaced characters.
///
/// Foundation's `JSONSerialization` did this before; the daemon links only
/// `FoundationEssentials`, which has no untyped JSON.
public enum JSONTree {
    /// JSON's `null`.
    public struct Null: Equatable, Sendable {}
    public static let null = Null()

    /// Where and why a text is not JSON.
    public struct SyntaxError: Error, CustomStringConvertible, Equatable, Sendable {
        public let line: Int
        public let column: Int
        public let problem: String
        public var description: String { "\(problem) at line \(line), column \(column)" }
    }

    /// A number as the file writes it, for a number that is not a whole
    /// `Int`: `1.5`, `1e308`, `9223372036854775808`, even `1e400`. A checker
    /// can then quote it back and judge it itself (`Reading.numbersAsWritten`).
    public struct Number: Equatable, Sendable, CustomStringConvertible {
        public let text: String
        public var description: String { text }
        /// Its value; infinite when too large for a `Double`.
        public var value: Double { Double(text) ?? .nan }
    }

    /// How strictly a text is read.
    public struct Reading: Sendable {
        /// Numbers that are not a whole `Int` come back as `Number` rather
        /// than `Double`, and one too large for a `Double` is not an error.
        public var numbersAsWritten: Bool
        /// A field given twice in one object is an error at its second place,
        /// rather than the last one silently winning.
        public var eachFieldOnce: Bool

        public init(numbersAsWritten: Bool = false, eachFieldOnce: Bool = false) {
            self.numbersAsWritten = numbersAsWritten
            self.eachFieldOnce = eachFieldOnce
        }

        /// For a file a technician writes and a checker then judges field by field.
        public static let handWritten = Reading(numbersAsWritten: true, eachFieldOnce: true)
    }

    /// Parses one JSON value (usually an object) that fills the whole text.
    public static func parse(_ bytes: some Collection<UInt8>, reading: Reading = Reading()) throws(SyntaxError) -> Any {
        var reader = Reader(Array(bytes), reading: reading)
        try reader.checkEncoding()
        reader.skipSpace()
        if reader.atEnd { throw reader.error("the file is empty") }
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.error("unexpected \(reader.describeNext()) after the end of the JSON value") }
        return value
    }
}

extension JSONTree {
    struct Reader {
        let bytes: [UInt8]
        let reading: Reading
        var offset = 0
        /// Where the reader is, as field names and `[index]`, for an error that names a field.
        var trail: [String] = []
        /// Deeper than any file a person writes; keeps the stack safe.
        static let maximumDepth = 256

        init(_ bytes: [UInt8], reading: Reading) {
            self.bytes = bytes
            self.reading = reading
            // A UTF-8 byte-order mark, as some Windows editors write it.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        }

        /// UTF-16 and UTF-32 (Notepad's "Unicode") start with a byte-order
        /// mark or have a zero byte beside each ASCII one; JSON is UTF-8.
        func checkEncoding() throws(SyntaxError) {
            let utf16Marks: [[UInt8]] = [[0xFF, 0xFE], [0xFE, 0xFF]]
            if utf16Marks.contains(where: { bytes.starts(with: $0) }) || bytes.prefix(2).contains(0) {
                throw SyntaxError(
                    line: 1, column: 1, problem: "the file is UTF-16 or UTF-32 (\"Unicode\" in some editors): save it as UTF-8")
            }
        }

        /// The place `trail` names: `control.tcp`, `cameras[0]`, or "the top level".
        var place: String {
            guard !trail.isEmpty else { return "the top level" }
            return trail.reduce("") { text, step in step.hasPrefix("[") || text.isEmpty ? text + step : text + "." + step }
        }

        var atEnd: Bool { offset >= bytes.count }

        mutating func skipSpace() {
            while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> Any {
            guard depth < Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels deep") }
            guard let byte = bytes[safe: offset] else { throw error("the text ends where a value should be") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: "t"): return try word("true", true)
            case UInt8(ascii: "f"): return try word("false", false)
            case UInt8(ascii: "n"): return try word("null", JSONTree.null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                throw error("unexpected \(describeNext()) where a value should be (text goes in double quotes)")
            default: throw error("unexpected \(describeNext()) where a value should be")
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> [String: Any] {
            offset += 1
            var object: [String: Any] = [:]
            skipSpace()
            if bytes[safe: offset] == UInt8(ascii: "}") { offset += 1; return object }
            while true {
                skipSpace()
                guard bytes[safe: offset] == UInt8(ascii: "\"") else {
                    throw error("expected a field name in double quotes, found \(describeNext())")
                }
                let keyStart = offset
                let key = try string()
                if reading.eachFieldOnce, object[key] != nil {
                    offset = keyStart
                    throw error("the field \"\(key)\" of \(place) is given twice: keep one")
                }
                skipSpace()
                guard bytes[safe: offset] == UInt8(ascii: ":") else { throw error("expected ':' after \"\(key)\", found \(describeNext())") }
                offset += 1
                skipSpace()
                trail.append(key)
                object[key] = try value(depth: depth + 1)
                trail.removeLast()
                skipSpace()
                switch bytes[safe: offset] {
                case UInt8(ascii: ","): try comma(before: UInt8(ascii: "}"), last: "field")
                case UInt8(ascii: "}"): offset += 1; return object
                default: throw error("expected ',' or '}' after the value of \"\(key)\", found \(describeNext())")
                }
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> [Any] {
            offset += 1
            var array: [Any] = []
            skipSpace()
            if bytes[safe: offset] == UInt8(ascii: "]") { offset += 1; return array }
            while true {
                skipSpace()
                trail.append("[\(array.count)]")
                array.append(try value(depth: depth + 1))
                trail.removeLast()
                skipSpace()
                switch bytes[safe: offset] {
                case UInt8(ascii: ","): try comma(before: UInt8(ascii: "]"), last: "item")
                case UInt8(ascii: "]"): offset += 1; return array
                default: throw error("expected ',' or ']' in a list, found \(describeNext())")
                }
            }
        }

        /// Steps over a comma; one right before `closing` is an error at the comma.
        mutating func comma(before closing: UInt8, last: String) throws(SyntaxError) {
            let comma = offset
            offset += 1
            skipSpace()
            guard bytes[safe: offset] != closing else {
                offset = comma
                throw error("a comma after the last \(last): JSON allows none, remove it")
            }
        }

        mutating func string() throws(SyntaxError) -> String {
            let start = offset
            offset += 1
            var text: [UInt8] = []
            while true {
                guard let byte = bytes[safe: offset] else {
                    offset = start
                    throw error("a string that is never closed (a missing '\"')")
                }
                switch byte {
                case UInt8(ascii: "\""):
                    let decoded = String(decoding: text, as: UTF8.self)
                    // Decoding replaces bytes that are not UTF-8 with U+FFFD; that is a file in another encoding.
                    guard decoded.utf8.elementsEqual(text) else {
                        offset = start
                        throw error("text that is not UTF-8 (perhaps Windows-1258 or TCVN3): save the file as UTF-8")
                    }
                    offset += 1
                    return decoded
                case UInt8(ascii: "\\"):
                    offset += 1
                    try escape(into: &text)
                case 0..<0x20:
                    throw error("a line break or control character inside a string (write \\n)")
                default:
                    text.append(byte)
                    offset += 1
                }
            }
        }

        mutating func escape(into text: inout [UInt8]) throws(SyntaxError) {
            guard let byte = bytes[safe: offset] else { throw error("the text ends inside a string") }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A surrogate pair: the low half must follow as \uDC00–\uDFFF.
                    guard bytes[safe: offset] == UInt8(ascii: "\\"), bytes[safe: offset + 1] == UInt8(ascii: "u") else {
                        throw error("a lone UTF-16 surrogate \\u\(String(scalar, radix: 16, uppercase: true))")
                    }
                    offset += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("a broken UTF-16 surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("\\u escape of a lone surrogate") }
                text.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                offset -= 2
                throw error("unknown escape \\\(Character(Unicode.Scalar(byte))) in a string (write \\\\ for a backslash)")
            }
        }

        mutating func hexQuad() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = bytes[safe: offset], let digit = hexDigit(byte) else {
                    throw error("\\u must be followed by four hexadecimal digits")
                }
                value = value << 4 | digit
                offset += 1
            }
            return value
        }

        func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        mutating func number() throws(SyntaxError) -> Any {
            let start = offset
            var whole = true
            if bytes[safe: offset] == UInt8(ascii: "-") { offset += 1 }
            let digitsStart = offset
            skipDigits()
            guard offset > digitsStart else { offset = start; throw error("a '-' that is not followed by a number") }
            if bytes[digitsStart] == UInt8(ascii: "0"), offset - digitsStart > 1 {
                offset = start
                throw error("a number with a leading zero (JSON has no octal)")
            }
            if bytes[safe: offset] == UInt8(ascii: ".") {
                whole = false
                offset += 1
                let fraction = offset
                skipDigits()
                guard offset > fraction else { throw error("a '.' that is not followed by digits") }
            }
            if let e = bytes[safe: offset], e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                whole = false
                offset += 1
                if let sign = bytes[safe: offset], sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { offset += 1 }
                let exponent = offset
                skipDigits()
                guard offset > exponent else { throw error("an exponent with no digits") }
            }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            if whole, let integer = Int(text) { return integer }
            if reading.numbersAsWritten { return Number(text: text) }
            guard let double = Double(text), double.isFinite else { offset = start; throw error("a number too large to read") }
            return double
        }

        mutating func skipDigits() {
            while let byte = bytes[safe: offset], (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
        }

        mutating func word(_ word: String, _ value: Any) throws(SyntaxError) -> Any {
            let expected = Array(word.utf8)
            guard bytes[offset...].starts(with: expected) else {
                throw error("unexpected \(describeNext()) where a value should be (text goes in double quotes)")
            }
            offset += expected.count
            return value
        }

        /// What is at the reading position, as a technician would read it.
        func describeNext() -> String {
            guard let byte = bytes[safe: offset] else { return "end of text" }
            if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            if byte == 0x20 { return "a space" }
            if byte == 0x0A || byte == 0x0D { return "a line break" }
            if byte < 0x20 { return "a control character" }
            return "non-ASCII text"
        }

        /// An error at the reading position; columns count characters, not bytes.
        func error(_ problem: String) -> SyntaxError {
            var line = 1, lineStart = 0
            for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            let end = min(offset, bytes.count)
            let column = String(decoding: bytes[lineStart..<max(lineStart, end)], as: UTF8.self).count + 1
            return SyntaxError(line: line, column: column, problem: problem)
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
