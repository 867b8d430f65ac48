import Localization
import Room

/// The protocol's commands, one entry each (issue 17): its words, usage,
/// the role it needs, what it does, and how its arguments are read. The
/// grammar (`CommandGrammar.parse`), `help`, `ControlCommand.verb` and
/// `minimumRole`, and the command table of docs/control-protocol.md
/// (`CommandTableTests`) all come from here.
///
/// The role an entry names is the one table of who may send what, and
/// `refusal(of:role:)` is the one place that refuses on it, at the server's
/// door, with `ERR forbidden`: that is where a client's role is known,
/// where every transport (the control sockets, the fleet broker) passes,
/// and where `help` must agree with what is refused. The room's rules do
/// not repeat the table; they keep only the regulations' own limits, which
/// hold whoever feeds them (the keypad, the daemon, a test): only the MCU
/// centre's order reaches the terminal (R1, `State.authoriseCall`) and only
/// the centre grants the floor (R2), both property-tested in RoomTests.
enum CommandCatalog {
    /// One command of the protocol.
    struct Entry: Sendable {
        /// The command's words without its arguments, e.g. `camera recall`.
        let verb: String
        /// Other spellings of a one-word command (`exit` and `bye` for `quit`).
        let aliases: [String]
        let usage: String
        /// Nil for the session commands anyone connected may send.
        let role: Role?
        /// What it does, for `help` (said in the connection's language) and the protocol's document.
        let about: Message
        /// Reads the arguments that follow the command's words.
        let parse: @Sendable (inout Arguments) throws(ProtocolFault) -> ControlLine

        /// A command about the connection itself; `role` when it needs a login.
        init(session verb: String, _ usage: String, role: Role? = nil, _ about: Message, aliases: [String] = [],
             _ parse: @escaping @Sendable (inout Arguments) throws(ProtocolFault) -> SessionCommand) {
            self.verb = verb
            self.aliases = aliases
            self.usage = usage
            self.role = role
            self.about = about
            self.parse = { (rest: inout Arguments) throws(ProtocolFault) in .session(try parse(&rest)) }
        }

        /// A command for the room, which `role` or a higher one may send.
        init(_ verb: String, _ usage: String, _ role: Role, _ about: Message,
             _ parse: @escaping @Sendable (inout Arguments) throws(ProtocolFault) -> ControlCommand) {
            self.verb = verb
            self.aliases = []
            self.usage = usage
            self.role = role
            self.about = about
            self.parse = { (rest: inout Arguments) throws(ProtocolFault) in .room(try parse(&rest)) }
        }

        /// A room command of its words alone, which `role` or a higher one may send.
        init(_ verb: String, _ role: Role, _ about: Message, alone command: ControlCommand) {
            self.init(verb, verb, role, about) { (rest: inout Arguments) throws(ProtocolFault) in
                try rest.end()
                return command
            }
        }

        /// Whether a client logged in as `role` (nil: not yet) may send it.
        func admits(_ role: Role?) -> Bool {
            guard let needed = self.role else { return true }
            guard let role else { return false }
            return role >= needed
        }
    }

    /// The entries whose first word is `word` (lowercased), in the catalog's order.
    static func entries(startingWith word: String) -> [Entry] {
        entries.filter { $0.verb.split(separator: " ").first.map(String.init) == word || $0.aliases.contains(word) }
    }

    /// Why a client logged in as `role` may not send `command`, if it may not:
    /// the one place the protocol refuses on a role. Over the broker the role
    /// is the one the room's fleet section gives, not a login's, and the
    /// reason says so.
    static func refusal(of command: ControlCommand, role: Role, overBroker: Bool = false) -> ProtocolFault? {
        let entry = command.entry
        guard !entry.admits(role) else { return nil }
        let values: KeyValuePairs = ["command": entry.verb, "role": entry.role?.rawValue ?? "", "yours": role.rawValue]
        return ProtocolFault(.forbidden, overBroker
            ? Message("'{command}' needs the {role} role; the room's fleet section gives commands from the broker the {yours} role", values)
            : Message("'{command}' needs the {role} role; you are logged in as {yours}", values))
    }

    /// `help`, `help <command>`: the commands `role` may send, or one command's usage.
    static func help(_ topic: [String], role: Role?, in language: Language) -> ControlReply {
        guard !topic.isEmpty else {
            return .ok(
                "help",
                [
                    "role": .text(role?.rawValue ?? "none"),
                    "commands": .list(entries.filter { $0.admits(role) }.map(\.verb)),
                    "more": "help <command>",
                ]
            )
        }
        let asked = topic.joined(separator: " ")
        let matches = entries.filter { $0.verb == asked || $0.verb.hasPrefix(asked + " ") }
        if matches.count == 1, let entry = matches.first {
            return .ok(
                "help",
                [
                    "command": .text(entry.verb),
                    "usage": .text(entry.usage),
                    "role": .text(entry.role?.rawValue ?? "any"),
                    "about": .text(entry.about.said(in: language)),
                ]
            )
        }
        if !matches.isEmpty {
            return .ok("help", ["commands": .list(matches.map(\.verb)), "more": "help <command>"])
        }
        return .error(.unknownCommand, language.say("'{command}' is not a command: send 'help' for the list", ["command": asked]))
    }
}

extension ControlCommand {
    /// The lowest role that may send this command (the catalog's).
    public var minimumRole: Role { entry.role ?? .observer }

    /// The command's words without its arguments, e.g. `camera recall`.
    public var verb: String { entry.verb }
}
