import Localization
import FoundationEssentials

/// Something the rules want done. The daemon hands each effect to the driver
/// that carries it out; what the driver sees comes back as another `Input`.
public enum Effect: Sendable, Hashable {
    /// Open or close a microphone channel on the mixer.
    case setMicrophone(channel: String, muted: Bool)
    /// Move the room's camera.
    case camera(CameraOrder)
    /// Dial, hang up or answer: made only from an authorised mcu command (R1).
    case callControl(CallAuthorization)
    /// Write an entry to the logbook (R4).
    case log(LogEntry)
    /// Tell the subscribed control clients (the centre, the CLI).
    case event(RoomEvent)
    /// Run the readiness self-test and feed its report back as `Input.readiness` (R5).
    case runReadinessCheck(ReadinessTrigger)
    /// Keep a newly named preset in the room's preset book on the disk, the
    /// one book the daemon, the keypad and the `diemcau` tool read (R3).
    case keepPreset(Preset)
}

/// A camera preset: its slot in the camera's memory and, when the preset
/// book has one, its name from the seating chart; and which camera, when
/// the room has several.
public struct Preset: Sendable, Hashable, Codable, CustomStringConvertible {
    public var slot: Int
    public var name: String?
    /// The camera's name; nil for the room's main (first) camera.
    public var camera: String?

    public init(slot: Int, name: String? = nil, camera: String? = nil) {
        self.slot = slot
        self.name = name
        self.camera = camera
    }

    public var description: String {
        (name.map { "\(slot) (\($0))" } ?? "\(slot)") + (camera.map { " on camera \($0)" } ?? "")
    }
}

/// What the camera is asked to do.
public enum CameraOrder: Sendable, Hashable, Codable, CustomStringConvertible {
    case recall(preset: Preset)
    case store(preset: Preset)
    case panTiltStart(direction: PanTiltDirection)
    case panTiltStop
    case zoomStart(direction: ZoomDirection)
    case zoomStop
    case powerOn
    case standby

    public var description: String {
        switch self {
        case .recall(let preset): "recall preset \(preset)"
        case .store(let preset): "store preset \(preset)"
        case .panTiltStart(let direction): "pan/tilt \(direction.rawValue)"
        case .panTiltStop: "pan/tilt stop"
        case .zoomStart(let direction): "zoom \(direction.rawValue)"
        case .zoomStop: "zoom stop"
        case .powerOn: "power on"
        case .standby: "standby"
        }
    }

    /// The preset a recall or a store is about.
    public var preset: Preset? {
        switch self {
        case .recall(let preset), .store(let preset): preset
        default: nil
        }
    }

    /// Whether the order changes the room's stored configuration (R7).
    public var changesConfiguration: Bool {
        if case .store = self { return true }
        return false
    }
}

extension CameraOrder {
    /// Which way to zoom: in (tele, closer) or out (wide).
    public enum ZoomDirection: String, Sendable, Hashable, Codable, CaseIterable {
        case tele = "in"
        case wide = "out"
    }

    public enum PanTiltDirection: String, Sendable, Hashable, Codable, CaseIterable {
        case up, down, left, right
        case upLeft = "up-left"
        case upRight = "up-right"
        case downLeft = "down-left"
        case downRight = "down-right"
    }
}

/// What subscribed control clients are told. Events about incidents, floor
/// requests and the schedule are meant for the centre above all.
public enum RoomEvent: Sendable, Hashable {
    /// The meeting moved to another phase.
    case phaseChanged(phase: Phase, by: String)
    /// The floor now belongs to these channels (empty: nobody).
    case floorChanged(granted: [String])
    /// A microphone opened or closed.
    case microphone(channel: String, muted: Bool)
    /// A request to speak was raised (`outcome` nil), acknowledged,
    /// withdrawn, granted or lapsed (R9).
    case floorRequest(FloorRequest, outcome: FloorRequestOutcome?, by: String)
    /// The meeting ended: the technician's checklist, to confirm item by item (R6).
    case closingChecklist(items: [ClosingItem])
    /// An item of the checklist was confirmed; `left` are those still open.
    case closingConfirmed(item: ClosingItem, left: [ClosingItem], by: String)
    /// Something went wrong: a dropped call (R11), an unauthorised call, a
    /// camera fault, a failed readiness test, ... The centre is alerted.
    case alert(incident: Incident)
    /// The technician's note on an incident: cause, fix, when the room expects to be back (R11).
    case incidentUpdate(id: Int, note: String, expectedBack: Date?)
    /// A microphone opened outside the daemon with no grant, and closed again (R2).
    case unmuteReverted(channel: String)
    /// A command was not carried out, and why.
    case refused(command: String, client: Client, reason: Message)
    /// The room's identity, on request (R8).
    case identity(room: EndpointIdentity)
    /// The call changed state.
    case callState(state: CallState)
    /// A readiness self-test finished (R5).
    case readiness(report: ReadinessReport)
    /// Two scheduled meetings overlap; the higher-priority one is preferred (R10).
    case scheduleConflict(preferred: String, other: String)
    /// The one-hour check of a meeting: whether the room was in the call (R5).
    case hourBeforeStart(meeting: String, inCall: Bool)
    /// One of the room's parameters changed (R7).
    case settingChanged(change: SettingChange, by: String)
    /// A part of the room stopped or started working again (camera, mixer,
    /// terminal API, registration, logbook).
    case health(change: HealthChange)
    /// The meeting ended with the call still up: the centre ends it (R1, R6).
    case callStillUp(state: CallState, remote: String)
}

/// A fault or a breach of the rules, numbered so the technician can note how it was fixed.
public struct Incident: Sendable, Hashable, Codable {
    public var id: Int
    public var kind: IncidentKind
    /// What happened, in English: the centre's alert and an older reader's logbook line.
    public var detail: String
    public var openedAt: Date
    /// The detail as a message, said in the reader's language; nil in
    /// lines written before the rules made messages (shown as `detail`).
    public var said: Message?

    public init(id: Int, kind: IncidentKind, detail: String, openedAt: Date, said: Message? = nil) {
        self.id = id
        self.kind = kind
        self.detail = detail
        self.openedAt = openedAt
        self.said = said
    }

    /// The detail in `language`.
    public func detail(in language: Language) -> String { said?.said(in: language) ?? detail }
}

public enum IncidentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The call dropped without the centre asking (R11).
    case callDropped = "call-dropped"
    /// The terminal placed a call nobody authorised (R1).
    case unauthorisedCall = "unauthorised-call"
    /// The terminal lost its gatekeeper or registrar.
    case registrationLost = "registration-lost"
    /// The terminal restarted.
    case terminalRestarted = "terminal-restarted"
    case cameraFault = "camera-fault"
    case cameraOffline = "camera-offline"
    /// The readiness self-test failed (R5).
    case readinessFailed = "readiness-failed"
    /// A mixer went away: its microphones cannot be switched.
    case microphoneLost = "microphone-lost"
    /// A microphone did not take a change the rules asked for.
    case microphoneFault = "microphone-fault"
    /// The terminal's API stopped answering or dropped.
    case terminalUnreachable = "terminal-unreachable"
    /// The logbook could not be written.
    case logbookFailed = "logbook-failed"
    /// The logbook's disk is nearly full.
    case logbookLowSpace = "logbook-low-space"
    /// A fault the technician found and reported.
    case reported
}
