import Localization
import Logbook
import Room

/// The entries of the catalog, in the order `help` lists them.
extension CommandCatalog {
    static let entries: [Entry] = [
        login, help, mode, language, quit, events, status, identity, mute, unmute, cameraRecall, cameraStore, note,
        faultOpen, faultExpect, faultFixed, phase, check, handRaise, handList, handAcknowledge, handWithdraw,
        closingConfirm, floorRelay, floorGrant, floorEnd, callDial, callHangUp, scheduleAdd, scheduleCancel,
        scheduleList, report, callAnswer,
    ]

    // MARK: The session

    static let login = Entry(session: "login", "login <token>", Message("log in with your role's token")) { rest throws(ProtocolFault) in
        let token = try rest.required(Message("the token is missing"))
        try rest.end()
        return .login(token: token)
    }
    static let help = Entry(session: "help", "help [command]", Message("the commands your role may send, or how to use one")) { rest in
        .help(topic: rest.remaining.map { $0.lowercased() })
    }
    static let mode = Entry(session: "mode", "mode text|json", Message("switch this connection to text lines or JSON lines")) { rest throws(ProtocolFault) in
        let mode = try rest.choice(of: WireMode.self)
        try rest.end()
        return .mode(mode)
    }
    static let language = Entry(session: "language", "language vi|en", Message("the language of the reasons in ERR replies: Vietnamese or English")) { rest throws(ProtocolFault) in
        let language = try rest.choice(of: Language.self)
        try rest.end()
        return .language(language)
    }
    static let quit = Entry(session: "quit", "quit", Message("close the connection"), aliases: ["exit", "bye"]) { rest throws(ProtocolFault) in
        try rest.end()
        return .quit
    }
    static let events = Entry(session: "events", "events on|off", role: .observer, Message("push the room's changes to this connection as EVENT lines")) { rest throws(ProtocolFault) in
        let on = try rest.choice(["on": true, "off": false])
        try rest.end()
        return .events(on)
    }

    // MARK: Looking

    static let status = Entry("status", .observer, Message("the room's phase, call, floor, microphones and camera"), alone: .status)
    static let identity = Entry("identity", .observer, Message("the room's name, lead and technicians, as reported to the main endpoint (R8)"), alone: .identity)
    static let handList = Entry("hand list", .observer, Message("the requests to speak waiting for the chair (R9)"), alone: .handList)
    static let scheduleList = Entry("schedule list", .observer, Message("the meetings on the schedule, who entered them and their last readiness result (R5)"), alone: .scheduleList)
    /// `report 2026-H1 html`: a quarter (`2026-Q2`), a half year (`2026-H1`)
    /// or a year (`2026`), and the format, text by default.
    static let report = Entry(
        "report", "report <period> [text|csv|html|json]", .observer,
        Message("the logbook's report (R4) for a quarter, half year or year: after the reply's line, its bytes=N bytes of text, CSV, the printable HTML page or JSON")
    ) { rest throws(ProtocolFault) in
        let word = try rest.required(Message("the period is missing"))
        guard let kind = ReportKind(parsing: word) else {
            throw ProtocolFault(.badArgument, Message(
                "'{word}' is not a period: give 2026-H1 or 2026-H2 (six months), 2026-Q1 to 2026-Q4 (a quarter) or 2026 (a year)", ["word": word]))
        }
        let format = rest.peek() == nil ? ReportFormat.text : try rest.choice(of: ReportFormat.self)
        try rest.end()
        return .report(kind, format)
    }

    // MARK: The technician's

    static let mute = Entry("mute", "mute <mic|all>", .technician, Message("switch a microphone, or all, off")) { rest throws(ProtocolFault) in
        .mute(try microphones(&rest))
    }
    static let unmute = Entry("unmute", "unmute <mic|all>", .technician, Message("switch a microphone, or all, on, when the rules allow it (R2)")) { rest throws(ProtocolFault) in
        .unmute(try microphones(&rest))
    }
    static let cameraRecall = Entry("camera recall", "camera recall <preset>", .technician, Message("turn the camera to a stored preset (R3)")) { rest throws(ProtocolFault) in
        .cameraRecall(preset: try preset(&rest))
    }
    static let cameraStore = Entry("camera store", "camera store <preset>", .technician, Message("store the camera's position under a preset (R3), in preparation (R7)")) { rest throws(ProtocolFault) in
        .cameraStore(preset: try preset(&rest))
    }
    static let note = Entry("note", "note <text>", .technician, Message("write a line in the logbook (R4)")) { rest throws(ProtocolFault) in
        .note(try rest.text(Message("the note is missing")))
    }
    static let faultOpen = Entry("fault open", "fault open <text>", .technician, Message("log a fault; the reply gives its id (R4, R11)")) { rest throws(ProtocolFault) in
        .faultOpen(try rest.text(Message("the fault description is missing")))
    }
    static let faultExpect = Entry("fault expect", "fault expect <id> <time> [text]", .technician, Message("when the room expects to be back from open fault <id> (R11)")) { rest throws(ProtocolFault) in
        let word = try rest.required(Message("the fault id is missing"))
        guard let id = Int(word), id >= 0 else {
            throw ProtocolFault(.badArgument, Message("'{word}' is not a fault id: give the number of the open fault, e.g. fault expect 3 2026-12-01T10:30 chờ thay cáp", ["word": word]))
        }
        let at = try ScheduleTime.parse(try rest.required(Message("the expected time is missing")))
        return .faultExpect(id: id, at: at, note: rest.remaining.isEmpty ? "" : try rest.text(Message("say what is being done")))
    }
    static let faultFixed = Entry("fault fixed", "fault fixed <id> <text>", .technician, Message("log how fault <id> was fixed (R4, R11)")) { rest throws(ProtocolFault) in
        let word = try rest.required(Message("the fault id is missing"))
        guard let id = Int(word), id >= 0 else {
            throw ProtocolFault(.badArgument, Message("'{word}' is not a fault id: give the number the reply to 'fault open' gave, e.g. fault fixed 3 thay cáp", ["word": word]))
        }
        return .faultFixed(id: id, remedy: try rest.text(Message("say how it was fixed")))
    }
    static let phase = Entry("phase", "phase preparation|test|official|ended", .technician, Message("where the meeting stands (R4, R5, R6)")) { rest throws(ProtocolFault) in
        var phases = Dictionary(uniqueKeysWithValues: ControlCommand.MeetingPhase.allCases.map { ($0.rawValue, $0) })
        phases["technical-test"] = .test
        let phase = try rest.choice(phases)
        try rest.end()
        return .phase(phase)
    }
    static let check = Entry("check", .technician, Message("run the readiness self-test now (R5)"), alone: .checkReadiness)
    static let handRaise = Entry("hand raise", "hand raise [mic]", .technician, Message("register a request to speak with the chair, for a microphone or the room (R9)")) { rest throws(ProtocolFault) in
        let microphone = rest.next()
        try rest.end()
        return .handRaise(microphone: microphone)
    }
    static let handAcknowledge = Entry("hand ack", "hand ack <n>", .technician, Message("say that request n was seen (R9)")) { rest throws(ProtocolFault) in
        .handAcknowledge(try requestNumber(&rest, "ack"))
    }
    static let handWithdraw = Entry("hand withdraw", "hand withdraw <n>", .technician, Message("take back request n (R9)")) { rest throws(ProtocolFault) in
        .handWithdraw(try requestNumber(&rest, "withdraw"))
    }
    static let closingConfirm = Entry(
        "closing confirm", "closing confirm " + ClosingItem.allCases.map(\.rawValue).joined(separator: "|"), .technician,
        Message("confirm an item of the checklist the end of the meeting opens (R6)")
    ) { rest throws(ProtocolFault) in
        let item = try rest.choice(of: ClosingItem.self)
        try rest.end()
        return .closingConfirm(item)
    }
    static let floorRelay = Entry(
        "floor relay", "floor relay <mic|group|all> phone|voice <who gave the floor>", .technician,
        Message("record the floor the chair gave by telephone or by voice over the conference (002 Art. 6.3)")
    ) { rest throws(ProtocolFault) in
        let name = try rest.required(Message("the microphone or group is missing"))
        let via = try rest.choice(of: FloorRelay.self)
        let chair = try rest.text(Message("the name of who gave the floor (the chair) is missing"))
        return .floorRelay(ControlCommand.FloorTarget(name), via: via, chair: chair)
    }
    static let floorEnd = Entry("floor end", "floor end [mic|group|all]", .technician, Message("the speaker has finished: microphones off, for everyone with the floor when no target is given (R2)")) { rest throws(ProtocolFault) in
        let name = rest.next()
        try rest.end()
        return .floorEnd(name.map(ControlCommand.FloorTarget.init))
    }
    static let scheduleAdd = Entry(
        "schedule add", "schedule add <id> <priority> <start> [test <time>] [end <time>] [title]", .technician,
        Message("put a meeting on the room's schedule")
    ) { rest throws(ProtocolFault) in
        let id = try rest.required(Message("the meeting id is missing"))
        let priority = try rest.choice(of: MeetingPriority.self)
        let start = try ScheduleTime.parse(try rest.required(Message("the start time is missing")))
        var meeting = Meeting(id: id, priority: priority, startsAt: start)
        while let word = rest.peek()?.lowercased(), word == "test" || word == "end" {
            _ = rest.next()
            let time = try ScheduleTime.parse(try rest.required(Message("the time after '{word}' is missing", ["word": word])))
            if word == "test" { meeting.testAt = time } else { meeting.endsAt = time }
        }
        if !rest.remaining.isEmpty { meeting.title = try rest.text(Message("the title is missing")) }
        if let end = meeting.endsAt, end <= start {
            throw ProtocolFault(.badArgument, Message("the meeting ends before it starts: give an end after {start}", ["start": ScheduleTime.text(start)]))
        }
        return .scheduleAdd(meeting)
    }
    static let scheduleCancel = Entry("schedule cancel", "schedule cancel <id>", .technician, Message("take a meeting off the schedule")) { rest throws(ProtocolFault) in
        let id = try rest.required(Message("the meeting id is missing"))
        try rest.end()
        return .scheduleCancel(id: id)
    }

    // MARK: The MCU centre's (R1, R2)

    static let floorGrant = Entry("floor grant", "floor grant <mic|group|all>", .mcu, Message("give the floor: microphones on, camera to the speaker (R2, R3)")) { rest throws(ProtocolFault) in
        let name = try rest.required(Message("the microphone or group is missing"))
        try rest.end()
        return .floorGrant(ControlCommand.FloorTarget(name))
    }
    static let callDial = Entry("call dial", "call dial <number> [h323|sip] [rate]", .mcu, Message("ask the terminal to dial (R1)")) { rest throws(ProtocolFault) in
        let number = try rest.required(Message("the number is missing"))
        var signalling: CallProtocol?
        var rate: Int?
        while let word = rest.next() {
            if let known = CallProtocol(rawValue: word.lowercased()), signalling == nil {
                signalling = known
            } else if let kbps = Int(word), rate == nil {
                guard CallRate.range.contains(kbps) else {
                    throw ProtocolFault(.badArgument, Message(
                        "call rate {rate} kbit/s is out of range: give {lowest} to {highest}, e.g. 1920",
                        ["rate": String(kbps), "lowest": String(CallRate.range.lowerBound), "highest": String(CallRate.range.upperBound)]))
                }
                rate = kbps
            } else {
                throw ProtocolFault(.badArgument, Message("'{word}' is neither h323, sip nor a rate in kbit/s", ["word": word]), usage: rest.usage)
            }
        }
        return .call(.dial(number: number, protocol: signalling, rateKbps: rate))
    }
    static let callHangUp = Entry("call hangup", "call hangup [id]", .mcu, Message("ask the terminal to hang up one call, or every call (R1)")) { rest throws(ProtocolFault) in
        let id = rest.next()
        try rest.end()
        return .call(.hangUp(callID: id))
    }
    static let callAnswer = Entry("call answer", .mcu, Message("ask the terminal to answer the ringing call (R1)"), alone: .call(.answer))

    // MARK: Arguments several commands share

    private static func microphones(_ rest: inout Arguments) throws(ProtocolFault) -> ControlCommand.MicTarget {
        let name = try rest.required(Message("the microphone is missing"))
        try rest.end()
        return name.lowercased() == "all" ? .all : .mic(name)
    }

    private static func preset(_ rest: inout Arguments) throws(ProtocolFault) -> String {
        let preset = try rest.required(Message("the preset is missing"))
        try rest.end()
        return preset
    }

    private static func requestNumber(_ rest: inout Arguments, _ action: String) throws(ProtocolFault) -> Int {
        let word = try rest.required(Message("the request number is missing"))
        guard let number = Int(word), number > 0 else {
            throw ProtocolFault(.badArgument, Message(
                "'{word}' is not a request number: give the id of the 'hand' event or of 'hand list', e.g. hand {action} 2",
                ["word": word, "action": action]))
        }
        try rest.end()
        return number
    }
}

extension ControlCommand {
    /// The command's entry in the catalog.
    var entry: CommandCatalog.Entry {
        switch self {
        case .status: CommandCatalog.status
        case .identity: CommandCatalog.identity
        case .floorGrant: CommandCatalog.floorGrant
        case .floorEnd: CommandCatalog.floorEnd
        case .mute: CommandCatalog.mute
        case .unmute: CommandCatalog.unmute
        case .cameraRecall: CommandCatalog.cameraRecall
        case .cameraStore: CommandCatalog.cameraStore
        case .call(.dial): CommandCatalog.callDial
        case .call(.hangUp): CommandCatalog.callHangUp
        case .call(.answer): CommandCatalog.callAnswer
        case .note: CommandCatalog.note
        case .faultOpen: CommandCatalog.faultOpen
        case .faultFixed: CommandCatalog.faultFixed
        case .faultExpect: CommandCatalog.faultExpect
        case .phase: CommandCatalog.phase
        case .handRaise: CommandCatalog.handRaise
        case .handList: CommandCatalog.handList
        case .handAcknowledge: CommandCatalog.handAcknowledge
        case .handWithdraw: CommandCatalog.handWithdraw
        case .floorRelay: CommandCatalog.floorRelay
        case .closingConfirm: CommandCatalog.closingConfirm
        case .checkReadiness: CommandCatalog.check
        case .scheduleAdd: CommandCatalog.scheduleAdd
        case .scheduleCancel: CommandCatalog.scheduleCancel
        case .scheduleList: CommandCatalog.scheduleList
        case .report: CommandCatalog.report
        }
    }
}
