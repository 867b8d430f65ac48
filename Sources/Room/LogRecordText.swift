import FoundationEssentials
import Localization

extension LogRecord: CustomStringConvertible {
    /// The entry as a line of the printed logbook, in English.
    public var description: String { text(in: .en) }

    /// The entry as a line of the printed logbook (the sổ theo dõi, R4).
    /// What the room was told (reasons, notes, device words) stays as written.
    public func text(in language: Language) -> String {
        let l = language
        switch self {
        case .started(let room): return l.say("daemon started for {room}; every microphone muted", ["room": room])
        case .sessionStarted(let kind, let meeting):
            return l.say("{session} started", ["session": kind.name(in: l)]) + Self.meeting(meeting, l)
        case .sessionEnded(let kind, let meeting):
            return l.say("{session} ended", ["session": kind.name(in: l)]) + Self.meeting(meeting, l)
        case .phaseChanged(let from, let to, let by):
            return l.say("phase {from} → {to} by {who}", ["from": from.rawValue, "to": to.rawValue, "who": by])
        case .floorGranted(let target, let channels, let by):
            return l.say("floor granted to {target} ({channels}) by {who}", ["target": "\(target)", "channels": channels.joined(separator: ", "), "who": by])
        case .floorEnded(let channels, let by):
            return channels.isEmpty
                ? l.say("floor ended by {who}", ["who": by])
                : l.say("floor ended for {channels} by {who}", ["channels": channels.joined(separator: ", "), "who": by])
        case .microphone(let channel, let muted, let by, let reason, let said):
            let values: KeyValuePairs = ["channel": channel, "who": by, "reason": said?.said(in: l) ?? reason]
            return muted ? l.say("microphone {channel} muted by {who}: {reason}", values) : l.say("microphone {channel} unmuted by {who}: {reason}", values)
        case .camera(let order, let by, let reason, let said):
            return l.say("camera {order} by {who}", ["order": "\(order)", "who": by]) + (reason.isEmpty ? "" : ": " + (said?.said(in: l) ?? reason))
        case .callOrder(let order, let by):
            return l.say("call order passed to the terminal: {order}, asked by {who} (R1)", ["order": Self.describe(order, l), "who": by])
        case .callState(let change):
            var line = l.say("call {state}", ["state": change.state.name(in: l)]) + (change.remote.map { " (\($0))" } ?? "")
            if let cause = change.cause { line += ", " + l.say("cause: {cause}", ["cause": CallCause.describe(cause)]) }
            return line
        case .callQuality(let q):
            return l.say("call quality: loss {loss} %, jitter {jitter} ms", ["loss": "\(q.lossPercent)", "jitter": "\(q.jitterMs)"])
                + (q.rateKbps.map { ", \($0) kbit/s" } ?? "")
        case .registration(let state):
            return (state.registered ? l.say("terminal registered") : l.say("terminal not registered")) + ": \(state.detail)"
        case .nearMute(let muted): return muted ? l.say("terminal near end muted") : l.say("terminal near end unmuted")
        case .incident(let incident):
            return l.say("INCIDENT #{id} {kind}: {detail}", ["id": "\(incident.id)", "kind": incident.kind.name(in: l), "detail": incident.detail(in: l)])
        case .fixed(let id, let note, let by): return l.say("incident #{id} fixed by {who}: {note}", ["id": "\(id)", "who": by, "note": note])
        case .refused(let command, let by, let reason, let commandSaid, let said):
            return l.say("REFUSED {command} from {who}: {reason}", [
                "command": commandSaid?.said(in: l) ?? command, "who": by, "reason": said?.said(in: l) ?? reason,
            ])
        case .readinessRequested(let trigger): return l.say("readiness test requested: {trigger}", ["trigger": trigger.text(in: l)])
        case .readiness(let report):
            let checks = report.checks.map { "\($0.name) " + ($0.passed ? l.say("ok") : l.say("FAIL: {detail}", ["detail": $0.said.said(in: l)])) }
            let values: KeyValuePairs = ["trigger": report.trigger.text(in: l), "checks": checks.joined(separator: "; ")]
            return report.passed ? l.say("readiness test passed ({trigger}): {checks}", values) : l.say("readiness test FAILED ({trigger}): {checks}", values)
        case .scheduled(let meeting, let by):
            return l.say("meeting {meeting} ({priority}) scheduled by {who}, starts {start}", [
                "meeting": meeting.id, "priority": meeting.priority.rawValue, "who": by, "start": "\(meeting.startsAt)",
            ])
        case .cancelled(let meeting, let by): return l.say("meeting {meeting} cancelled by {who}", ["meeting": meeting, "who": by])
        case .scheduleConflict(let preferred, let other):
            return l.say("meetings overlap: {preferred} outranks {other} (R10)", ["preferred": preferred, "other": other])
        case .hourBeforeStart(let meeting, let inCall):
            return inCall
                ? l.say("one hour before meeting {meeting}: the room is in the call (R5)", ["meeting": meeting])
                : l.say("one hour before meeting {meeting}: the room is NOT in the call (R5)", ["meeting": meeting])
        case .floorRequested(let number, let microphone, let by):
            guard let number else { return l.say("floor requested from the chair by {who} (R9)", ["who": by]) }
            return microphone.map { l.say("request to speak {number} for microphone {mic} raised by {who} (R9)", ["number": "\(number)", "mic": $0, "who": by]) }
                ?? l.say("request to speak {number} raised by {who} (R9)", ["number": "\(number)", "who": by])
        case .floorRequestAnswered(let number, let outcome, let by):
            let values: KeyValuePairs = ["number": "\(number)", "who": by]
            switch outcome {
            case .acknowledged: return l.say("request to speak {number} acknowledged by {who} (R9)", values)
            case .withdrawn: return l.say("request to speak {number} withdrawn by {who} (R9)", values)
            case .granted: return l.say("request to speak {number} granted by {who} (R9)", values)
            case .lapsed: return l.say("request to speak {number} lapsed: the meeting ended (R9)", values)
            }
        case .floorRelayed(let target, let channels, let chair, let via, let by):
            let values: KeyValuePairs = ["target": "\(target)", "channels": channels.joined(separator: ", "), "chair": chair, "who": by]
            return via == .phone
                ? l.say("floor given to {target} ({channels}) by {chair} by telephone, recorded by {who} (R2)", values)
                : l.say("floor given to {target} ({channels}) by {chair} by voice, recorded by {who} (R2)", values)
        case .configurationChanged(let field, let was, let now, let by):
            return l.say("configuration: {field} {was} → {now}, by {who} (R7)", [
                "field": field, "was": was ?? l.say("(none)"), "now": now ?? l.say("(none)"), "who": by,
            ])
        case .closingConfirmed(let item, let by):
            return l.say("closing checklist: {task}, confirmed by {who} (R6)", ["task": item.task(in: l), "who": by])
        case .identityReported(let to): return l.say("identity reported to {to} (R8)", ["to": to])
        case .settingChanged(let change, let by): return l.say("setting changed by {who}: {change}", ["who": by, "change": "\(change)"])
        case .note(let text, let by): return l.say("note by {who}: {text}", ["who": by, "text": text])
        case .expectedBack(let id, let at, let note, let by):
            return l.say("incident #{id}: expected back {time}, set by {who}", ["id": "\(id)", "time": "\(at)", "who": by]) + (note.isEmpty ? "" : ": \(note)")
        case .cameraOnline: return l.say("camera answers again")
        case .health(let change): return (change.healthy ? "" : l.say("DEVICE") + " ") + change.text(in: l)
        }
    }

    private static func meeting(_ id: String?, _ l: Language) -> String {
        id.map { " (" + l.say("meeting {meeting}", ["meeting": $0]) + ")" } ?? ""
    }

    private static func describe(_ order: CallOrder, _ l: Language) -> String {
        switch order {
        case .dial(let number, let proto, let rate):
            l.say("dial {number}", ["number": number]) + (proto.map { " " + l.say("over {protocol}", ["protocol": $0.rawValue]) } ?? "")
                + (rate.map { " " + l.say("at {rate} kbit/s", ["rate": "\($0)"]) } ?? "")
        case .hangUp(let id): id.map { l.say("hang up call {call}", ["call": $0]) } ?? l.say("hang up every call")
        case .answer: l.say("answer")
        }
    }
}

extension ReadinessTrigger {
    /// Why the readiness test ran, as the logbook says it.
    public func text(in language: Language) -> String { message.said(in: language) }

    /// Why the readiness test ran, to be said later (inside an incident's detail).
    public var message: Message {
        switch self {
        case .requested(let by): Message("requested by {who}", ["who": by])
        case .testTime(let meeting): Message("technical-test time of meeting {meeting}", ["meeting": meeting])
        case .hourBeforeStart(let meeting): Message("one hour before meeting {meeting}", ["meeting": meeting])
        case .beforeStart(let meeting, let minutes, let article):
            Message("{minutes} minutes before meeting {meeting} ({article})", ["minutes": "\(minutes)", "meeting": meeting, "article": article])
        }
    }
}
