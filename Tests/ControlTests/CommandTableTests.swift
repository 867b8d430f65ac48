@testable import Control
import Foundation
import Testing

/// The protocol document's command table is the catalog's: every command
/// the server knows is there with its usage, role and what it does (the
/// catalog's `about`, which the document may go on to explain), and nothing
/// else is.
@Suite struct CommandTableTests {
    /// `usage: (role, what it does)` of each row of the table under "## Commands".
    private func documentedCommands() throws -> [String: (role: String, about: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/control-protocol.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Commands\n").dropFirst().first)
        var rows: [String: (role: String, about: String)] = [:]
        // The first table of the section: from its header to its first line that is not a row.
        let table = section.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        for line in table {
            guard line.hasPrefix("| `") else { continue }
            // Cells are split at `|` that are not escaped as `\|`.
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|")
            }
            guard cells.count >= 3 else { continue }
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = (cells[1], cells[2].replacingOccurrences(of: "`", with: ""))
        }
        return rows
    }

    @Test func theDocumentListsEveryCommandWithItsUsageRoleAndAbout() throws {
        let documented = try documentedCommands()
        for entry in CommandCatalog.entries {
            let role = entry.role?.rawValue ?? "—"
            let about = entry.about.said(in: .en)
            guard let row = documented[entry.usage] else {
                Issue.record("docs/control-protocol.md: `\(entry.usage)` should be in the command table with role \(role)")
                continue
            }
            #expect(row.role == role, "docs/control-protocol.md: `\(entry.usage)` needs the \(role) role")
            // The document says what `help` says, then may explain more.
            let next = row.about.dropFirst(about.count).first
            #expect(row.about.hasPrefix(about) && !(next?.isLetter ?? false) && !(next?.isNumber ?? false),
                    "docs/control-protocol.md: `\(entry.usage)` should begin with what help says: \(about)")
        }
        let usages = Set(CommandCatalog.entries.map(\.usage))
        for usage in documented.keys.sorted() where !usages.contains(usage) {
            Issue.record("docs/control-protocol.md lists `\(usage)`, which the server's catalog does not have")
        }
    }

    @Test func everyCommandHasOneEntryWithItsOwnWords() {
        let verbs = CommandCatalog.entries.map(\.verb)
        #expect(Set(verbs).count == verbs.count)
        #expect(Set(CommandCatalog.entries.map(\.usage)).count == verbs.count)
        for entry in CommandCatalog.entries {
            #expect(entry.usage.hasPrefix(entry.verb), "\(entry.verb): its usage starts with its words")
        }
        // A one-word command (or alias) that is also the first word of a
        // two-word one could never be reached: the grammar would wait for the second word.
        let oneWord = Set(CommandCatalog.entries.filter { !$0.verb.contains(" ") }.flatMap { [$0.verb] + $0.aliases })
        let firstWords = Set(CommandCatalog.entries.filter { $0.verb.contains(" ") }.map { String($0.verb.split(separator: " ")[0]) })
        #expect(oneWord.isDisjoint(with: firstWords), "\(oneWord.intersection(firstWords))")
        #expect(Set(CommandCatalog.entries.flatMap(\.aliases)).isDisjoint(with: verbs.map { String($0.split(separator: " ")[0]) }))
    }

    /// Names reach the room in NFC whichever way they were written, JSON's
    /// `\u` escapes included.
    @Test func wordsAreComposed() throws {
        let decomposed = "Pha\u{323}m Du\u{303}ng"
        #expect(try CommandGrammar.parse(["note", decomposed]) == .room(.note("Phạm Dũng")))
        guard case .room(.note(let text)) = try CommandGrammar.parse(["note", decomposed]) else { Issue.record("not a note"); return }
        #expect(Array(text.utf8) == Array("Phạm Dũng".utf8))
        let request = try JSONRequest.decode(#"{"command": ["camera", "store", "Pha\u0323m"]}"#).get()
        guard case .room(.cameraStore(let preset)) = try CommandGrammar.parse(request.words) else { Issue.record("not a store"); return }
        #expect(Array(preset.utf8) == Array("Phạm".utf8))
    }

    /// The catalog finds a command by its first words in any case, and keeps
    /// the other spellings that worked before it.
    @Test func theGrammarFindsEntriesByTheirWordsAndAliases() throws {
        for words in [["quit"], ["EXIT"], ["bye"]] {
            #expect(try CommandGrammar.parse(words) == .session(.quit), "\(words)")
        }
        #expect(try CommandGrammar.parse(["Camera", "RECALL", "Chair"]) == .room(.cameraRecall(preset: "Chair")))
        #expect(try CommandGrammar.parse(["events", "ON"]) == .session(.events(true)))
        #expect(throws: ProtocolFault.self) { try CommandGrammar.parse(["bye", "now"]) }
        #expect(throws: ProtocolFault.self) { try CommandGrammar.parse(["closing"]) }
    }

    /// The one role table agrees with the regulations the rules enforce: only
    /// the centre orders calls (R1) and grants the floor (R2); whatever
    /// changes the room needs at least the technician; an observer only looks.
    @Test func theRoleTableKeepsR1AndR2() throws {
        for line in ["call dial 1234", "call hangup", "call answer", "floor grant all"] {
            #expect(try ControlCommand(parsing: line).minimumRole == .mcu, "\(line)")
        }
        for entry in CommandCatalog.entries {
            guard let role = entry.role, entry.verb != "events" else { continue }
            let command = try ControlCommand(parsing: Self.example(entry.usage))
            #expect(command.verb == entry.verb)
            #expect(CommandCatalog.refusal(of: command, role: .observer) != nil || role == .observer)
            #expect(CommandCatalog.refusal(of: command, role: .mcu) == nil, "the centre may send everything")
        }
    }

    /// A line that fills a usage's placeholders with sample words.
    static func example(_ usage: String) -> String {
        let samples = ["<mic|all>": "mic2", "<mic|group|all>": "all", "<preset>": "chair", "<text>": "x", "<id>": "3", "<time>": "2026-12-01T10:30",
                       "<n>": "2", "<number>": "1234", "<priority>": "district", "<start>": "2026-12-01T08:00", "<who gave the floor>": "chủ trì", "<period>": "2026-H1"]
        var words: [String] = []
        for word in usage.split(separator: " ").map(String.init) {
            if word.hasPrefix("[") || word.hasPrefix("(") || word.hasSuffix("]") || word.hasSuffix(")") { continue }
            if let sample = samples[word] { words.append(sample) } else if word.contains("|") { words.append(String(word.split(separator: "|")[0])) } else { words.append(word) }
        }
        return words.joined(separator: " ")
    }
}
