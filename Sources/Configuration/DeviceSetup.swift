import Codec
import Microphones

/// A PTZ camera and how it is reached.
public struct CameraSetup: Codable, Sendable, Equatable {
    /// The name the room uses for it, e.g. "main".
    public var name: String
    /// A profile in `Hardware/cameras/` (file name without `.json`), e.g. "sony-evi-d70".
    public var profile: String
    public var link: LinkSetup
    /// The camera's place on a daisy chain, 1 (nearest) to 7; 1 over IP.
    public var address: Int?
    /// Named preset slots, e.g. `{"chair": 1, "left": 2}`, matching the seating chart (R3).
    public var presets: [String: Int]?

    public init(name: String, profile: String, link: LinkSetup, address: Int? = nil, presets: [String: Int]? = nil) {
        self.name = name
        self.profile = profile
        self.link = link
        self.address = address
        self.presets = presets
    }
}

/// How bytes reach a camera.
public struct LinkSetup: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A real serial port through libserialport (USB adapters, on-board RS-232).
        case serial
        /// A terminal device through termios (pseudo-terminals, serial servers).
        case tty
        /// Sony VISCA over IP on UDP (52381).
        case udp
        /// Raw VISCA on TCP (PTZOptics, 5678).
        case tcp
    }

    public var kind: Kind
    /// The device path, for `serial` and `tty`.
    public var path: String?
    /// 9600 or 38400, for `serial` and `tty`.
    public var baud: Int?
    /// The camera's address, for `udp` and `tcp`.
    public var host: String?
    public var port: Int?

    public init(kind: Kind, path: String? = nil, baud: Int? = nil, host: String? = nil, port: Int? = nil) {
        self.kind = kind
        self.path = path
        self.baud = baud
        self.host = host
        self.port = port
    }
}

/// A microphone channel on an ALSA mixer.
public struct MicrophoneSetup: Codable, Sendable, Equatable {
    /// The name the centre and the technician use, e.g. "chair", "mic2".
    public var name: String
    /// The ALSA control device, e.g. "hw:CARD=Device" or a ctl device from asound.conf.
    public var device: String
    /// The simple mixer element, as `amixer scontrols` names it.
    public var element: String
    public var index: Int?
    /// Which control carries the mute (the driver's own `MuteControl`, by
    /// its room-file words); the capture switch when absent.
    public var mute: MuteControl?
    /// The preset the camera recalls when this microphone gets the floor (R3).
    public var preset: String?
    /// The ALSA capture (pcm) device the readiness test measures this
    /// microphone's signal on (R5: sound); no sound check when absent.
    public var capture: String?

    public init(
        name: String, device: String, element: String, index: Int? = nil, mute: MuteControl? = nil,
        preset: String? = nil, capture: String? = nil
    ) {
        self.name = name
        self.device = device
        self.element = element
        self.index = index
        self.mute = mute
        self.preset = preset
        self.capture = capture
    }
}

/// The room's H.323/SIP terminal and its API.
public struct TerminalSetup: Codable, Sendable, Equatable {
    /// The terminal's API, by the driver's own names for it.
    public var dialect: DialectKind
    public var host: String
    /// The API port; the dialect's own when absent (Poly 24, Cisco 23, Yealink 6024).
    public var port: Int?
    /// The file holding the API password (mode 0600); not read for a
    /// terminal whose API asks no login (Yealink).
    public var secrets: String
    /// How often the call's quality is sampled for the logbook while a call
    /// is connected (R4); 60 when absent.
    public var qualitySampleSeconds: Int?

    /// How the API is reached: Telnet, or SSH (Cisco room devices ship with Telnet off).
    public enum Transport: String, Codable, Sendable, CaseIterable {
        case telnet
        case ssh
    }

    /// Telnet when absent.
    public var transport: Transport?
    /// With SSH: the known_hosts file that holds the terminal's host key;
    /// no other key is trusted.
    public var knownHosts: String?
    /// With SSH: a private key the terminal accepts; the secrets file's
    /// password is used when absent.
    public var sshKey: String?

    public init(
        dialect: DialectKind, host: String, port: Int? = nil, secrets: String, qualitySampleSeconds: Int? = nil,
        transport: Transport? = nil, knownHosts: String? = nil, sshKey: String? = nil
    ) {
        self.dialect = dialect
        self.host = host
        self.port = port
        self.secrets = secrets
        self.qualitySampleSeconds = qualitySampleSeconds
        self.transport = transport
        self.knownHosts = knownHosts
        self.sshKey = sshKey
    }
}

/// The technician's keypad.
public struct KeypadSetup: Codable, Sendable, Equatable {
    /// The device, best under /dev/input/by-id/ so that it keeps its name.
    public var device: String
    /// A key map in `Hardware/keypads/`.
    public var map: String

    public init(device: String, map: String) {
        self.device = device
        self.map = map
    }
}

/// Where the room listens for the MCU centre, the CLI and AV control systems.
public struct ControlSetup: Codable, Sendable, Equatable {
    public struct TCP: Codable, Sendable, Equatable {
        public var address: String
        public var port: Int
        /// Addresses allowed to connect, as CIDR blocks; everyone when absent.
        public var allow: [String]?

        public init(address: String, port: Int, allow: [String]? = nil) {
            self.address = address
            self.port = port
            self.allow = allow
        }
    }

    public var tcp: TCP?
    /// The local socket of the `diemcau` tool.
    public var unixSocket: String?
    /// The file holding one token per role (mode 0600).
    public var secrets: String
    public var maxConnections: Int?
    public var idleTimeoutSeconds: Int?
    /// Local users in this group hold the technician role on the Unix
    /// socket without a token (default: the daemon's group, `diemcau`).
    public var technicianGroup: String?
    /// Local users in this group hold the observer role there.
    public var observerGroup: String?
    /// Notes, faults and fixes one client may add to the logbook a minute
    /// (60 by default), with 1 KB of text each on average.
    public var notesPerMinute: Int?

    public init(
        tcp: TCP? = nil, unixSocket: String? = nil, secrets: String, maxConnections: Int? = nil,
        idleTimeoutSeconds: Int? = nil, technicianGroup: String? = nil, observerGroup: String? = nil, notesPerMinute: Int? = nil
    ) {
        self.tcp = tcp
        self.unixSocket = unixSocket
        self.secrets = secrets
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.technicianGroup = technicianGroup
        self.observerGroup = observerGroup
        self.notesPerMinute = notesPerMinute
    }
}
