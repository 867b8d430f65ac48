import FoundationEssentials
import Room

/// Format version 0: the lines written before the logbook had a schema of its
/// own (up to 72fdd8d), which have no `"v"` field. They are whatever the
/// compiler's `Codable` made of `LogEntry` then: Swift's case and property
/// names as keys, raw values as words, keys sorted, times in ISO 8601 UTC.
///
///     {"record":{"floorGranted":{"by":"mcu","channels":["chair"],"target":{"microphone":{"name":"chair"}}}},"time":"2026-06-01T02:00:00.000Z"}
///
/// Those names are the format, so they are frozen here: every type below is
/// a copy of a `Room` type as it was, decoded by the same synthesized
/// `Decodable`, then turned into today's `Room` values case by case. Renaming
/// a case or property in `Room` changes nothing here but the name on the
/// right-hand side of a conversion; a file of six months ago still reads.
///
/// Never rename, remove or reorder anything in this file, nor change a raw
/// value: each is a key or a word of lines that exist. Nothing writes this
/// format any more.
enum VersionZero {
    /// The entry a version-0 line holds; otherwise what does not fit.
    static func entry(from line: Data) throws(DamagedLine.Reason) -> LogEntry {
        do {
            return try decoder.decode(Entry.self, from: line).current
        } catch let error as DecodingError {
            throw .doesNotFit(version: 0, problem: problem(error))
        } catch {
            throw .doesNotFit(version: 0, problem: "\(error)")
        }
    }

    /// What the decoder found wrong, with the path of the field: `record.floorGranted.by is missing`.
    private static func problem(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        return switch error {
        case .keyNotFound(let key, let context): "\(path(context.codingPath + [key])) is missing"
        case .valueNotFound(_, let context): "\(path(context.codingPath)) is null"
        case .typeMismatch(let type, let context): "\(path(context.codingPath)) should be \(type)"
        case .dataCorrupted(let context): "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }

    struct Entry: Decodable {
        var time: Date
        var record: Record

        var current: LogEntry { LogEntry(time: time, record: record.current) }
    }

    enum Record: Decodable {
        case started(room: String)
        case sessionStarted(kind: SessionKind, meeting: String?)
        case sessionEnded(kind: SessionKind, meeting: String?)
        case phaseChanged(from: Phase, to: Phase, by: String)
        case floorGranted(target: FloorTarget, channels: [String], by: String)
        case floorEnded(channels: [String], by: String)
        case microphone(channel: String, muted: Bool, by: String, reason: String)
        case camera(order: CameraOrder, by: String, reason: String)
        case callOrder(order: CallOrder, by: String)
        case callState(call: CallChange)
        case callQuality(sample: CallQuality)
        case registration(state: RegistrationState)
        case nearMute(muted: Bool)
        case incident(incident: Incident)
        case fixed(incident: Int, note: String, by: String)
        case refused(command: String, by: String, reason: String)
        case readinessRequested(trigger: ReadinessTrigger)
        case readiness(report: ReadinessReport)
        case scheduled(meeting: Meeting, by: String)
        case cancelled(meeting: String, by: String)
        case scheduleConflict(preferred: String, other: String)
        case hourBeforeStart(meeting: String, inCall: Bool)
        case floorRequested(by: String)
        case identityReported(to: String)
        case settingChanged(change: SettingChange, by: String)
        case note(text: String, by: String)
        case cameraOnline
        case health(change: HealthChange)

        var current: LogRecord {
            switch self {
            case .started(let room): .started(room: room)
            case .sessionStarted(let kind, let meeting): .sessionStarted(kind: kind.current, meeting: meeting)
            case .sessionEnded(let kind, let meeting): .sessionEnded(kind: kind.current, meeting: meeting)
            case .phaseChanged(let from, let to, let by): .phaseChanged(from: from.current, to: to.current, by: by)
            case .floorGranted(let target, let channels, let by): .floorGranted(target: target.current, channels: channels, by: by)
            case .floorEnded(let channels, let by): .floorEnded(channels: channels, by: by)
            case .microphone(let channel, let muted, let by, let reason):
                .microphone(channel: channel, muted: muted, by: by, reason: reason)
            case .camera(let order, let by, let reason): .camera(order: order.current, by: by, reason: reason)
            case .callOrder(let order, let by): .callOrder(order: order.current, by: by)
            case .callState(let call): .callState(call: call.current)
            case .callQuality(let sample): .callQuality(sample: sample.current)
            case .registration(let state): .registration(state: state.current)
            case .nearMute(let muted): .nearMute(muted: muted)
            case .incident(let incident): .incident(incident: incident.current)
            case .fixed(let incident, let note, let by): .fixed(incident: incident, note: note, by: by)
            case .refused(let command, let by, let reason): .refused(command: command, by: by, reason: reason)
            case .readinessRequested(let trigger): .readinessRequested(trigger: trigger.current)
            case .readiness(let report): .readiness(report: report.current)
            case .scheduled(let meeting, let by): .scheduled(meeting: meeting.current, by: by)
            case .cancelled(let meeting, let by): .cancelled(meeting: meeting, by: by)
            case .scheduleConflict(let preferred, let other): .scheduleConflict(preferred: preferred, other: other)
            case .hourBeforeStart(let meeting, let inCall): .hourBeforeStart(meeting: meeting, inCall: inCall)
            case .floorRequested(let by): .floorRequested(number: nil, microphone: nil, by: by)
            case .identityReported(let to): .identityReported(to: to)
            case .settingChanged(let change, let by): .settingChanged(change: change.current, by: by)
            case .note(let text, let by): .note(text: text, by: by)
            case .cameraOnline: .cameraOnline
            case .health(let change): .health(change: change.current)
            }
        }
    }

    enum SessionKind: String, Decodable {
        case test
        case official

        var current: Room.SessionKind {
            switch self {
            case .test: .test
            case .official: .official
            }
        }
    }

    enum Phase: String, Decodable {
        case idle
        case preparation
        case technicalTest = "technical-test"
        case official
        case ended

        var current: Room.Phase {
            switch self {
            case .idle: .idle
            case .preparation: .preparation
            case .technicalTest: .technicalTest
            case .official: .official
            case .ended: .ended
            }
        }
    }

    enum FloorTarget: Decodable {
        case microphone(name: String)
        case group(name: String)
        case all

        var current: Room.FloorTarget {
            switch self {
            case .microphone(let name): .microphone(name: name)
            case .group(let name): .group(name: name)
            case .all: .all
            }
        }
    }

    struct Preset: Decodable {
        var slot: Int
        var name: String?

        var current: Room.Preset { Room.Preset(slot: slot, name: name) }
    }

    enum CameraOrder: Decodable {
        case recall(preset: Preset)
        case store(preset: Preset)
        case panTiltStart(direction: PanTiltDirection)
        case panTiltStop
        case zoomStart(direction: ZoomDirection)
        case zoomStop
        case powerOn
        case standby

        var current: Room.CameraOrder {
            switch self {
            case .recall(let preset): .recall(preset: preset.current)
            case .store(let preset): .store(preset: preset.current)
            case .panTiltStart(let direction): .panTiltStart(direction: direction.current)
            case .panTiltStop: .panTiltStop
            case .zoomStart(let direction): .zoomStart(direction: direction.current)
            case .zoomStop: .zoomStop
            case .powerOn: .powerOn
            case .standby: .standby
            }
        }
    }

    enum ZoomDirection: String, Decodable {
        case tele = "in"
        case wide = "out"

        var current: Room.CameraOrder.ZoomDirection {
            switch self {
            case .tele: .tele
            case .wide: .wide
            }
        }
    }

    enum PanTiltDirection: String, Decodable {
        case up, down, left, right
        case upLeft = "up-left"
        case upRight = "up-right"
        case downLeft = "down-left"
        case downRight = "down-right"

        var current: Room.CameraOrder.PanTiltDirection {
            switch self {
            case .up: .up
            case .down: .down
            case .left: .left
            case .right: .right
            case .upLeft: .upLeft
            case .upRight: .upRight
            case .downLeft: .downLeft
            case .downRight: .downRight
            }
        }
    }

    enum CallOrder: Decodable {
        case dial(number: String, protocol: CallProtocol?, rateKbps: Int?)
        case hangUp(callID: String?)
        case answer

        var current: Room.CallOrder {
            switch self {
            case .dial(let number, let proto, let rate): .dial(number: number, protocol: proto?.current, rateKbps: rate)
            case .hangUp(let callID): .hangUp(callID: callID)
            case .answer: .answer
            }
        }
    }

    enum CallProtocol: String, Decodable {
        case h323
        case sip

        var current: Room.CallProtocol {
            switch self {
            case .h323: .h323
            case .sip: .sip
            }
        }
    }

    struct CallChange: Decodable {
        var state: CallState
        var callID: String?
        var direction: Direction?
        var remote: String?
        var cause: String?

        enum Direction: String, Decodable {
            case incoming
            case outgoing

            var current: Room.CallChange.Direction {
                switch self {
                case .incoming: .incoming
                case .outgoing: .outgoing
                }
            }
        }

        var current: Room.CallChange {
            Room.CallChange(state: state.current, callID: callID, direction: direction?.current, remote: remote, cause: cause)
        }
    }

    enum CallState: String, Decodable {
        case idle
        case ringing
        case connecting
        case connected
        case disconnecting

        var current: Room.CallState {
            switch self {
            case .idle: .idle
            case .ringing: .ringing
            case .connecting: .connecting
            case .connected: .connected
            case .disconnecting: .disconnecting
            }
        }
    }

    struct CallQuality: Decodable {
        var lossPercent: Double
        var jitterMs: Double
        var rateKbps: Int?

        var current: Room.CallQuality { Room.CallQuality(lossPercent: lossPercent, jitterMs: jitterMs, rateKbps: rateKbps) }
    }

    struct RegistrationState: Decodable {
        var registered: Bool
        var detail: String

        var current: Room.RegistrationState { Room.RegistrationState(registered: registered, detail: detail) }
    }

    struct Incident: Decodable {
        var id: Int
        var kind: IncidentKind
        var detail: String
        var openedAt: Date

        var current: Room.Incident { Room.Incident(id: id, kind: kind.current, detail: detail, openedAt: openedAt) }
    }

    enum IncidentKind: String, Decodable {
        case callDropped = "call-dropped"
        case unauthorisedCall = "unauthorised-call"
        case registrationLost = "registration-lost"
        case terminalRestarted = "terminal-restarted"
        case cameraFault = "camera-fault"
        case cameraOffline = "camera-offline"
        case readinessFailed = "readiness-failed"
        case microphoneLost = "microphone-lost"
        case microphoneFault = "microphone-fault"
        case terminalUnreachable = "terminal-unreachable"
        case logbookFailed = "logbook-failed"
        case reported

        var current: Room.IncidentKind {
            switch self {
            case .callDropped: .callDropped
            case .unauthorisedCall: .unauthorisedCall
            case .registrationLost: .registrationLost
            case .terminalRestarted: .terminalRestarted
            case .cameraFault: .cameraFault
            case .cameraOffline: .cameraOffline
            case .readinessFailed: .readinessFailed
            case .microphoneLost: .microphoneLost
            case .microphoneFault: .microphoneFault
            case .terminalUnreachable: .terminalUnreachable
            case .logbookFailed: .logbookFailed
            case .reported: .reported
            }
        }
    }

    enum ReadinessTrigger: Decodable {
        case requested(by: String)
        case testTime(meeting: String)
        case hourBeforeStart(meeting: String)

        var current: Room.ReadinessTrigger {
            switch self {
            case .requested(let by): .requested(by: by)
            case .testTime(let meeting): .testTime(meeting: meeting)
            case .hourBeforeStart(let meeting): .hourBeforeStart(meeting: meeting)
            }
        }
    }

    struct ReadinessReport: Decodable {
        var checks: [ReadinessCheck]
        var trigger: ReadinessTrigger

        var current: Room.ReadinessReport { Room.ReadinessReport(checks: checks.map(\.current), trigger: trigger.current) }
    }

    struct ReadinessCheck: Decodable {
        var name: String
        var passed: Bool
        var detail: String

        var current: Room.ReadinessCheck { Room.ReadinessCheck(name: name, passed: passed, detail: detail) }
    }

    struct Meeting: Decodable {
        var id: String
        var title: String?
        var priority: MeetingPriority
        var testAt: Date?
        var startsAt: Date
        var endsAt: Date?

        var current: Room.Meeting {
            Room.Meeting(id: id, title: title, priority: priority.current, testAt: testAt, startsAt: startsAt, endsAt: endsAt)
        }
    }

    enum MeetingPriority: String, Decodable {
        case centralGovernment = "central-government"
        case provinceParty = "province-party-committee"
        case peoplesCouncil = "peoples-council"
        case peoplesCommittee = "peoples-committee"
        case district

        var current: Room.MeetingPriority {
            switch self {
            case .centralGovernment: .centralGovernment
            case .provinceParty: .provinceParty
            case .peoplesCouncil: .peoplesCouncil
            case .peoplesCommittee: .peoplesCommittee
            case .district: .district
            }
        }
    }

    enum SettingChange: Decodable {
        case microphonePreset(channel: String, preset: String?)
        case unmutePolicy(policy: UnmutePolicy)
        case widePreset(name: String?)
        case privacyPreset(name: String?)

        var current: Room.SettingChange {
            switch self {
            case .microphonePreset(let channel, let preset): .microphonePreset(channel: channel, preset: preset)
            case .unmutePolicy(let policy): .unmutePolicy(policy: policy.current)
            case .widePreset(let name): .widePreset(name: name)
            case .privacyPreset(let name): .privacyPreset(name: name)
            }
        }
    }

    enum UnmutePolicy: String, Decodable {
        case strict
        case relaxed

        var current: Room.UnmutePolicy {
            switch self {
            case .strict: .strict
            case .relaxed: .relaxed
            }
        }
    }

    struct HealthChange: Decodable {
        var part: DevicePart
        var name: String?
        var healthy: Bool
        var state: String
        var detail: String

        var current: Room.HealthChange {
            Room.HealthChange(part: part.current, name: name, healthy: healthy, state: state, detail: detail)
        }
    }

    enum DevicePart: String, Decodable {
        case camera
        case mixer
        case terminal
        case registration
        case logbook

        var current: Room.DevicePart {
            switch self {
            case .camera: .camera
            case .mixer: .mixer
            case .terminal: .terminal
            case .registration: .registration
            case .logbook: .logbook
            }
        }
    }
}
