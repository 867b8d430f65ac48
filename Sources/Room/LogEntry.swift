import FoundationEssentials
import Localization

/// One line of the logbook (R4): when, and what.
public struct LogEntry: Sendable, Hashable, Codable {
    public var time: Date
    public var record: LogRecord

    public init(time: Date, record: LogRecord) {
        self.time = time
        self.record = record
    }
}

/// What the logbook records (R4): sessions, the floor, microphones, presets,
/// the call and its quality, faults and their fixes, refused commands.
public enum LogRecord: Sendable, Hashable, Codable {
    /// The daemon started and closed every microphone.
    case started(room: String)
    /// A test or official session began.
    case sessionStarted(kind: SessionKind, meeting: String?)
    /// A test or official session ended.
    case sessionEnded(kind: SessionKind, meeting: String?)
    /// The meeting moved to another phase.
    case phaseChanged(from: Phase, to: Phase, by: String)
    /// The centre gave the floor.
    case floorGranted(target: FloorTarget, channels: [String], by: String)
    /// The floor ended for these channels.
    case floorEnded(channels: [String], by: String)
    /// A microphone was opened or closed: by whom and why (`reason` in
    /// English; `said` the same as a message, for the reader's language, nil
    /// in lines written before the rules made messages).
    case microphone(channel: String, muted: Bool, by: String, reason: String, said: Message? = nil)
    /// The camera was sent to a preset, or a preset stored: by whom and why (as for `microphone`).
    case camera(order: CameraOrder, by: String, reason: String, said: Message? = nil)
    /// An authorised call order was passed to the terminal (R1).
    case callOrder(order: CallOrder, by: String)
    /// The call changed state.
    case callState(call: CallChange)
    /// A sample of the call's quality.
    case callQuality(sample: CallQuality)
    /// The terminal's registration changed.
    case registration(state: RegistrationState)
    /// The terminal's near-end mute changed.
    case nearMute(muted: Bool)
    /// A fault or a breach, numbered.
    case incident(incident: Incident)
    /// The technician's note on how an incident was fixed.
    case fixed(incident: Int, note: String, by: String)
    /// A command was not carried out: what, who asked, why; in English, and
    /// (nil in older lines) as messages for the reader's language.
    case refused(command: String, by: String, reason: String, commandSaid: Message? = nil, said: Message? = nil)
    /// A readiness self-test was asked for.
    case readinessRequested(trigger: ReadinessTrigger)
    /// A readiness self-test's result.
    case readiness(report: ReadinessReport)
    /// A meeting joined the schedule.
    case scheduled(meeting: Meeting, by: String)
    /// A meeting left the schedule.
    case cancelled(meeting: String, by: String)
    /// Two meetings overlap; the higher-priority one is preferred (R10).
    case scheduleConflict(preferred: String, other: String)
    /// One hour before a meeting: whether the room was already in the call (R5).
    case hourBeforeStart(meeting: String, inCall: Bool)
    /// The room asked the chair for the floor (R9): request `number`, for a
    /// microphone or (nil) the room. Lines written before the queue existed
    /// carry neither.
    case floorRequested(number: Int?, microphone: String?, by: String)
    /// A request to speak was acknowledged, withdrawn, granted or lapsed (R9).
    case floorRequestAnswered(number: Int, outcome: FloorRequestOutcome, by: String)
    /// The technician recorded a grant the chair gave by telephone or voice
    /// (R2; 002 Art. 6.3): who granted, how, and who recorded it.
    case floorRelayed(target: FloorTarget, channels: [String], chair: String, via: FloorRelay, by: String)
    /// The room's identity was reported (R8).
    case identityReported(to: String)
    /// One of the room's parameters changed (R7).
    case settingChanged(change: SettingChange, by: String)
    /// A line of the technician's own.
    case note(text: String, by: String)
    /// A configuration read again changed one field (R7): its value before and after, and who made the change.
    case configurationChanged(field: String, was: String?, now: String?, by: String)
    /// The technician confirmed an item of the end-of-meeting checklist (R6).
    case closingConfirmed(item: ClosingItem, by: String)
    /// When the room expects to be back from an open incident, as the
    /// technician or the centre set it (R11); each update is a new entry.
    case expectedBack(incident: Int, at: Date, note: String, by: String)
    /// The camera answers again after being offline.
    case cameraOnline
    /// A part of the room stopped or started working again.
    case health(change: HealthChange)
}
