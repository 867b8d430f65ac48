import Localization
import Logbook
import Room

/// Turns the words of a line into a command. Keywords are case-insensitive
/// (`MUTE all` works, as AV control systems often send capitals); names,
/// presets, numbers and texts are kept as written.
enum CommandGrammar {
    /// Finds the catalog's entry by the line's first words and lets it read the rest.
    static func parse(_ written: [String]) throws(ProtocolFault) -> ControlLine {
        // Names and texts go on in NFC, however the client's keyboard (or a
        // JSON `\u` escape) composed them: every transport passes here.
        let words = written.map(\.nfc)
        guard let first = words.first else {
            throw ProtocolFault(.syntax, Message("the line is empty: send a command, or 'help' for the list"))
        }
        let command = first.lowercased()
        let candidates = CommandCatalog.entries(startingWith: command)
        var rest = Arguments(words.dropFirst(), command: command, usage: candidates.map(\.usage).joined(separator: " | "))
        let entry: CommandCatalog.Entry
        switch candidates.count {
        case 0:
            throw ProtocolFault(.unknownCommand, Message("'{command}' is not a command: send 'help' for the list of commands", ["command": first]))
        case 1 where !candidates[0].verb.contains(" "):
            entry = candidates[0]
        default:
            // A command of two words (`camera recall`): the second chooses among them.
            var bySecondWord: [String: CommandCatalog.Entry] = [:]
            for candidate in candidates {
                let verb = candidate.verb.split(separator: " ")
                if verb.count == 2 { bySecondWord[String(verb[1])] = candidate }
            }
            entry = try rest.choice(bySecondWord)
        }
        rest.usage = entry.usage
        return try entry.parse(&rest)
    }
}

extension ControlCommand.FloorTarget {
    /// `all` (in any case) or a name.
    init(_ word: String) {
        self = word.lowercased() == "all" ? .all : .named(word)
    }
}

/// The call rates a terminal accepts, in kbit/s.
enum CallRate {
    static let range = 64...8192
}

extension ControlCommand {
    /// Reads a command from a protocol line (text mode's grammar).
    /// Session commands (`login`, `events`, ...) are not room commands and are refused here.
    public init(parsing line: String) throws(ControlCommandSyntaxError) {
        do throws(ProtocolFault) {
            switch try CommandGrammar.parse(try WordQuoting.words(of: line)) {
            case .room(let command): self = command
            case .session: throw ProtocolFault(.unknownCommand, Message("'{line}' is a session command, not a room command", ["line": line]))
            }
        } catch {
            throw ControlCommandSyntaxError(code: error.code, message: error.said(in: .en))
        }
    }
}

/// Why a line is not a room command: the code and message the server would answer.
public struct ControlCommandSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: ControlErrorCode
    public let message: String
    public var description: String { message }
}
