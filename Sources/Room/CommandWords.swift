import Localization

extension RoomCommand {
    /// The command in a few words, as `description` says it in English, to
    /// be said in the reader's language in the logbook's refusal lines.
    /// Keywords (a phase, a checklist item) and what the sender wrote stay as
    /// they were; the camera order and the setting stay English.
    public var message: Message {
        switch self {
        case .grantFloor(let target): Message("grant floor to {target}", parts: ["target": target.message])
        case .endFloor(let target): target.map { Message("end floor for {target}", parts: ["target": $0.message]) } ?? Message("end floor")
        case .mute(let channel): Message("mute {channel}", ["channel": channel])
        case .muteAll: Message("mute all")
        case .unmuteAll: Message("unmute all")
        case .note: Message("note")
        case .reportFault(let detail): Message("report fault: {detail}", ["detail": detail])
        case .unmute(let channel): Message("unmute {channel}", ["channel": channel])
        case .call(let order):
            switch order {
            case .dial(let number, _, _): Message("dial {number}", ["number": number])
            case .hangUp(let id): id.map { Message("hang up call {call}", ["call": $0]) } ?? Message("hang up")
            case .answer: Message("answer")
            }
        case .camera(let order): Message("camera: {order}", ["order": "\(order)"])
        case .raiseHand(let microphone): microphone.map { Message("raise hand for {microphone}", ["microphone": $0]) } ?? Message("raise hand")
        case .withdrawRequest(let number): Message("withdraw request to speak {number}", ["number": "\(number)"])
        case .acknowledgeRequest(let number): Message("acknowledge request to speak {number}", ["number": "\(number)"])
        case .relayFloor(let target, let chair, let via):
            Message("record the floor given to {target} by {chair} ({via})", ["chair": chair, "via": via.rawValue], parts: ["target": target.message])
        case .storeNewPreset(let name): Message("store a new preset \"{name}\"", ["name": name])
        case .confirmClosing(let item): Message("confirm {item} on the closing checklist", ["item": item.rawValue])
        case .setPhase(let phase): Message("phase {phase}", ["phase": phase.rawValue])
        case .endMeeting: Message("end meeting")
        case .schedule(let meeting): Message("schedule meeting {meeting}", ["meeting": meeting.id])
        case .cancelMeeting(let id): Message("cancel meeting {meeting}", ["meeting": id])
        case .checkReadiness: Message("readiness check")
        case .reportIdentity: Message("report identity")
        case .identityPushed: Message("identity pushed at login")
        case .noteFix(let incident, _, _): Message("note fix for incident {id}", ["id": "\(incident)"])
        case .expectRecovery(let incident, _, _): Message("expected recovery of incident {id}", ["id": "\(incident)"])
        case .configure(let change): Message("configure {change}", ["change": "\(change)"])
        }
    }
}

extension FloorTarget {
    /// Who the floor goes to, as `description` says it in English, for the reader's language.
    public var message: Message {
        switch self {
        case .microphone(let name): Message("microphone {name}", ["name": name])
        case .group(let name): Message("group {name}", ["name": name])
        case .all: Message("all microphones")
        }
    }
}
