import Room

/// Every kind of record as a line of format version 1 writes it: a `kind` of
/// the schema's own and one field per thing the record holds. A kind, once
/// written, keeps its word and its fields' names for good; a new kind of
/// record gets a new word (older readers skip its lines and say why). `v`,
/// `time` and `kind` are the line's own and name no record's field.
extension LogRecord {
    /// The record's kind and fields, beside the line's `v` and `time`.
    var logbookLine: (kind: String, fields: JSONObject) {
        switch self {
        case .started(let room): ("daemon-started", ["room": .string(room)])
        case .sessionStarted(let kind, let meeting):
            ("session-started", ["session": .word(kind), "meeting": meeting.map(JSONValue.string)])
        case .sessionEnded(let kind, let meeting):
            ("session-ended", ["session": .word(kind), "meeting": meeting.map(JSONValue.string)])
        case .phaseChanged(let from, let to, let by): ("phase-changed", ["from": .word(from), "to": .word(to), "by": .string(by)])
        case .floorGranted(let target, let channels, let by):
            ("floor-granted", ["target": .value(target), "channels": .strings(channels), "by": .string(by)])
        case .floorEnded(let channels, let by): ("floor-ended", ["channels": .strings(channels), "by": .string(by)])
        case .microphone(let channel, let muted, let by, let reason, let said):
            ("microphone", [
                "channel": .string(channel), "muted": .bool(muted), "by": .string(by), "reason": .string(reason), "said": said.map(JSONValue.value),
            ])
        case .camera(let order, let by, let reason, let said):
            ("camera-order", ["order": .value(order), "by": .string(by), "reason": .string(reason), "said": said.map(JSONValue.value)])
        case .callOrder(let order, let by): ("call-order", ["order": .value(order), "by": .string(by)])
        case .callState(let call): ("call-state", ["call": .value(call)])
        case .callQuality(let sample): ("call-quality", ["sample": .value(sample)])
        case .registration(let state): ("registration", ["state": .value(state)])
        case .nearMute(let muted): ("near-mute", ["muted": .bool(muted)])
        case .incident(let incident): ("incident", ["incident": .value(incident)])
        case .fixed(let incident, let note, let by):
            ("incident-fixed", ["incident": .integer(incident), "note": .string(note), "by": .string(by)])
        case .refused(let command, let by, let reason, let commandSaid, let said):
            ("refused", [
                "command": .string(command), "by": .string(by), "reason": .string(reason),
                "command_said": commandSaid.map(JSONValue.value), "said": said.map(JSONValue.value),
            ])
        case .readinessRequested(let trigger): ("readiness-requested", ["trigger": .value(trigger)])
        case .readiness(let report): ("readiness", ["report": .value(report)])
        case .scheduled(let meeting, let by): ("meeting-scheduled", ["meeting": .value(meeting), "by": .string(by)])
        case .cancelled(let meeting, let by): ("meeting-cancelled", ["meeting": .string(meeting), "by": .string(by)])
        case .scheduleConflict(let preferred, let other):
            ("schedule-conflict", ["preferred": .string(preferred), "other": .string(other)])
        case .hourBeforeStart(let meeting, let inCall):
            ("hour-before-start", ["meeting": .string(meeting), "in_call": .bool(inCall)])
        case .floorRequested(let number, let microphone, let by):
            ("floor-requested", ["by": .string(by), "request": number.map(JSONValue.integer), "microphone": microphone.map(JSONValue.string)])
        case .closingConfirmed(let item, let by): ("closing-confirmed", ["item": .word(item), "by": .string(by)])
        case .configurationChanged(let field, let was, let now, let by):
            ("configuration-changed", ["field": .string(field), "was": was.map(JSONValue.string), "now": now.map(JSONValue.string), "by": .string(by)])
        case .floorRequestAnswered(let number, let outcome, let by):
            ("floor-request-answered", ["request": .integer(number), "outcome": .word(outcome), "by": .string(by)])
        case .floorRelayed(let target, let channels, let chair, let via, let by):
            ("floor-relayed", [
                "target": .value(target), "channels": .strings(channels), "chair": .string(chair), "via": .word(via), "by": .string(by),
            ])
        case .identityReported(let to): ("identity-reported", ["to": .string(to)])
        case .settingChanged(let change, let by): ("setting-changed", ["change": .value(change), "by": .string(by)])
        case .note(let text, let by): ("note", ["text": .string(text), "by": .string(by)])
        case .expectedBack(let incident, let at, let note, let by):
            ("incident-expected-back", ["incident": .integer(incident), "at": .time(at), "note": .string(note), "by": .string(by)])
        case .cameraOnline: ("camera-online", [:])
        case .health(let change): ("health", ["change": .value(change)])
        }
    }

    /// The record a line of `kind` holds, read from the line's fields `f`.
    init(logbookKind kind: String, _ f: Fields) throws(SchemaProblem) {
        self = switch kind {
        case "daemon-started": .started(room: try f.string("room"))
        case "session-started": .sessionStarted(kind: try f.word("session"), meeting: try f.optionalString("meeting"))
        case "session-ended": .sessionEnded(kind: try f.word("session"), meeting: try f.optionalString("meeting"))
        case "phase-changed": .phaseChanged(from: try f.word("from"), to: try f.word("to"), by: try f.string("by"))
        case "floor-granted":
            .floorGranted(target: try f.value("target"), channels: try f.strings("channels"), by: try f.string("by"))
        case "floor-ended": .floorEnded(channels: try f.strings("channels"), by: try f.string("by"))
        case "microphone":
            .microphone(
                channel: try f.string("channel"), muted: try f.bool("muted"), by: try f.string("by"), reason: try f.string("reason"),
                said: try f.optionalValue("said"))
        case "camera-order":
            .camera(order: try f.value("order"), by: try f.string("by"), reason: try f.string("reason"), said: try f.optionalValue("said"))
        case "call-order": .callOrder(order: try f.value("order"), by: try f.string("by"))
        case "call-state": .callState(call: try f.value("call"))
        case "call-quality": .callQuality(sample: try f.value("sample"))
        case "registration": .registration(state: try f.value("state"))
        case "near-mute": .nearMute(muted: try f.bool("muted"))
        case "incident": .incident(incident: try f.value("incident"))
        case "incident-fixed": .fixed(incident: try f.integer("incident"), note: try f.string("note"), by: try f.string("by"))
        case "refused":
            .refused(
                command: try f.string("command"), by: try f.string("by"), reason: try f.string("reason"),
                commandSaid: try f.optionalValue("command_said"), said: try f.optionalValue("said"))
        case "readiness-requested": .readinessRequested(trigger: try f.value("trigger"))
        case "readiness": .readiness(report: try f.value("report"))
        case "meeting-scheduled": .scheduled(meeting: try f.value("meeting"), by: try f.string("by"))
        case "meeting-cancelled": .cancelled(meeting: try f.string("meeting"), by: try f.string("by"))
        case "schedule-conflict": .scheduleConflict(preferred: try f.string("preferred"), other: try f.string("other"))
        case "hour-before-start": .hourBeforeStart(meeting: try f.string("meeting"), inCall: try f.bool("in_call"))
        case "floor-requested":
            .floorRequested(number: try f.optionalInteger("request"), microphone: try f.optionalString("microphone"), by: try f.string("by"))
        case "closing-confirmed": .closingConfirmed(item: try f.word("item"), by: try f.string("by"))
        case "configuration-changed":
            .configurationChanged(
                field: try f.string("field"), was: try f.optionalString("was"), now: try f.optionalString("now"), by: try f.string("by"))
        case "floor-request-answered":
            .floorRequestAnswered(number: try f.integer("request"), outcome: try f.word("outcome"), by: try f.string("by"))
        case "floor-relayed":
            .floorRelayed(
                target: try f.value("target"), channels: try f.strings("channels"), chair: try f.string("chair"),
                via: try f.word("via"), by: try f.string("by"))
        case "identity-reported": .identityReported(to: try f.string("to"))
        case "setting-changed": .settingChanged(change: try f.value("change"), by: try f.string("by"))
        case "note": .note(text: try f.string("text"), by: try f.string("by"))
        case "incident-expected-back":
            .expectedBack(incident: try f.integer("incident"), at: try f.time("at"), note: try f.string("note"), by: try f.string("by"))
        case "camera-online": .cameraOnline
        case "health": .health(change: try f.value("change"))
        default: throw .unknownKind(kind)
        }
    }
}
