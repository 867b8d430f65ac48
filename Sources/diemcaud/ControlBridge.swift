import Control
import Localization
import Room
import Service

/// The daemon's side of the control protocol: each request becomes an input
/// of the rules, sent with who sent it; the reply says what the rules did.
struct ControlBridge: ControlHandler {
    let room: RoomDaemon
    let log: ServiceLog

    /// One call into the room actor per request (issue 12): the reply
    /// describes the room right after the command, with nothing run between.
    func handle(_ request: ControlRequest) async -> ControlReply {
        let client = Client(role: request.sender.role, identity: request.sender.identity)
        switch request.command {
        case .status:
            return .ok(ControlMessage(topic: "status", fields: RoomStatus.fields(of: await room.state)))
        case .identity:
            // The rules answer a report with the identity they hold at that moment.
            let effects = await room.submit(.command(.reportIdentity, from: client))
            for case .event(.identity(let identity)) in effects {
                return .ok(ControlMessage(topic: "identity", fields: ControlEvents.identityFields(identity)))
            }
            return .ok(ControlMessage(topic: "identity", fields: []))
        case .scheduleList:
            let schedule = await room.state.schedule
            return .ok(ControlMessage(topic: "schedule list", fields: [
                .init("count", .number(schedule.count)), .init("meetings", .list(schedule.map(Self.summary))),
            ]))
        case .report(let kind, let format):
            // Made on a thread of its own, from the logbook's files: the room's actor is not held.
            return await ReportDesk.answer(kind, format, language: request.language, directory: room.logbook.directory, identity: await room.state.setup.identity)
        case .handList:
            let requests = await room.state.requests
            return .ok(ControlMessage(topic: "hand list", fields: [
                .init("count", .number(requests.count)), .init("requests", .list(requests.map(\.summary))),
            ]))
        default:
            break
        }
        let (command, performed): (RoomCommand, Performed)
        switch await room.perform(request, from: client, log: log) {
        case .success(let done): (command, performed) = done
        case .failure(let refusal): return .error(.notFound, refusal.message.said(in: request.language))
        }
        for case .event(.refused(_, let refused, let reason)) in performed.effects where refused == client {
            return .error(.refused, reason.said(in: request.language))
        }
        guard performed.problems.isEmpty else {
            return .error(.device, performed.problems.map { $0.said(in: request.language) }.joined(separator: "; "))
        }
        return .ok(ControlMessage(topic: request.command.verb, fields: Self.fields(for: command, performed)))
    }

    /// The reply's fields: the room right after the command, and what the
    /// command itself made (the incident's number, whether the camera is
    /// still moving).
    static func fields(for command: RoomCommand, _ performed: Performed) -> [ControlField] {
        var fields: [ControlField] = []
        for case .log(let entry) in performed.effects {
            if case .reportFault = command, case .incident(let incident) = entry.record {
                fields.append(.init("id", .number(incident.id)))
            }
        }
        if let camera = performed.camera {
            let completion = switch camera {
            case .acknowledged: "pending"
            case .done: "done"
            case .superseded: "superseded"
            case .failed: "failed"
            }
            fields.append(.init("completion", .text(completion)))
        }
        return fields + RoomStatus.fields(of: performed.state)
    }

    /// R8: the centre is told who the room is the moment it logs in.
    func greeting(for client: ControlClient) async -> ControlEvent? {
        guard client.role == .mcu else { return nil }
        let identity = await room.state.setup.identity
        await room.submit(.command(.identityPushed, from: Client(role: client.role, identity: client.identity)))
        return ControlMessage(topic: "identity", fields: ControlEvents.identityFields(identity))
    }

    /// `HN-12 2026-12-02T01:00:00Z peoples-committee centre readiness=passed`: one meeting in `schedule list`.
    static func summary(_ entry: ScheduledMeeting) -> String {
        let readiness = entry.readinessPassed.map { $0 ? "passed" : "failed" } ?? "not-run"
        var words = [entry.meeting.id, ScheduleTime.text(entry.meeting.startsAt), entry.meeting.priority.rawValue,
                     entry.fromInvitation ? "invitation" : "centre", "readiness=\(readiness)"]
        if let other = entry.displacedBy { words.append("displaced-by=\(other)") }
        return words.joined(separator: " ")
    }

    func note(_ access: ControlAccess) async {
        switch access {
        case .loggedIn: log.info(access.message)
        default: log.notice(access.message)
        }
    }

    /// A request the room cannot even consider: it names nothing the room has.
    struct Refusal: Error {
        let message: Message
    }

    /// What a command may name that the room lacks.
    enum Named {
        case microphone, microphoneOrGroup, preset
    }

    /// The control protocol's words in the rules' words; names are looked up
    /// in the room's setup so that a typo gets `ERR not-found` with the names
    /// that do exist.
    static func translate(_ command: ControlCommand, setup: RoomSetup) -> Result<RoomCommand, Refusal> {
        func notFound(_ what: Named, _ name: String, among names: [String]) -> Result<RoomCommand, Refusal> {
            let values: KeyValuePairs = ["name": name, "names": names.sorted().joined(separator: ", ")]
            let message: Message = switch (what, names.isEmpty) {
            case (.microphone, true): Message("no microphone called '{name}': the room has none configured", values)
            case (.microphone, false): Message("no microphone called '{name}': the room has {names}", values)
            case (.microphoneOrGroup, true): Message("no microphone or group called '{name}': the room has none configured", values)
            case (.microphoneOrGroup, false): Message("no microphone or group called '{name}': the room has {names}", values)
            case (.preset, true): Message("no preset called '{name}': the room has none configured", values)
            case (.preset, false): Message("no preset called '{name}': the room has {names}", values)
            }
            return .failure(Refusal(message: message))
        }
        switch command {
        case .status, .identity, .handList, .scheduleList, .report:
            // Answered from the state in handle(_:); reporting the identity is what they ask of the rules.
            return .success(.reportIdentity)
        case .floorRelay(.all, let via, let chair):
            return .success(.relayFloor(.all, chair: chair, via: via))
        case .floorRelay(.named(let name), let via, let chair):
            guard let target = setup.floorTarget(named: name) else {
                return notFound(.microphoneOrGroup, name, among: setup.channelNames + setup.groups.keys)
            }
            return .success(.relayFloor(target, chair: chair, via: via))
        case .handRaise(let microphone?):
            guard setup.microphone(named: microphone) != nil else { return notFound(.microphone, microphone, among: setup.channelNames) }
            return .success(.raiseHand(microphone: microphone))
        case .handRaise(nil):
            return .success(.raiseHand(microphone: nil))
        case .handAcknowledge(let number):
            return .success(.acknowledgeRequest(number))
        case .handWithdraw(let number):
            return .success(.withdrawRequest(number))
        case .closingConfirm(let item):
            return .success(.confirmClosing(item))
        case .floorGrant(.all):
            return .success(.grantFloor(.all))
        case .floorGrant(.named(let name)):
            guard let target = setup.floorTarget(named: name) else {
                return notFound(.microphoneOrGroup, name, among: setup.channelNames + setup.groups.keys)
            }
            return .success(.grantFloor(target))
        case .floorEnd(nil), .floorEnd(.all?):
            return .success(.endFloor(nil))
        case .floorEnd(.named(let name)?):
            guard let target = setup.floorTarget(named: name) else {
                return notFound(.microphoneOrGroup, name, among: setup.channelNames + setup.groups.keys)
            }
            return .success(.endFloor(target))
        case .mute(.all):
            return .success(.muteAll)
        case .mute(.mic(let name)):
            guard setup.microphone(named: name) != nil else { return notFound(.microphone, name, among: setup.channelNames) }
            return .success(.mute(channel: name))
        case .unmute(.all):
            return .success(.unmuteAll)
        case .unmute(.mic(let name)):
            guard setup.microphone(named: name) != nil else { return notFound(.microphone, name, among: setup.channelNames) }
            return .success(.unmute(channel: name))
        case .cameraRecall(let text):
            guard let preset = setup.preset(matching: text) else { return notFound(.preset, text, among: Array(setup.presets.keys)) }
            return .success(.camera(.recall(preset: preset)))
        case .cameraStore(let text):
            // A name the book does not have yet is a new preset (R3).
            guard let preset = setup.preset(matching: text) else { return .success(.storeNewPreset(name: text)) }
            return .success(.camera(.store(preset: preset)))
        case .call(let order):
            return .success(.call(order))
        case .note(let text):
            return .success(.note(text))
        case .faultOpen(let text):
            return .success(.reportFault(text))
        case .faultFixed(let id, let remedy):
            return .success(.noteFix(incident: id, note: remedy, expectedBack: nil))
        case .faultExpect(let id, let at, let note):
            return .success(.expectRecovery(incident: id, at: at, note: note))
        case .phase(let phase):
            switch phase {
            case .preparation: return .success(.setPhase(.preparation))
            case .test: return .success(.setPhase(.technicalTest))
            case .official: return .success(.setPhase(.official))
            case .ended: return .success(.endMeeting)
            }
        case .checkReadiness:
            return .success(.checkReadiness)
        case .scheduleAdd(let meeting):
            return .success(.schedule(meeting))
        case .scheduleCancel(let id):
            return .success(.cancelMeeting(id: id))
        }
    }
}

extension RoomDaemon {
    /// Translates a control command with the room's setup of this moment and
    /// carries it out, in one call into the actor: nothing runs between the
    /// lookup of its names and the rules' decision, and `Performed.state` is
    /// the room right after it.
    func perform(_ request: ControlRequest, from client: Client, log: ServiceLog) async
        -> Result<(RoomCommand, Performed), ControlBridge.Refusal>
    {
        let command: RoomCommand
        switch ControlBridge.translate(request.command, setup: state.setup) {
        case .success(let translated): command = translated
        case .failure(let refusal): return .failure(refusal)
        }
        if request.command.changesState { log.notice("control: \(request)") }
        var waitingForCamera = false
        if case .camera = command { waitingForCamera = true }
        if case .storeNewPreset = command { waitingForCamera = true }
        return .success((command, await perform(.command(command, from: client), waitingForCamera: waitingForCamera)))
    }
}

/// The room's state as the fields of a `status` reply.
enum RoomStatus {
    static func fields(of state: State) -> [ControlField] {
        var fields: [ControlField] = [
            .init("phase", .text(state.phase.rawValue)),
            .init("call", .text(state.call.rawValue)),
            .init("floor", .list(state.floor.channels(in: state.setup.channels).map(\.text))),
            .init("open", .list(state.openChannels.map(\.text))),
            .init("camera", .text(state.cameraOnline ? (state.cameraInStandby ? "standby" : "online") : "offline")),
            .init("incidents", .number(state.openIncidents.count)),
        ]
        if let registration = state.registration {
            fields.append(.init("registered", .flag(registration.registered)))
        }
        if let api = state.health.terminalAPI {
            fields.append(.init("terminal", .text(api.word)))
        }
        if !state.health.lostChannels.isEmpty {
            fields.append(.init("mics-unavailable", .list(state.setup.channelNames.filter { state.health.lostChannels[$0] != nil })))
        }
        if state.health.logbookFailure != nil {
            fields.append(.init("logbook", .text("failing")))
        }
        if state.health.brokerLost != nil {
            fields.append(.init("broker", .text("lost")))
        }
        if !state.closingItemsLeft.isEmpty {
            fields.append(.init("closing", .list(state.closingItemsLeft.map(\.rawValue))))
        }
        if !state.requests.isEmpty {
            fields.append(.init("requests", .list(state.requests.map(\.summary))))
        }
        fields.append(.init("faults", .list(state.faults)))
        return fields
    }
}
