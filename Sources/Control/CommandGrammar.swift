import Localization
import Logbook
import Room

/// Turns the words of a line into a command. Keywords are case-insensitive
/// (`MUTE all` works, as AV control systems often send capitals); names,
/// presets, numbers and texts are kept as written.
enum CommandGrammar {
    static func parse(_ words: [String]) throws(ProtocolFault) -> ControlLine {
        guard let first = words.first else {
            throw ProtocolFault(.syntax, "the line is empty: send a command, or 'help' for the list")
        }
        var rest = Arguments(words.dropFirst(), command: first.lowercased())
        switch first.lowercased() {
        case "login":
            let token = try rest.required("token", usage: "login <token>")
            try rest.end(usage: "login <token>")
            return .session(.login(token: token))
        case "events":
            let on = try rest.choice(["on": true, "off": false], usage: "events on|off")
            try rest.end(usage: "events on|off")
            return .session(.events(on))
        case "mode":
            let mode = try rest.choice(Dictionary(uniqueKeysWithValues: WireMode.allCases.map { ($0.rawValue, $0) }), usage: "mode text|json")
            try rest.end(usage: "mode text|json")
            return .session(.mode(mode))
        case "language":
            let language = try rest.choice(Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0.rawValue, $0) }), usage: "language vi|en")
            try rest.end(usage: "language vi|en")
            return .session(.language(language))
        case "help":
            return .session(.help(topic: rest.remaining.map { $0.lowercased() }))
        case "quit", "exit", "bye":
            try rest.end(usage: "quit")
            return .session(.quit)
        case "status":
            try rest.end(usage: "status")
            return .room(.status)
        case "identity":
            try rest.end(usage: "identity")
            return .room(.identity)
        case "floor":
            return .room(try floor(&rest))
        case "mute", "unmute":
            let usage = "\(first.lowercased()) <mic|all>"
            let name = try rest.required("microphone", usage: usage)
            try rest.end(usage: usage)
            let target: ControlCommand.MicTarget = name.lowercased() == "all" ? .all : .mic(name)
            return .room(first.lowercased() == "mute" ? .mute(target) : .unmute(target))
        case "camera":
            return .room(try camera(&rest))
        case "call":
            return .room(.call(try call(&rest)))
        case "note":
            return .room(.note(try rest.text("note", usage: "note <text>")))
        case "fault":
            return .room(try fault(&rest))
        case "phase":
            var phases = Dictionary(uniqueKeysWithValues: ControlCommand.MeetingPhase.allCases.map { ($0.rawValue, $0) })
            phases["technical-test"] = .test
            let usage = "phase preparation|test|official|ended"
            let phase = try rest.choice(phases, usage: usage)
            try rest.end(usage: usage)
            return .room(.phase(phase))
        case "check":
            try rest.end(usage: "check")
            return .room(.checkReadiness)
        case "schedule":
            return .room(try schedule(&rest))
        case "hand":
            return .room(try hand(&rest))
        case "report":
            return .room(try report(&rest))
        case "closing":
            let usage = closingUsage
            _ = try rest.choice(["confirm": true], usage: usage)
            let item = try rest.choice(Dictionary(uniqueKeysWithValues: ClosingItem.allCases.map { ($0.rawValue, $0) }), usage: usage)
            try rest.end(usage: usage)
            return .room(.closingConfirm(item))
        default:
            throw ProtocolFault(.unknownCommand, "'\(first)' is not a command: send 'help' for the list of commands")
        }
    }

    static let floorRelayUsage = "floor relay <mic|group|all> phone|voice <who gave the floor>"

    private static func floor(_ rest: inout Arguments) throws(ProtocolFault) -> ControlCommand {
        let usage = "floor grant <mic|group|all> | floor relay <mic|group|all> phone|voice <who> | floor end [mic|group|all]"
        switch try rest.choice(["grant": "grant", "relay": "relay", "end": "end"], usage: usage) {
        case "grant":
            let usage = "floor grant <mic|group|all>"
            let name = try rest.required("microphone or group", usage: usage)
            try rest.end(usage: usage)
            return .floorGrant(ControlCommand.FloorTarget(name))
        case "relay":
            let name = try rest.required("microphone or group", usage: floorRelayUsage)
            let via = try rest.choice(Dictionary(uniqueKeysWithValues: FloorRelay.allCases.map { ($0.rawValue, $0) }), usage: floorRelayUsage)
            let chair = try rest.text("name of who gave the floor (the chair)", usage: floorRelayUsage)
            return .floorRelay(ControlCommand.FloorTarget(name), via: via, chair: chair)
        default:
            let name = rest.next()
            try rest.end(usage: "floor end [mic|group|all]")
            return .floorEnd(name.map(ControlCommand.FloorTarget.init))
        }
    }

    static let reportUsage = "report <period> [text|csv|html|json]"

    /// `report 2026-H1 html`: a quarter (`2026-Q2`), a half year (`2026-H1`)
    /// or a year (`2026`), and the format, text by default.
    private static func report(_ rest: inout Arguments) throws(ProtocolFault) -> ControlCommand {
        let word = try rest.required("period", usage: reportUsage)
        guard let kind = ReportKind(parsing: word) else {
            throw ProtocolFault(.badArgument, "'\(word)' is not a period: give 2026-H1 or 2026-H2 (six months), 2026-Q1 to 2026-Q4 (a quarter) or 2026 (a year)")
        }
        let format = rest.peek() == nil
            ? ReportFormat.text
            : try rest.choice(Dictionary(uniqueKeysWithValues: ReportFormat.allCases.map { ($0.rawValue, $0) }), usage: reportUsage)
        try rest.end(usage: reportUsage)
        return .report(kind, format)
    }

    static let closingUsage = "closing confirm " + ClosingItem.allCases.map(\.rawValue).joined(separator: "|")

    static let handUsage = "hand raise [mic] | hand list | hand ack <n> | hand withdraw <n>"

    private static func hand(_ rest: inout Arguments) throws(ProtocolFault) -> ControlCommand {
        switch try rest.choice(["raise": "raise", "list": "list", "ack": "ack", "withdraw": "withdraw"], usage: handUsage) {
        case "raise":
            let microphone = rest.next()
            try rest.end(usage: "hand raise [mic]")
            return .handRaise(microphone: microphone)
        case "list":
            try rest.end(usage: "hand list")
            return .handList
        case let action:
            let usage = "hand \(action) <n>"
            let word = try rest.required("request number", usage: usage)
            guard let number = Int(word), number > 0 else {
                throw ProtocolFault(.badArgument, "'\(word)' is not a request number: give the id of the 'hand' event or of 'hand list', e.g. hand \(action) 2")
            }
            try rest.end(usage: usage)
            return action == "ack" ? .handAcknowledge(number) : .handWithdraw(number)
        }
    }

    private static func camera(_ rest: inout Arguments) throws(ProtocolFault) -> ControlCommand {
        let action = try rest.choice(["recall": "recall", "store": "store"], usage: "camera recall|store <preset>")
        let usage = "camera \(action) <preset>"
        let preset = try rest.required("preset", usage: usage)
        try rest.end(usage: usage)
        return action == "recall" ? .cameraRecall(preset: preset) : .cameraStore(preset: preset)
    }

    private static func call(_ rest: inout Arguments) throws(ProtocolFault) -> CallOrder {
        let action = try rest.choice(
            ["dial": "dial", "hangup": "hangup", "answer": "answer"],
            usage: "call dial <number> [h323|sip] [rate] | call hangup [id] | call answer"
        )
        switch action {
        case "dial":
            let usage = "call dial <number> [h323|sip] [rate in kbit/s]"
            let number = try rest.required("number", usage: usage)
            var signalling: CallProtocol?
            var rate: Int?
            while let word = rest.next() {
                if let known = CallProtocol(rawValue: word.lowercased()), signalling == nil {
                    signalling = known
                } else if let kbps = Int(word), rate == nil {
                    guard CallRate.range.contains(kbps) else {
                        throw ProtocolFault(.badArgument, "call rate \(kbps) kbit/s is out of range: give \(CallRate.range.lowerBound) to \(CallRate.range.upperBound), e.g. 1920")
                    }
                    rate = kbps
                } else {
                    throw ProtocolFault(.badArgument, "'\(word)' is neither h323, sip nor a rate in kbit/s: \(usage)")
                }
            }
            return .dial(number: number, protocol: signalling, rateKbps: rate)
        case "hangup":
            let id = rest.next()
            try rest.end(usage: "call hangup [id]")
            return .hangUp(callID: id)
        default:
            try rest.end(usage: "call answer")
            return .answer
        }
    }

    static let scheduleUsage = "schedule add <id> <priority> <start> [test <time>] [end <time>] [title] | schedule cancel <id> | schedule list"

    private static func schedule(_ rest: inout Arguments) throws(ProtocolFault) -> ControlCommand {
        switch try rest.choice(["add": "add", "cancel": "cancel", "list": "list"], usage: scheduleUsage) {
        case "list":
            try rest.end(usage: "schedule list")
            return .scheduleList
        case "cancel":
            let id = try rest.required("meeting id", usage: "schedule cancel <id>")
            try rest.end(usage: "schedule cancel <id>")
            return .scheduleCancel(id: id)
        default:
            let usage = "schedule add <id> <priority> <start> [test <time>] [end <time>] [title]"
            let id = try rest.required("meeting id", usage: usage)
            let priorities = Dictionary(uniqueKeysWithValues: MeetingPriority.allCases.map { ($0.rawValue, $0) })
            let priority = try rest.choice(priorities, usage: usage)
            let start = try ScheduleTime.parse(try rest.required("start time", usage: usage))
            var meeting = Meeting(id: id, priority: priority, startsAt: start)
            while let word = rest.peek()?.lowercased(), word == "test" || word == "end" {
                _ = rest.next()
                let time = try ScheduleTime.parse(try rest.required("\(word) time", usage: usage))
                if word == "test" { meeting.testAt = time } else { meeting.endsAt = time }
            }
            if !rest.remaining.isEmpty { meeting.title = try rest.text("title", usage: usage) }
            if let end = meeting.endsAt, end <= start {
                throw ProtocolFault(.badArgument, "the meeting ends before it starts: give an end after \(ScheduleTime.text(start))")
            }
            return .scheduleAdd(meeting)
        }
    }

    private static func fault(_ rest: inout Arguments) throws(ProtocolFault) -> ControlCommand {
        switch try rest.choice(["open": "open", "fixed": "fixed", "expect": "expect"], usage: "fault open <text> | fault fixed <id> <text> | fault expect <id> <time> [text]") {
        case "open":
            return .faultOpen(try rest.text("fault description", usage: "fault open <text>"))
        case "expect":
            let usage = "fault expect <id> <time> [what is being done]"
            let word = try rest.required("fault id", usage: usage)
            guard let id = Int(word), id >= 0 else {
                throw ProtocolFault(.badArgument, "'\(word)' is not a fault id: give the number of the open fault, e.g. fault expect 3 2026-12-01T10:30 chờ thay cáp")
            }
            let at = try ScheduleTime.parse(try rest.required("expected time", usage: usage))
            return .faultExpect(id: id, at: at, note: rest.remaining.isEmpty ? "" : try rest.text("what is being done", usage: usage))
        default:
            let usage = "fault fixed <id> <how it was fixed>"
            let word = try rest.required("fault id", usage: usage)
            guard let id = Int(word), id >= 0 else {
                throw ProtocolFault(.badArgument, "'\(word)' is not a fault id: give the number the reply to 'fault open' gave, e.g. fault fixed 3 thay cáp")
            }
            return .faultFixed(id: id, remedy: try rest.text("how it was fixed", usage: usage))
        }
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

/// The words after a command's first word, taken one at a time.
private struct Arguments {
    private var words: ArraySlice<String>
    let command: String

    init(_ words: ArraySlice<String>, command: String) {
        self.words = words
        self.command = command
    }

    var remaining: [String] { Array(words) }

    mutating func next() -> String? { words.popFirst() }

    func peek() -> String? { words.first }

    mutating func required(_ what: String, usage: String) throws(ProtocolFault) -> String {
        guard let word = words.popFirst(), !word.isEmpty else {
            throw ProtocolFault(.badArgument, "the \(what) is missing: \(usage)")
        }
        return word
    }

    mutating func choice<T>(_ options: [String: T], usage: String) throws(ProtocolFault) -> T {
        guard let word = words.popFirst() else {
            throw ProtocolFault(.badArgument, "'\(command)' needs more: \(usage)")
        }
        guard let value = options[word.lowercased()] else {
            throw ProtocolFault(.badArgument, "'\(word)' is not one of \(options.keys.sorted().joined(separator: ", ")): \(usage)")
        }
        return value
    }

    /// The rest of the line as one text: its words joined by single spaces
    /// (a quoted text keeps its own spacing).
    mutating func text(_ what: String, usage: String) throws(ProtocolFault) -> String {
        let text = words.joined(separator: " ")
        words = []
        guard !text.allSatisfy(\.isWhitespace) else {
            throw ProtocolFault(.badArgument, "the \(what) is missing: \(usage)")
        }
        return text
    }

    func end(usage: String) throws(ProtocolFault) {
        if let extra = words.first {
            throw ProtocolFault(.badArgument, "unexpected '\(extra)' after the command: \(usage)")
        }
    }
}

extension ControlCommand {
    /// Reads a command from a protocol line (text mode's grammar).
    /// Session commands (`login`, `events`, ...) are not room commands and are refused here.
    public init(parsing line: String) throws(ControlCommandSyntaxError) {
        do throws(ProtocolFault) {
            switch try CommandGrammar.parse(try WordQuoting.words(of: line)) {
            case .room(let command): self = command
            case .session: throw ProtocolFault(.unknownCommand, "'\(line)' is a session command, not a room command")
            }
        } catch {
            throw ControlCommandSyntaxError(code: error.code, message: error.message)
        }
    }
}

/// Why a line is not a room command: the code and message the server would answer.
public struct ControlCommandSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: ControlErrorCode
    public let message: String
    public var description: String { message }
}
