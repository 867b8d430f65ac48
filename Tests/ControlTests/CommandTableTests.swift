@testable import Control
import Foundation
import Testing

/// The protocol document's command table is the catalog's: every command
/// the server knows is there with its usage and role, and nothing else is.
@Suite struct CommandTableTests {
    /// `(usage, role)` of each row of the table under "## Commands".
    private func documentedCommands() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/control-protocol.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Commands\n").dropFirst().first)
        var rows: [String: String] = [:]
        // The first table of the section: from its header to its first line that is not a row.
        let table = section.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        for line in table {
            guard line.hasPrefix("| `") else { continue }
            // Cells are split at `|` that are not escaped as `\|`.
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|")
            }
            guard cells.count >= 2 else { continue }
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[1]
        }
        return rows
    }

    @Test func theDocumentListsEveryCommandWithItsUsageAndRole() throws {
        let documented = try documentedCommands()
        let catalog = Dictionary(uniqueKeysWithValues: CommandCatalog.entries.map { ($0.usage, $0.role?.rawValue ?? "—") })
        for (usage, role) in catalog.sorted(by: { $0.key < $1.key }) {
            #expect(documented[usage] == role, "docs/control-protocol.md: `\(usage)` should be in the command table with role \(role)")
        }
        for usage in documented.keys.sorted() where catalog[usage] == nil {
            Issue.record("docs/control-protocol.md lists `\(usage)`, which the server's catalog does not have")
        }
    }

}
