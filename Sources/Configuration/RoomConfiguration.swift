import Localization
import Room

/// The room as its technician describes it in `/etc/diemcau/room.json`:
/// who the room is, its cameras, microphones, terminal, keypad, and who may
/// control it. Secrets (the terminal's password, the control tokens) are
/// never here: the configuration names the files that hold them (R7).
public struct RoomConfiguration: Codable, Sendable, Equatable {
    /// The room's name and the people reported to the main endpoint (R8).
    public var room: RoomIdentity
    /// Where the logbook and the preset book live; `$STATE_DIRECTORY`, then
    /// `/var/lib/diemcau`, when absent.
    public var stateDirectory: String?
    public var cameras: [CameraSetup]
    public var microphones: [MicrophoneSetup]
    /// An asound.conf loaded on top of alsa-lib's own, defining the control
    /// devices the microphones name (not needed for `hw:` devices).
    public var alsaConfiguration: String?
    /// Named groups of microphones the centre can grant the floor to at once.
    public var groups: [String: [String]]?
    /// The presets the rules use for the whole room (R3, R6).
    public var framing: Framing?
    public var floor: FloorPolicy?
    public var terminal: TerminalSetup?
    public var keypad: KeypadSetup?
    /// The UPS the readiness test asks (R5: power and backup power).
    public var power: PowerSetup?
    /// What the readiness test asks beyond the defaults.
    public var readiness: ReadinessSetup?
    public var control: ControlSetup
    /// Who operates the room: the logbook names them (`people`).
    public var people: [PersonSetup]
    /// The province's fleet over MQTT; absent: no MQTT.
    public var fleet: FleetSetup?

    public init(
        room: RoomIdentity, stateDirectory: String? = nil, cameras: [CameraSetup],
        microphones: [MicrophoneSetup], alsaConfiguration: String? = nil, groups: [String: [String]]? = nil, framing: Framing? = nil,
        floor: FloorPolicy? = nil, terminal: TerminalSetup? = nil, keypad: KeypadSetup? = nil,
        power: PowerSetup? = nil, readiness: ReadinessSetup? = nil, control: ControlSetup, people: [PersonSetup] = [],
        fleet: FleetSetup? = nil
    ) {
        self.room = room
        self.stateDirectory = stateDirectory
        self.cameras = cameras
        self.microphones = microphones
        self.alsaConfiguration = alsaConfiguration
        self.groups = groups
        self.framing = framing
        self.floor = floor
        self.terminal = terminal
        self.keypad = keypad
        self.power = power
        self.readiness = readiness
        self.control = control
        self.people = people
        self.fleet = fleet
    }
}

/// Who the room is (R8).
public struct RoomIdentity: Codable, Sendable, Equatable {
    /// The name the room shows, e.g. "UBND xã Tân Lập".
    public var name: String
    public var lead: Contact?
    /// One technician (the older form of the file).
    public var technician: Contact?
    /// The room's technicians, the one on duty first (001 Art. 13.2: at least two).
    public var technicians: [Contact]?
    /// What the daemon speaks in its journal and to a control client that
    /// did not choose (`room.language`: `vi` in the shipped template). A room
    /// file written before the field existed keeps English, as it spoke then.
    public var language: Language?

    public init(name: String, lead: Contact? = nil, technician: Contact? = nil, technicians: [Contact]? = nil, language: Language? = nil) {
        self.name = name
        self.lead = lead
        self.technician = technician
        self.technicians = technicians
        self.language = language
    }

    /// Everyone named as a technician, whichever form the file used.
    public var everyTechnician: [Contact] { technicians ?? technician.map { [$0] } ?? [] }
}

/// The presets that frame the whole room rather than one delegate.
public struct Framing: Codable, Sendable, Equatable {
    /// Where the camera goes when nobody has the floor (R3).
    public var wide: String?
    /// Where the camera goes when the meeting ends, before standby (R6).
    public var privacy: String?

    public init(wide: String? = nil, privacy: String? = nil) {
        self.wide = wide
        self.privacy = privacy
    }
}

/// Whether the room may open a microphone the centre has not given the floor to.
public struct FloorPolicy: Codable, Sendable, Equatable {
    /// `false` (the regulations' default, R2): a local unmute with no grant is
    /// refused and an unmute made outside the daemon is reverted.
    public var allowUnmuteWithoutGrant: Bool
    /// When the MCU unmutes the room through the terminal, take it as the
    /// chair's call on the room and give the floor to this microphone, group
    /// or `all` (a room whose centre runs no DiemCau client). Absent: the
    /// terminal's unmute only reopens what its mute closed.
    public var terminalUnmuteGrants: String?

    public init(allowUnmuteWithoutGrant: Bool = false, terminalUnmuteGrants: String? = nil) {
        self.allowUnmuteWithoutGrant = allowUnmuteWithoutGrant
        self.terminalUnmuteGrants = terminalUnmuteGrants
    }
}
