import Room

/// Every command with its usage, who may send it and what it does: the
/// source of `help` and of the protocol's reference in docs/control-protocol.md.
enum CommandCatalog {
    struct Entry {
        let verb: String
        let usage: String
        /// Nil for session commands, which anyone connected may send.
        let role: Role?
        let about: String
    }

    static let entries: [Entry] = [
        Entry(verb: "login", usage: "login <token>", role: nil, about: "log in with your role's token"),
        Entry(verb: "help", usage: "help [command]", role: nil, about: "the commands your role may send, or how to use one"),
        Entry(verb: "mode", usage: "mode text|json", role: nil, about: "switch this connection to text lines or JSON lines"),
        Entry(verb: "language", usage: "language vi|en", role: nil, about: "the language of the replies' reasons: Vietnamese or English"),
        Entry(verb: "quit", usage: "quit", role: nil, about: "close the connection"),
        Entry(verb: "events", usage: "events on|off", role: .observer, about: "push the room's changes to this connection as EVENT lines"),
        Entry(verb: "status", usage: "status", role: .observer, about: "the room's phase, call, floor, microphones and camera"),
        Entry(verb: "identity", usage: "identity", role: .observer, about: "the room's name, lead and technicians (R8); the centre gets it unasked at login"),
        Entry(verb: "mute", usage: "mute <mic|all>", role: .technician, about: "switch a microphone, or all, off"),
        Entry(verb: "unmute", usage: "unmute <mic|all>", role: .technician, about: "switch a microphone, or all, on, when the rules allow (R2)"),
        Entry(verb: "camera recall", usage: "camera recall <preset>", role: .technician, about: "turn the camera to a stored preset (R3)"),
        Entry(verb: "camera store", usage: "camera store <preset>", role: .technician, about: "store the camera's position under a preset, in preparation; a new name takes the lowest free slot and joins the preset book (R3, R7)"),
        Entry(verb: "note", usage: "note <text>", role: .technician, about: "write a line in the logbook (R4)"),
        Entry(verb: "fault open", usage: "fault open <text>", role: .technician, about: "log a fault; the reply gives its id (R4, R11)"),
        Entry(verb: "fault expect", usage: "fault expect <id> <time> [text]", role: .technician, about: "when the room expects to be back from open fault <id>, sent to the centre; again to update it (R11)"),
        Entry(verb: "fault fixed", usage: "fault fixed <id> <text>", role: .technician, about: "log how a fault was fixed (R4, R11)"),
        Entry(verb: "phase", usage: "phase preparation|test|official|ended", role: .technician, about: "where the meeting stands, for the logbook (R4, R5, R6)"),
        Entry(verb: "check", usage: "check", role: .technician, about: "run the readiness self-test now: equipment, sound, picture, line (R5)"),
        Entry(verb: "hand raise", usage: "hand raise [mic]", role: .technician, about: "ask the chair for the floor, for a microphone or the room; the request waits in the queue (R9)"),
        Entry(verb: "hand list", usage: "hand list", role: .observer, about: "the requests to speak waiting for the chair (R9)"),
        Entry(verb: "hand ack", usage: "hand ack <n>", role: .technician, about: "say that request n was seen (R9)"),
        Entry(verb: "hand withdraw", usage: "hand withdraw <n>", role: .technician, about: "take back request n (R9)"),
        Entry(verb: "closing confirm", usage: CommandGrammar.closingUsage, role: .technician, about: "confirm an item of the checklist the end of the meeting opens: the system checked, the call ended by the centre, the lens cap on, the power off (R6)"),
        Entry(verb: "floor relay", usage: CommandGrammar.floorRelayUsage, role: .technician, about: "record the floor the chair gave by telephone or voice: microphones on, camera to the speaker, the chair named in the logbook (R2; 002 Art. 6.3)"),
        Entry(verb: "floor grant", usage: "floor grant <mic|group|all>", role: .mcu, about: "give the floor: microphones on, camera to the speaker (R2, R3)"),
        Entry(verb: "floor end", usage: "floor end [mic|group|all]", role: .technician, about: "the speaker has finished: microphones off, for everyone by default; the technician ends only a grant recorded with 'floor relay' (R2)"),
        Entry(verb: "call dial", usage: "call dial <number> [h323|sip] [rate]", role: .mcu, about: "ask the terminal to dial (R1)"),
        Entry(verb: "call hangup", usage: "call hangup [id]", role: .mcu, about: "ask the terminal to hang up one call, or all (R1)"),
        Entry(verb: "schedule add", usage: "schedule add <id> <priority> <start> [test <time>] [end <time>] [title]", role: .technician, about: "put a meeting on the schedule: readiness at the test time and at the room's lead times before the start (R5, R10); the technician's entry, from the paper invitation, gives way to the centre's"),
        Entry(verb: "schedule cancel", usage: "schedule cancel <id>", role: .technician, about: "take a meeting off the schedule (the technician: only one entered from an invitation)"),
        Entry(verb: "schedule list", usage: "schedule list", role: .observer, about: "the meetings on the schedule, who entered them and their last readiness result (R5)"),
        Entry(verb: "report", usage: CommandGrammar.reportUsage, role: .observer, about: "the logbook's report for a quarter, half year or year (R4): after the reply's line, its bytes=N bytes of text, CSV, the printable HTML page or JSON"),
        Entry(verb: "call answer", usage: "call answer", role: .mcu, about: "ask the terminal to answer the ringing call (R1)"),
    ]

    static func help(_ topic: [String], role: Role?) -> ControlReply {
        guard !topic.isEmpty else {
            let usable = entries.filter { entry in
                guard let needed = entry.role else { return true }
                guard let role else { return false }
                return role >= needed
            }
            return .ok(
                "help",
                [
                    "role": .text(role?.rawValue ?? "none"),
                    "commands": .list(usable.map(\.verb)),
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
                    "about": .text(entry.about),
                ]
            )
        }
        if !matches.isEmpty {
            return .ok("help", ["commands": .list(matches.map(\.verb)), "more": "help <command>"])
        }
        return .error(.unknownCommand, "'\(asked)' is not a command: send 'help' for the list")
    }
}
