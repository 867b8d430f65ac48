import FoundationEssentials

/// Everything the rules know about the room. Only `reduce(_:_:at:)` changes it.
public struct State: Sendable, Hashable, Codable {
    /// The room's configuration as the rules see it; R7 guards changes to it.
    public internal(set) var setup: RoomSetup
    public internal(set) var phase: Phase
    /// Each channel's mute as the rules believe the mixer has it (`true`: muted).
    public internal(set) var muted: [ChannelName: Bool]
    /// Who holds the floor, and who granted it (R2).
    public internal(set) var floor: FloorGrants
    /// The room's requests to speak, oldest first (R9).
    public internal(set) var requests: FloorRequestQueue
    /// Channels the terminal's near-end mute closed, to reopen when it lifts.
    public internal(set) var closedByTerminal: Set<ChannelName>
    /// The terminal's near-end mute.
    public internal(set) var nearMuted: Bool
    public internal(set) var call: CallState
    /// What the centre asked of the call, and whether it was reported as unauthorised (R1, R11).
    public internal(set) var callOrders: CallOrders
    public internal(set) var registration: RegistrationState?
    /// The camera answers.
    public internal(set) var cameraOnline: Bool
    /// The camera was sent to standby at the end of a meeting.
    public internal(set) var cameraInStandby: Bool
    /// The centre's schedule, earliest start first.
    public internal(set) var schedule: [ScheduledMeeting]
    /// Incidents the technician has not yet noted a fix for, and the number the next one gets.
    public internal(set) var openIncidents: IncidentBook
    /// The test or official session in progress.
    public internal(set) var session: OpenSession?
    /// The far end of the call that is (or was last) connected: a drop names
    /// it, not the number of a call that rings after it.
    public internal(set) var connectedRemote: String?
    /// What works and what does not: mixers, the terminal's API, the logbook.
    public internal(set) var health: RoomHealth
    /// A configuration read again during the official session, applied at its end (R7).
    public internal(set) var pendingSetup: PendingSetup?
    /// The end-of-meeting checklist (R6); nil until a meeting ends.
    public internal(set) var closingChecklist: ClosingChecklist?

    /// A room that has just started: every microphone muted, no floor, no call,
    /// idle. `nextIncidentNumber` continues the logbook's numbering after a restart.
    public init(setup: RoomSetup, nextIncidentNumber: Int = 1) {
        self.setup = setup
        phase = .idle
        muted = Dictionary(uniqueKeysWithValues: setup.channels.map { ($0, true) })
        floor = FloorGrants()
        requests = FloorRequestQueue()
        closedByTerminal = []
        nearMuted = false
        call = .idle
        callOrders = .noOrder
        registration = nil
        cameraOnline = true
        cameraInStandby = false
        schedule = []
        openIncidents = IncidentBook(nextNumber: nextIncidentNumber)
        session = nil
        connectedRemote = nil
        health = RoomHealth()
        pendingSetup = nil
        closingChecklist = nil
    }

    /// Whether any microphone is open.
    public var anyMicrophoneOpen: Bool { muted.values.contains(false) }

    /// The channels that are open, in configuration order.
    public var openChannels: [ChannelName] { setup.channels.filter { muted[$0] == false } }

    /// When the rules next need a tick: the earliest schedule check still to run.
    /// The daemon sleeps until then (or until another input arrives).
    public var nextWakeUp: Date? { schedule.compactMap(\.nextDue).min() }

    /// The meeting the room is serving now or next: the earliest-starting
    /// meeting on the schedule that has not ended and is not outranked.
    public func currentMeeting(at now: Date) -> Meeting? {
        let live = schedule.filter { $0.meeting.span.upperBound > now }
        return (live.first { $0.displacedBy == nil } ?? live.first)?.meeting
    }
}

/// A test or official session in progress.
public struct OpenSession: Sendable, Hashable, Codable {
    public var kind: SessionKind
    public var meeting: String?
    public var startedAt: Date

    public init(kind: SessionKind, meeting: String?, startedAt: Date) {
        self.kind = kind
        self.meeting = meeting
        self.startedAt = startedAt
    }
}
