import Control
import FoundationEssentials
import Room

/// The rules' events as the control protocol's `EVENT` lines.
enum ControlEvents {
    /// The lines one event becomes: a readiness report is preceded by one
    /// `readiness-check` line per check, so that `diemcau check` can print the
    /// table: its detail said in each connection's language.
    static func messages(for event: RoomEvent) -> [ControlEvent] {
        guard case .readiness(let report) = event else { return [message(for: event)] }
        return report.checks.map { check in
            ControlMessage(topic: "readiness-check", fields: [
                .init("name", .text(check.name)), .init("passed", .flag(check.passed)), .init("detail", .said(check.said)),
            ])
        } + [message(for: event)]
    }

    static func message(for event: RoomEvent) -> ControlEvent {
        switch event {
        case .phaseChanged(let phase, let by):
            return ControlMessage(topic: "phase", fields: [.init("phase", .text(phase.rawValue)), .init("by", .text(by))])
        case .floorChanged(let granted):
            return ControlMessage(topic: "floor", fields: [.init("granted", .list(granted))])
        case .microphone(let channel, let muted):
            return ControlMessage(topic: "mic", fields: [.init("channel", .text(channel)), .init("muted", .flag(muted))])
        case .closingChecklist(let items):
            return ControlMessage(topic: "closing-checklist", fields: [
                .init("items", .list(items.map(\.rawValue))),
                .init("tasks", .text(items.map { $0.task(in: .vi) }.joined(separator: "; "))),
            ])
        case .closingConfirmed(let item, let left, let by):
            return ControlMessage(topic: "closing", fields: [
                .init("item", .text(item.rawValue)), .init("left", .list(left.map(\.rawValue))), .init("by", .text(by)),
            ])
        case .floorRequest(let request, let outcome, let by):
            var fields: [ControlField] = [
                .init("id", .number(request.number)), .init("state", .text(outcome?.rawValue ?? "raised")),
            ]
            if let microphone = request.microphone { fields.append(.init("mic", .text(microphone))) }
            fields.append(.init("by", .text(by)))
            return ControlMessage(topic: "hand", fields: fields)
        case .alert(let incident):
            return ControlMessage(topic: "alert", fields: [
                .init("incident", .number(incident.id)), .init("kind", .text(incident.kind.rawValue)),
                .init("detail", .text(incident.detail)),
            ])
        case .incidentUpdate(let id, let note, let expectedBack):
            var fields: [ControlField] = [.init("incident", .number(id)), .init("note", .text(note))]
            if let expectedBack { fields.append(.init("expected-back", .text(timestamp(expectedBack)))) }
            return ControlMessage(topic: "incident", fields: fields)
        case .unmuteReverted(let channel):
            return ControlMessage(topic: "unmute-reverted", fields: [.init("channel", .text(channel))])
        case .refused(let command, let client, let reason):
            return ControlMessage(topic: "refused", fields: [
                .init("command", .text(command)), .init("by", .text(client.description)), .init("reason", .text(reason.said(in: .en))),
            ])
        case .identity(let identity):
            return ControlMessage(topic: "identity", fields: identityFields(identity))
        case .callState(let state):
            return ControlMessage(topic: "call", fields: [.init("state", .text(state.rawValue))])
        case .readiness(let report):
            return ControlMessage(topic: "readiness", fields: [
                .init("passed", .flag(report.passed)), .init("trigger", .text(report.trigger.description)),
                .init("failed", .list(report.checks.filter { !$0.passed }.map(\.name))),
            ])
        case .scheduleConflict(let preferred, let other):
            return ControlMessage(topic: "schedule-conflict", fields: [
                .init("preferred", .text(preferred)), .init("other", .text(other)),
            ])
        case .hourBeforeStart(let meeting, let inCall):
            return ControlMessage(topic: "hour-before-start", fields: [
                .init("meeting", .text(meeting)), .init("in-call", .flag(inCall)),
            ])
        case .settingChanged(let change, let by):
            return ControlMessage(topic: "setting", fields: [.init("change", .text("\(change)")), .init("by", .text(by))])
        case .callStillUp(let state, let remote):
            return ControlMessage(topic: "call-still-up", fields: [
                .init("state", .text(state.rawValue)), .init("remote", .text(remote)),
                .init("detail", .text("the meeting ended with the call still up: the centre ends the call; the room does not hang up on its own")),
            ])
        case .health(let change):
            var fields: [ControlField] = [.init("part", .text(change.part.rawValue))]
            if let name = change.name { fields.append(.init("name", .text(name))) }
            fields += [
                .init("state", .text(change.state)), .init("healthy", .flag(change.healthy)), .init("detail", .text(change.detail)),
            ]
            return ControlMessage(topic: "device", fields: fields)
        }
    }

    /// The room's name, lead and technicians (R8; 001 Art. 13.2): the
    /// first technician as `technician`, the others as `technician-2`, ...
    static func identityFields(_ identity: EndpointIdentity) -> [ControlField] {
        var fields: [ControlField] = [.init("room", .text(identity.roomName))]
        let people = [("lead", identity.lead)]
            + identity.technicians.enumerated().map { ($0.offset == 0 ? "technician" : "technician-\($0.offset + 1)", Optional($0.element)) }
        for (role, contact) in people {
            guard let contact else { continue }
            fields += [
                .init(role, .text(contact.name)), .init("\(role)-position", .text(contact.position)),
                .init("\(role)-phone", .text(contact.phone)),
            ]
            if let email = contact.email { fields.append(.init("\(role)-email", .text(email))) }
        }
        fields.append(.init("technicians", .number(identity.technicians.count)))
        return fields
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
