import Foundation
import Localization
import Room

/// The entries the golden files hold, line for line: every kind of record,
/// every variant of the values inside them, optional fields present and
/// absent, and text that needs escaping.
///
/// Append only. Line `n` of each golden file is `golden[n]`; a file written
/// once is never written again, so an example must not be changed, moved or
/// removed. A new kind of record gets its example at the end.
let golden: [LogEntry] = goldenRecords.enumerated().map { index, record in
    LogEntry(time: june1.addingTimeInterval(Double(index) * 60 + 0.25), record: record)
}

private let mcu = "mcu 10.0.0.5"
private let technician = "technician cli"
private let hn12Start = june1.addingTimeInterval(2 * 86_400 + 2 * 3600)

private let goldenRecords: [LogRecord] = [
    .started(room: "UBND xã Tân Lập"),
    .sessionStarted(kind: .test, meeting: "HN-12"),
    .sessionEnded(kind: .test, meeting: "HN-12"),
    .sessionStarted(kind: .official, meeting: nil),
    .sessionEnded(kind: .official, meeting: nil),
    .phaseChanged(from: .idle, to: .preparation, by: mcu),
    .phaseChanged(from: .preparation, to: .technicalTest, by: technician),
    .phaseChanged(from: .technicalTest, to: .official, by: mcu),
    .phaseChanged(from: .official, to: .ended, by: mcu),
    .floorGranted(target: .microphone(name: "chair"), channels: ["chair"], by: mcu),
    .floorGranted(target: .group(name: "delegates"), channels: ["mic2", "mic3"], by: mcu),
    .floorGranted(target: .all, channels: ["chair", "mic2", "mic3"], by: mcu),
    .floorEnded(channels: ["chair"], by: mcu),
    .floorEnded(channels: [], by: mcu),
    .microphone(channel: "mic2", muted: false, by: mcu, reason: "floor granted"),
    .microphone(channel: "mic2", muted: true, by: "rules", reason: "floor ended"),
    .camera(order: .recall(preset: Preset(slot: 2, name: "delegate 2")), by: mcu, reason: "floor granted to mic2"),
    .camera(order: .store(preset: Preset(slot: 5)), by: technician, reason: ""),
    .camera(order: .panTiltStart(direction: .up), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStart(direction: .down), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStart(direction: .left), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStart(direction: .right), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStart(direction: .upLeft), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStart(direction: .upRight), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStart(direction: .downLeft), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStart(direction: .downRight), by: "keypad", reason: "arrow held"),
    .camera(order: .panTiltStop, by: "keypad", reason: "arrow released"),
    .camera(order: .zoomStart(direction: .tele), by: "keypad", reason: "+ held"),
    .camera(order: .zoomStart(direction: .wide), by: "keypad", reason: "- held"),
    .camera(order: .zoomStop, by: "keypad", reason: "released"),
    .camera(order: .powerOn, by: "rules", reason: "meeting starts"),
    .camera(order: .standby, by: "rules", reason: "meeting ended (R6)"),
    .callOrder(order: .dial(number: "100", protocol: .h323, rateKbps: 1920), by: mcu),
    .callOrder(order: .dial(number: "sip:mcu@province.gov.vn", protocol: .sip, rateKbps: nil), by: mcu),
    .callOrder(order: .dial(number: "200", protocol: nil, rateKbps: nil), by: mcu),
    .callOrder(order: .hangUp(callID: "3"), by: mcu),
    .callOrder(order: .hangUp(callID: nil), by: mcu),
    .callOrder(order: .answer, by: mcu),
    .callState(call: CallChange(state: .ringing, callID: "3", direction: .incoming, remote: "100")),
    .callState(call: CallChange(state: .connecting, direction: .outgoing, remote: "sip:mcu@province.gov.vn")),
    .callState(call: CallChange(state: .connected, callID: "3")),
    .callState(call: CallChange(state: .disconnecting)),
    .callState(call: CallChange(state: .idle, callID: "3", cause: "network, cause 16")),
    .callQuality(sample: CallQuality(lossPercent: 0.5, jitterMs: 12, rateKbps: 1920)),
    .callQuality(sample: CallQuality(lossPercent: 2.25, jitterMs: 30.5)),
    .registration(state: RegistrationState(registered: true, detail: "Registered")),
    .registration(state: RegistrationState(registered: false, detail: "Rejected")),
    .nearMute(muted: true),
    .nearMute(muted: false),
] + goldenIncidents + goldenRecordsAfterIncidents

private let goldenIncidents: [LogRecord] = IncidentKind.goldenOrder.enumerated().map { index, kind in
    .incident(incident: Incident(
        id: index + 1, kind: kind, detail: "example of \(kind.rawValue)", openedAt: june1.addingTimeInterval(3600)))
}

private let goldenRecordsAfterIncidents: [LogRecord] = [
    .fixed(incident: 4, note: "line one\nline two, \"quoted\", a \\ backslash, a\ttab and a \u{1} control", by: technician),
    .refused(command: "dial 100", by: technician, reason: "only the MCU centre may ask the room to dial (R1)"),
    .readinessRequested(trigger: .requested(by: technician)),
    .readinessRequested(trigger: .testTime(meeting: "HN-12")),
    .readinessRequested(trigger: .hourBeforeStart(meeting: "HN-12")),
    .readiness(report: ReadinessReport(
        checks: [
            ReadinessCheck(name: "camera", passed: true, detail: "answers, powered on"),
            ReadinessCheck(name: "microphone chair", passed: false, detail: "is open: a microphone stays muted (R2)"),
        ],
        trigger: .requested(by: technician))),
    .readiness(report: ReadinessReport(checks: [], trigger: .hourBeforeStart(meeting: "HN-12"))),
    .scheduled(
        meeting: Meeting(
            id: "HN-12", title: "Họp giao ban tháng 6", priority: .centralGovernment,
            testAt: hn12Start.addingTimeInterval(-86_400), startsAt: hn12Start, endsAt: hn12Start.addingTimeInterval(3 * 3600)),
        by: mcu),
    .scheduled(meeting: Meeting(id: "TU-3", priority: .provinceParty, startsAt: hn12Start), by: mcu),
    .scheduled(meeting: Meeting(id: "HD-1", priority: .peoplesCouncil, startsAt: hn12Start), by: mcu),
    .scheduled(meeting: Meeting(id: "UB-7", priority: .peoplesCommittee, startsAt: hn12Start), by: mcu),
    .scheduled(meeting: Meeting(id: "H-2", priority: .district, startsAt: hn12Start), by: mcu),
    .cancelled(meeting: "H-2", by: mcu),
    .scheduleConflict(preferred: "HN-12", other: "TU-3"),
    .hourBeforeStart(meeting: "HN-12", inCall: true),
    .hourBeforeStart(meeting: "TU-3", inCall: false),
    .floorRequested(number: nil, microphone: nil, by: "keypad"),
    .identityReported(to: mcu),
    .settingChanged(change: .microphonePreset(channel: "mic2", preset: "delegate 2"), by: technician),
    .settingChanged(change: .microphonePreset(channel: "mic3", preset: nil), by: technician),
    .settingChanged(change: .unmutePolicy(policy: .strict), by: technician),
    .settingChanged(change: .unmutePolicy(policy: .relaxed), by: technician),
    .settingChanged(change: .widePreset(name: "wide"), by: technician),
    .settingChanged(change: .widePreset(name: nil), by: technician),
    .settingChanged(change: .privacyPreset(name: "privacy"), by: technician),
    .settingChanged(change: .privacyPreset(name: nil), by: technician),
    .note(text: "projector lamp replaced", by: technician),
    .cameraOnline,
    .health(change: HealthChange(part: .camera, healthy: false, state: "offline", detail: "no answer on /dev/ttyUSB0")),
    .health(change: HealthChange(part: .mixer, name: "room1", healthy: false, state: "lost", detail: "USB unplugged (microphones chair)")),
    .health(change: HealthChange(part: .terminal, healthy: true, state: "answering", detail: "")),
    .health(change: HealthChange(part: .registration, healthy: false, state: "unregistered", detail: "Rejected")),
    .health(change: HealthChange(part: .logbook, healthy: true, state: "writing", detail: "the logbook is written again")),
    .incident(incident: Incident(
        id: 13, kind: .logbookLowSpace, detail: "example of logbook-low-space", openedAt: june1.addingTimeInterval(3600))),
    .health(change: HealthChange(part: .logbook, healthy: false, state: "low-space", detail: "40 MB left")),
    .camera(order: .recall(preset: Preset(slot: 2, name: "left", camera: "side")), by: "rules", reason: "framing the floor: microphone mic2 (R3)"),
    .floorRequested(number: 4, microphone: "mic2", by: "technician keypad"),
    .floorRequestAnswered(number: 4, outcome: .acknowledged, by: mcu),
    .floorRequestAnswered(number: 4, outcome: .withdrawn, by: technician),
    .floorRequestAnswered(number: 4, outcome: .granted, by: mcu),
    .floorRequestAnswered(number: 4, outcome: .lapsed, by: "rules"),
    .floorRelayed(target: .microphone(name: "mic2"), channels: ["mic2"], chair: "Chủ tịch UBND tỉnh", via: .phone, by: technician),
    .floorRelayed(target: .all, channels: ["mic1", "mic2"], chair: "chủ trì", via: .voice, by: technician),
    .configurationChanged(field: "presets.bàn chủ tọa", was: nil, now: "4", by: "administrator (SIGHUP)"),
    .configurationChanged(field: "framing.wide", was: "wide", now: nil, by: "administrator (SIGHUP)"),
    .closingConfirmed(item: .systemCheck, by: technician),
    .closingConfirmed(item: .callEnded, by: technician),
    .closingConfirmed(item: .lensCap, by: technician),
    .closingConfirmed(item: .powerOff, by: technician),
    .readinessRequested(trigger: .beforeStart(meeting: "HN-12", minutes: 90, article: "001 Art. 7.1")),
    .expectedBack(incident: 13, at: june1.addingTimeInterval(3 * 3600 + 30 * 60), note: "chờ thay ổ đĩa", by: technician),
    // An incident's detail and a device's change with the message the rules
    // made of them (`said`, optional), one with a message inside a message.
    .incident(incident: Incident(
        id: 14, kind: .cameraOffline, detail: "camera cam2: no answer on /dev/ttyUSB1", openedAt: june1.addingTimeInterval(4 * 3600),
        said: Message("camera {camera}: {detail}", ["camera": "cam2", "detail": "no answer on /dev/ttyUSB1"]))),
    .health(change: HealthChange(
        part: .mixer, name: "room2", healthy: false, state: "lost", detail: "USB unplugged (microphones mic3)",
        said: Message("mixer {mixer} lost: {reason} (microphones {microphones})", ["mixer": "room2", "microphones": "mic3", "reason": "USB unplugged"]))),
    .incident(incident: Incident(
        id: 15, kind: .readinessFailed, detail: "readiness test failed (one hour before meeting HN-12): camera: no answer",
        openedAt: june1.addingTimeInterval(5 * 3600),
        said: Message("readiness test failed ({trigger}): {checks}", ["checks": "camera: no answer"], parts: ["trigger": Message("one hour before meeting {meeting}", ["meeting": "HN-12"])]))),
    .microphone(
        channel: "mic2", muted: false, by: mcu, reason: "floor granted to microphone mic2",
        said: Message("floor granted to {target}", parts: ["target": Message("microphone {name}", ["name": "mic2"])])),
    .camera(order: .store(preset: Preset(slot: 3, name: "bàn chủ tọa")), by: technician, reason: "stored in preparation", said: Message("stored in preparation")),
    .refused(
        command: "grant floor to all microphones", by: technician, reason: "only the MCU centre grants the floor (R2); a grant the chair gave by telephone or voice is recorded with 'floor relay'",
        commandSaid: Message("grant floor to {target}", parts: ["target": Message("all microphones")]),
        said: Message("only the MCU centre grants the floor (R2); a grant the chair gave by telephone or voice is recorded with 'floor relay'")),
]

extension IncidentKind {
    /// Every kind of incident there was when the golden files were written,
    /// in their order; a later kind goes at the end of `golden`, not here.
    static let goldenOrder: [IncidentKind] = [
        .callDropped, .unauthorisedCall, .registrationLost, .terminalRestarted, .cameraFault, .cameraOffline,
        .readinessFailed, .microphoneLost, .microphoneFault, .terminalUnreachable, .logbookFailed, .reported,
    ]
}

/// Which case of `LogRecord` a record is. The switch has no default: a new
/// case does not compile until it is named here, and then the golden tests
/// fail until `golden` has an example of it and the v1 golden file its line.
enum RecordCase: CaseIterable {
    case started, sessionStarted, sessionEnded, phaseChanged, floorGranted, floorEnded, microphone, camera
    case callOrder, callState, callQuality, registration, nearMute, incident, fixed, refused
    case readinessRequested, readiness, scheduled, cancelled, scheduleConflict, hourBeforeStart
    case floorRequested, identityReported, settingChanged, note, cameraOnline, health
    case floorRequestAnswered, floorRelayed, configurationChanged, closingConfirmed, expectedBack

    init(_ record: LogRecord) {
        self = switch record {
        case .started: .started
        case .sessionStarted: .sessionStarted
        case .sessionEnded: .sessionEnded
        case .phaseChanged: .phaseChanged
        case .floorGranted: .floorGranted
        case .floorEnded: .floorEnded
        case .microphone: .microphone
        case .camera: .camera
        case .callOrder: .callOrder
        case .callState: .callState
        case .callQuality: .callQuality
        case .registration: .registration
        case .nearMute: .nearMute
        case .incident: .incident
        case .fixed: .fixed
        case .refused: .refused
        case .readinessRequested: .readinessRequested
        case .readiness: .readiness
        case .scheduled: .scheduled
        case .cancelled: .cancelled
        case .scheduleConflict: .scheduleConflict
        case .hourBeforeStart: .hourBeforeStart
        case .floorRequested: .floorRequested
        case .identityReported: .identityReported
        case .settingChanged: .settingChanged
        case .note: .note
        case .cameraOnline: .cameraOnline
        case .health: .health
        case .floorRequestAnswered: .floorRequestAnswered
        case .floorRelayed: .floorRelayed
        case .configurationChanged: .configurationChanged
        case .closingConfirmed: .closingConfirmed
        case .expectedBack: .expectedBack
        }
    }
}
