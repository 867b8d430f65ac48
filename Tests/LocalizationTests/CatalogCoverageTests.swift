import Foundation
import Testing
@testable import Localization

/// The Vietnamese catalog and the code agree: every message the code says has
/// a Vietnamese translation, every catalog entry is said somewhere, and the
/// translations keep the placeholders and are written in NFC.
@Suite struct CatalogCoverageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `say("...")`, `Language.mark("...")` and `Message("...")` message in Sources, with where it is.
    static func messagesInSources() throws -> [String: String] {
        let pattern = try Regex(#"(?:\.say|Language\.mark|[^A-Za-z_.]Message)\(\s*"(?!"")((?:[^"\\]|\\.)*)""#)
        // A multi-line literal: `.say("""`, its lines, then `"""` on a line of its own.
        let multiline = try Regex(#"(?:\.say|Language\.mark|[^A-Za-z_.]Message)\(\s*"""\n((?:.|\n)*?)\n([ ]*)""""#)
        func unescape(_ literal: String) -> String {
            literal.replacingOccurrences(of: #"\""#, with: "\"").replacingOccurrences(of: #"\n"#, with: "\n")
                .replacingOccurrences(of: #"\\"#, with: "\\")
        }
        var found: [String: String] = [:]
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            let place = file.path.replacingOccurrences(of: root.path + "/", with: "")
            for match in text.matches(of: pattern) {
                let literal = String(match.output[1].substring ?? "")
                found[unescape(literal)] = place
            }
            for match in text.matches(of: multiline) {
                found[unescape(Self.multilineValue(String(match.output[1].substring ?? ""), closingIndent: String(match.output[2].substring ?? "")))] = place
            }
        }
        return found
    }

    /// A multi-line string literal's value, as Swift makes it: each line
    /// without the closing delimiter's indentation, no final line break.
    static func multilineValue(_ body: String, closingIndent: String) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(closingIndent) ? String($0.dropFirst(closingIndent.count)) : String($0) }
            .joined(separator: "\n")
    }

    static func catalog() throws -> POFile {
        let path = root.appendingPathComponent("Hardware/locale/vi.po").path
        return try POFile(text: String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func everyMessageTheCodeSaysHasVietnamese() throws {
        let used = try Self.messagesInSources()
        #expect(used.count > 50, "the scan found too few say(\"...\") calls: is the pattern still right?")
        let translated = Dictionary(try Self.catalog().entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (message, file) in used.sorted(by: { $0.key < $1.key }) {
            #expect(!message.contains(#"\("#), "\(file): say() needs a literal message with {name} placeholders, not interpolation: \(message)")
            guard let entry = translated[message] else {
                Issue.record("\(file): no Vietnamese for this message; add to Hardware/locale/vi.po:\nmsgid \"\(message)\"\nmsgstr \"...\"")
                continue
            }
            #expect(!entry.translation.isEmpty && !entry.fuzzy, "vi.po line \(entry.line): the translation is empty or fuzzy: \(message)")
        }
    }

    @Test func everyCatalogEntryIsUsed() throws {
        let used = try Self.messagesInSources()
        for entry in try Self.catalog().entries where used[entry.id] == nil {
            Issue.record("vi.po line \(entry.line): no say(\"...\") in Sources uses this entry; remove it: \(entry.id)")
        }
    }

    @Test func translationsKeepThePlaceholdersAndAreNFC() throws {
        let placeholder = try Regex(#"\{[A-Za-z]+\}"#)
        for entry in try Self.catalog().entries {
            let wanted = Set(entry.id.matches(of: placeholder).map { String(entry.id[$0.range]) })
            let given = Set(entry.translation.matches(of: placeholder).map { String(entry.translation[$0.range]) })
            #expect(wanted == given, "vi.po line \(entry.line): placeholders \(wanted.sorted()) became \(given.sorted())")
            let scalars = Array(entry.translation.unicodeScalars)
            let nfc = Array(entry.translation.precomposedStringWithCanonicalMapping.unicodeScalars)
            #expect(scalars == nfc, "vi.po line \(entry.line): the translation is not in NFC (decomposed diacritics): \(entry.translation)")
        }
    }

    @Test func theRegulationsTermsAreUsed() throws {
        let all = try Self.catalog().entries.map(\.translation).joined(separator: "\n")
        for term in ["điểm cầu", "phiên kết nối thử", "phiên họp chính thức", "cán bộ kỹ thuật", "sự cố", "nguyên nhân", "khắc phục", "thời gian khắc phục", "sổ theo dõi"] {
            #expect(all.localizedCaseInsensitiveContains(term), "no message uses the regulations' term '\(term)'")
        }
    }

    @Test func theCatalogIsFoundAndUsed() {
        #expect(Language.vi.say("READY") != "READY")
        #expect(Language.en.say("READY") == "READY")
        #expect(Language.vi.say("not a message of DiemCau") == "not a message of DiemCau")
    }
}
