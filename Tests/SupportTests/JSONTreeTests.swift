import Foundation
import Testing
@testable import Support

@Suite struct JSONTreeTests {
    /// JSONTree against Foundation's JSONSerialization, which it replaces in
    /// the daemon: the same values for the same text.
    @Test("reads the same values as JSONSerialization", arguments: [
        #"{"room": {"name": "UBND xã Tân Lập"}, "cameras": [{"address": 1, "presets": {"wide": 0}}]}"#,
        #"[1, -2, 3.5, -0.25, 1e3, 2E-2, 0, true, false, null, "", "a\"b\\c\/d\n\t\r\b\f"]"#,
        #"{"u": "\u0041\u00e9\u1ea1\ud83d\ude00", "nested": [[[[]]], {}], "big": 9007199254740993}"#,
        "\u{FEFF}{\"bom\": 1}",
        " \n\t{ \"spaced\" :\r\n [ 1 , 2 ] } \n",
    ])
    func agreesWithFoundation(_ text: String) throws {
        let bytes = Array(text.utf8)
        let ours = try JSONTree.parse(bytes)
        let theirs = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        #expect(Self.same(ours, theirs), "\(text)")
    }

    @Test func numbersAreIntsWhenWholeAndDoublesOtherwise() throws {
        let list = try #require(try JSONTree.parse(Array("[3, -7, 3.0, 2.5, 1e2]".utf8)) as? [Any])
        #expect(list[0] as? Int == 3)
        #expect(list[1] as? Int == -7)
        #expect(list[2] as? Double == 3.0)
        #expect(list[3] as? Double == 2.5)
        #expect(list[4] as? Double == 100)
        #expect(try JSONTree.parse(Array("null".utf8)) is JSONTree.Null)
    }

    /// A technician's typo is reported where it is, as an editor counts.
    @Test("syntax errors name the line and column", arguments: [
        ("{\n  \"name\": \"room\",\n  \"port\": 45x10\n}", 3, 13, "expected ',' or '}'"),
        ("{\n  \"a\": 1,\n}", 2, 9, "a comma after the last field"),
        ("{\"a\": [1, 2,]}", 1, 12, "a comma after the last item"),
        ("{\"a\": [1, 2, ,3]}", 1, 14, "where a value should be"),
        ("{\"a\": 1, 2}", 1, 10, "expected a field name"),
        ("{\"tên\": \"phòng\" \"x\": 1}", 1, 17, "expected ',' or '}'"),
        ("{\"a\": yes}", 1, 7, "text goes in double quotes"),
        ("{\"a\": \"open", 1, 7, "never closed"),
        ("{\"a\": 1} extra", 1, 10, "after the end"),
        ("", 1, 1, "empty"),
        ("{\"a\": 012}", 1, 7, "leading zero"),
        ("{\"a\": \"\\q\"}", 1, 8, "unknown escape"),
        ("{\"a\": \"line\nbreak\"}", 1, 12, "line break"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[999e919]", 1, 2, "too large"),
    ])
    func syntaxErrors(_ text: String, line: Int, column: Int, words: String) {
        #expect {
            try JSONTree.parse(Array(text.utf8))
        } throws: { error in
            guard let error = error as? JSONTree.SyntaxError else { return false }
            return error.line == line && error.column == column && error.problem.contains(words)
        }
    }

    /// A room file is judged field by field: numbers come back as written,
    /// so that `1e308` is quoted as the technician wrote it.
    @Test func handWrittenFilesKeepNumbersAsWritten() throws {
        let text = "[3, 1.5, 1e308, 1e400, 9223372036854775808, -9223372036854775809, 4.0]"
        let list = try #require(try JSONTree.parse(Array(text.utf8), reading: .handWritten) as? [Any])
        #expect(list[0] as? Int == 3)
        #expect(list.dropFirst().map { ($0 as? JSONTree.Number)?.text } == [
            "1.5", "1e308", "1e400", "9223372036854775808", "-9223372036854775809", "4.0",
        ])
        #expect((list[3] as? JSONTree.Number)?.value == .infinity)
    }

    @Test("a field given twice is an error where it is given again, naming its object", arguments: [
        ("{\"a\": 1, \"a\": 2}", 1, 10, "the field \"a\" of the top level is given twice"),
        ("{\"control\": {\"tcp\": {\"port\": 1,\n \"port\": 2}}}", 2, 2, "the field \"port\" of control.tcp is given twice"),
        ("{\"cameras\": [{}, {\"name\": \"a\", \"name\": \"b\"}]}", 1, 32, "the field \"name\" of cameras[1] is given twice"),
    ])
    func duplicateFields(_ text: String, line: Int, column: Int, words: String) throws {
        #expect(try JSONTree.parse(Array(text.utf8)) is [String: Any], "the lenient reading lets the last one win")
        #expect {
            try JSONTree.parse(Array(text.utf8), reading: .handWritten)
        } throws: { error in
            guard let error = error as? JSONTree.SyntaxError else { return false }
            return error.line == line && error.column == column && error.problem.contains(words)
        }
    }

    @Test("other encodings than UTF-8 are named", arguments: [
        [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00],  // UTF-16LE with its mark
        [0xFE, 0xFF, 0x00, 0x7B, 0x00, 0x7D],  // UTF-16BE with its mark
        [0x7B, 0x00, 0x7D, 0x00],  // UTF-16LE without
        [0x00, 0x00, 0xFE, 0xFF],  // UTF-32BE
    ] as [[UInt8]])
    func utf16IsNamed(_ bytes: [UInt8]) {
        #expect {
            try JSONTree.parse(bytes)
        } throws: { error in
            (error as? JSONTree.SyntaxError)?.problem.contains("save it as UTF-8") == true
        }
    }

    @Test func textThatIsNotUTF8IsAnErrorNotReplacementCharacters() {
        // "Tân" in Windows-1258, which is not UTF-8.
        let bytes: [UInt8] = Array("{\"name\": \"T".utf8) + [0xE2, 0x6E] + Array("\"}".utf8)
        #expect {
            try JSONTree.parse(bytes)
        } throws: { error in
            guard let error = error as? JSONTree.SyntaxError else { return false }
            return error.column == 10 && error.problem.contains("not UTF-8")
        }
    }

    @Test("a JSON literal reads back as the text", arguments: ["", "Phòng họp \"A\"", "a\\b/c", "\u{0}\n\r\t\u{1F}\u{7F}", "😀"])
    func literalsReadBack(_ text: String) throws {
        #expect(try JSONTree.parse(Array(text.jsonLiteral.utf8)) as? String == text)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONTree.SyntaxError.self) { try JSONTree.parse(Array(text.utf8)) }
    }

    @Test func randomTextNeverCrashesAndAgreesOnValidity() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]:,"\ 0123456789-.eEtrufalsn"#.utf8)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            let ours = (try? JSONTree.parse(bytes)) != nil
            let theirs = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
            // JSONSerialization lets a trailing comma pass ("[7,]"); JSON does not, nor do we.
            let text = String(decoding: bytes.filter { $0 != UInt8(ascii: " ") }, as: UTF8.self)
            if theirs, !ours, text.contains(",]") || text.contains(",}") { continue }
            #expect(ours == theirs, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (let a as [String: Any], let b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { same(value, $0) } ?? false }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (let a as String, let b as String):
            return a == b
        case (is JSONTree.Null, is NSNull):
            return true
        case (let a as Bool, let b as NSNumber):
            return a == b.boolValue
        case (let a as Int, let b as NSNumber):
            return String(a) == b.stringValue
        case (let a as Double, let b as NSNumber):
            return a == b.doubleValue
        default:
            return false
        }
    }
}
