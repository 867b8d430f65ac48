import FoundationEssentials
import Localization

/// Something that happened to the room, turned into a value by a driver or
/// by the control protocol. The rules take one at a time, with the time it
/// happened (`reduce(_:_:at:)`): they never read the clock themselves.
public enum Input: Sendable, Hashable, Codable {
    /// The daemon has just started: nothing is known yet, so every
    /// microphone is muted and the camera sent to the wide shot (R2).
    case started
    /// A command from a control client (the MCU centre, the technician's
    /// CLI, an observer), with who sent it.
    case command(RoomCommand, from: Client)
    /// A key on the technician's keypad (the technician role).
    case keypad(KeypadOrder)
    /// Something the room's H.323/SIP terminal reported.
    case terminal(TerminalReport)
    /// A microphone channel changed on the mixer, and not because the daemon
    /// asked for it (someone used `alsamixer`, a hardware button, ...).
    case mixerChanged(channel: String, muted: Bool)
    /// A mixer went away, came back, or did not take a change.
    case mixer(MixerReport)
    /// The logbook's disk failed, or works again.
    case logbook(LogbookHealth)
    /// The fleet's broker was lost, or is back.
    case broker(BrokerHealth)
    /// Something the camera driver noticed about the room's main camera.
    case camera(CameraEvent)
    /// Something the camera driver noticed about another camera of the room (by its name).
    case otherCamera(name: String, CameraEvent)
    /// The result of a readiness self-test the rules asked for (R5).
    case readiness(ReadinessReport)
    /// Time passes: the schedule's checks fall due on ticks (R5).
    case tick
    /// The room's configuration was read again: by the administrator's
    /// SIGHUP (`systemctl reload`), or by whoever `by` names (R7).
    case reloaded(RoomSetup, by: String = "administrator (SIGHUP)")
}

/// A control client: its role and an identity that names it in the logbook
/// (e.g. "mcu@10.0.0.5:51234", "technician@cli").
public struct Client: Sendable, Hashable, Codable, CustomStringConvertible {
    public var role: Role
    public var identity: String

    public init(role: Role, identity: String) {
        self.role = role
        self.identity = identity
    }

    public var description: String { "\(role.rawValue) \(identity)" }

    /// The technician at the keypad.
    public static let keypad = Client(role: .technician, identity: "keypad")
}

/// What a control client may ask of the room. Whether it is carried out
/// depends on who asks and on the meeting's phase; a refusal is logged.
public enum RoomCommand: Sendable, Hashable, Codable {
    /// Give the floor to a microphone, a group or the whole room (R2, mcu only).
    /// A grant replaces the one before it.
    case grantFloor(FloorTarget)
    /// End the floor for these microphones, or for everyone when nil (mcu only).
    case endFloor(FloorTarget?)
    /// Mute a microphone (anyone but an observer: closing a microphone is always safe).
    case mute(channel: String)
    /// Mute every microphone; from the centre it also ends the floor.
    case muteAll
    /// Open every microphone the rules allow: from the centre, a grant of the
    /// floor to all; from the technician, the channels that hold a grant (or
    /// all of them under the relaxed policy).
    case unmuteAll
    /// Open a microphone. From the mcu it is a grant of the floor to that
    /// channel; from the technician it needs a grant, or the relaxed policy (R2).
    case unmute(channel: String)
    /// Dial, hang up or answer (R1: mcu only).
    case call(CallOrder)
    /// Move, zoom, recall or store a camera preset. Storing is refused
    /// outside preparation (R7).
    case camera(CameraOrder)
    /// A request for the floor from this room to the chair (R9), for one
    /// microphone or (nil) for the room. It waits in the queue until a grant
    /// covers it, or it is withdrawn.
    case raiseHand(microphone: String?)
    /// Take back a request to speak that is still waiting (R9).
    case withdrawRequest(Int)
    /// The centre or the technician has seen a request to speak (R9).
    case acknowledgeRequest(Int)
    /// The chair gave the floor by telephone or by voice over the conference
    /// (002 Art. 6.3) and the technician records it: the microphones open as
    /// for the centre's own grant, and the logbook names the chair and the
    /// technician (R2). Only during a test or official session.
    case relayFloor(FloorTarget, chair: String, via: FloorRelay)
    /// Move the meeting to another phase (mcu or technician).
    case setPhase(Phase)
    /// End the meeting (R6): every microphone muted, the camera to its
    /// privacy preset and standby, the session closed.
    case endMeeting
    /// The centre's schedule: a meeting to prepare for (R5, R10; mcu only).
    case schedule(Meeting)
    /// Take a meeting off the schedule (mcu only).
    case cancelMeeting(id: String)
    /// Run the readiness self-test now (R5).
    case checkReadiness
    /// Report the room's name, lead and technician (R8).
    case reportIdentity
    /// The identity was pushed to this client alone (the centre, at its
    /// login, R8): logged, not sent to every subscriber again.
    case identityPushed
    /// The technician's note on how an incident was fixed, and when the room
    /// expects to be back, passed on to the centre (R4, R11).
    case noteFix(incident: Int, note: String, expectedBack: Date?)
    /// When the room expects to be back from an open incident (R11): set or
    /// updated by the technician or the centre, logged, and sent to the centre.
    case expectRecovery(incident: Int, at: Date, note: String)
    /// A line of the technician's (or the centre's) own for the logbook (R4).
    case note(String)
    /// A fault the technician found, opened as an incident and reported to the centre (R4, R11).
    case reportFault(String)
    /// Change one of the room's parameters; refused outside preparation (R7).
    case configure(SettingChange)
    /// Store the main camera's position under a name the preset book does
    /// not have yet, in the lowest slot the camera offers that no name holds
    /// (R3; only in preparation, R7). Any text names a preset.
    case storeNewPreset(name: String)
    /// The technician confirms an item of the end-of-meeting checklist (R6).
    case confirmClosing(ClosingItem)
}

/// How a grant of the floor reached the room when the centre did not send it
/// through DiemCau (002 Art. 6.3: requests and grants go by telephone).
public enum FloorRelay: String, Sendable, Hashable, Codable, CaseIterable {
    /// The centre's technician or the chair telephoned the room.
    case phone
    /// The chair called on the room over the conference itself.
    case voice
}

/// Who the floor goes to.
public enum FloorTarget: Sendable, Hashable, Codable, CustomStringConvertible {
    case microphone(name: String)
    case group(name: String)
    case all

    public var description: String {
        switch self {
        case .microphone(let name): "microphone \(name)"
        case .group(let name): "group \(name)"
        case .all: "all microphones"
        }
    }
}

/// A parameter of the room the rules own and R7 locks.
public enum SettingChange: Sendable, Hashable, Codable {
    /// Which preset frames a microphone's speaker (R3); nil for none.
    case microphonePreset(channel: String, preset: String?)
    /// Strict or relaxed floor discipline (R2).
    case unmutePolicy(policy: UnmutePolicy)
    /// The preset that frames the whole room.
    case widePreset(name: String?)
    /// The preset the camera goes to at the end of the meeting.
    case privacyPreset(name: String?)
}

/// What the technician's keypad asks for (issue 7's key maps).
public enum KeypadOrder: Sendable, Hashable, Codable {
    /// Keys 1–9: recall the preset in that slot (R3).
    case recallPreset(Int)
    /// Key 0: the wide shot.
    case wideShot
    /// +/− held: zoom while held.
    case zoomStart(CameraOrder.ZoomDirection)
    case zoomStop
    /// Arrows held: pan or tilt while held.
    case panTiltStart(CameraOrder.PanTiltDirection)
    case panTiltStop
    /// Enter: ask the chair for the floor (R9).
    case raiseHand
    /// The store chord: store the camera's position in a slot; only in preparation (R7).
    case storePreset(Int)
}

/// Something the room's terminal reported through its API.
public enum TerminalReport: Sendable, Hashable, Codable {
    /// A call changed state.
    case call(CallChange)
    /// The terminal's near-end mute changed (e.g. the MCU muted the room
    /// through the terminal); mirrored to the microphones (R2).
    case nearMute(Bool)
    /// RegistrationState with the gatekeeper or SIP registrar changed.
    case registration(RegistrationState)
    /// A statistics sample for the call in progress.
    case quality(CallQuality)
    /// The terminal placed a call nobody authorised (someone used its remote).
    case unauthorisedOutgoingCall(number: String)
    /// The terminal restarted (its API connection dropped and came back on a restarted unit).
    case unitRestarted
    /// The terminal's API session answers, went silent, or dropped.
    case api(TerminalAPIState)
}

/// The state of the room's call, in the terminal-independent words the
/// rules use; the dialects map Poly's and Cisco's states onto these.
public enum CallState: String, Sendable, Hashable, Codable, CaseIterable {
    /// No call.
    case idle
    /// An incoming call is ringing.
    case ringing
    /// Dialling or connecting.
    case connecting
    /// In the call.
    case connected
    /// Hanging up.
    case disconnecting
}

/// One change of call state.
public struct CallChange: Sendable, Hashable, Codable {
    public var state: CallState
    /// The terminal's call id, when it gives one.
    public var callID: String?
    public var direction: Direction?
    /// The far end's number or name.
    public var remote: String?
    /// Why the call ended, when the terminal says.
    public var cause: String?

    /// Which way the call was placed.
    public enum Direction: String, Sendable, Hashable, Codable {
        case incoming
        case outgoing
    }

    public init(
        state: CallState, callID: String? = nil, direction: Direction? = nil, remote: String? = nil,
        cause: String? = nil
    ) {
        self.state = state
        self.callID = callID
        self.direction = direction
        self.remote = remote
        self.cause = cause
    }
}

/// Whether the terminal is registered with its gatekeeper (H.323) or registrar (SIP).
public struct RegistrationState: Sendable, Hashable, Codable {
    public var registered: Bool
    /// The terminal's own word for the state ("Registered", "Rejected", "offline", ...).
    public var detail: String

    public init(registered: Bool, detail: String) {
        self.registered = registered
        self.detail = detail
    }
}

/// A sample of the call's quality (R4: "chất lượng kết nối").
public struct CallQuality: Sendable, Hashable, Codable {
    /// Packet loss over the sample, in percent.
    public var lossPercent: Double
    /// Jitter in milliseconds.
    public var jitterMs: Double
    /// The call's rate, in kbit/s, when known.
    public var rateKbps: Int?

    public init(lossPercent: Double, jitterMs: Double, rateKbps: Int? = nil) {
        self.lossPercent = lossPercent
        self.jitterMs = jitterMs
        self.rateKbps = rateKbps
    }
}

/// Something the camera driver noticed.
public enum CameraEvent: Sendable, Hashable, Codable {
    /// The camera answered an error, or stopped answering ("camera 1 on
    /// /dev/ttyUSB0 did not answer IF_Clear within 500 ms ...").
    case fault(String)
    /// The camera answers again.
    case online
    /// The camera's link is gone (cable out, adapter unplugged).
    case offline(String)
}

/// The readiness self-test's result (R5): one line per check.
public struct ReadinessReport: Sendable, Hashable, Codable {
    public var checks: [ReadinessCheck]
    /// Why the test was run.
    public var trigger: ReadinessTrigger

    public init(checks: [ReadinessCheck], trigger: ReadinessTrigger) {
        self.checks = checks
        self.trigger = trigger
    }

    /// Whether every check passed (and there was at least one).
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
}

/// One line of the readiness table: "camera answers and is powered: pass".
public struct ReadinessCheck: Sendable, Hashable, Codable {
    public var name: String
    public var passed: Bool
    /// What was seen, and what to do when it failed, said in each reader's
    /// language (a control connection's, the CLI's, the logbook reader's);
    /// a device's own words in it are values, never translated.
    public var said: Message
    /// The detail in English: what scripts match, what the logbook keeps.
    public var detail: String { said.description }

    public init(name: String, passed: Bool, said: Message) {
        self.name = name
        self.passed = passed
        self.said = said
    }

    /// A check whose detail is text already said (a record read back
    /// without its message, a test's): passed on as it is.
    public init(name: String, passed: Bool, detail: String) {
        self.init(name: name, passed: passed, said: .verbatim(detail))
    }

    /// Two checks are the same when they say the same: a detail read back
    /// as text equals the message it was written from.
    public static func == (lhs: ReadinessCheck, rhs: ReadinessCheck) -> Bool {
        lhs.name == rhs.name && lhs.passed == rhs.passed && lhs.detail == rhs.detail
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(passed)
        hasher.combine(detail)
    }
}

/// Why a readiness self-test runs.
public enum ReadinessTrigger: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The meeting the test was run for, if it was a scheduled one.
    public var meeting: String? {
        switch self {
        case .requested: nil
        case .testTime(let meeting), .hourBeforeStart(let meeting), .beforeStart(let meeting, _, _): meeting
        }
    }

    /// Someone asked (the technician, the centre, `diemcau check`).
    case requested(by: String)
    /// The scheduled technical-test time of a meeting arrived.
    case testTime(meeting: String)
    /// One hour before a meeting's start (R5; 003 Art. 7.1b).
    case hourBeforeStart(meeting: String)
    /// Another of the room's lead times before a meeting's start (R5), with
    /// the article that asks for it.
    case beforeStart(meeting: String, minutes: Int, article: String)

    public var description: String {
        switch self {
        case .requested(let by): "requested by \(by)"
        case .testTime(let meeting): "technical-test time of meeting \(meeting)"
        case .hourBeforeStart(let meeting): "one hour before meeting \(meeting)"
        case .beforeStart(let meeting, let minutes, let article): "\(minutes) minutes before meeting \(meeting) (\(article))"
        }
    }
}
