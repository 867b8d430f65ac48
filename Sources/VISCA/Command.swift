/// A VISCA command or inquiry, as the vendor guides list them.
///
/// Parameters are plain integers so that a value read from a configuration
/// file or a command line can be put in as it is; `encoded(for:)` checks them
/// against what VISCA can carry and throws `VISCAError.parameterOutOfRange`.
/// A camera model's narrower ranges (presets 0-5 on an EVI-D70, pan speed
/// 01-18) belong to its profile, not here.
public enum Command: Hashable, Sendable {
    /// `88 30 01 FF`: number the cameras of the chain, nearest first.
    case addressSet
    /// `8x 01 00 01 FF` (or `88 ...` broadcast): empty the camera's command buffers.
    case interfaceClear
    /// `8x 2y FF`: cancel the command executing in socket y (1 or 2).
    case cancel(socket: Int)
    /// `8x 01 04 00 02 FF` on, `... 03 FF` standby.
    case power(PowerState)
    /// `8x 01 04 3F 0a pp FF`: reset (a = 0), set (1) or recall (2) preset pp.
    case preset(PresetAction, Int)
    /// `8x 01 06 01 VV WW PP TT FF`: drive pan and tilt at the given speeds until stopped.
    case panTiltDrive(pan: PanDirection, tilt: TiltDirection, panSpeed: Int, tiltSpeed: Int)
    /// `8x 01 06 02 VV WW 0Y 0Y 0Y 0Y 0Z 0Z 0Z 0Z FF`: go to a pan/tilt position.
    case absolutePosition(pan: Int, tilt: Int, panSpeed: Int, tiltSpeed: Int)
    /// `8x 01 06 03 VV WW ...`: move by a pan/tilt offset.
    case relativePosition(pan: Int, tilt: Int, panSpeed: Int, tiltSpeed: Int)
    /// `8x 01 06 04 FF`: pan and tilt to the home position.
    case home
    /// `8x 01 06 05 FF`: pan/tilt reset (the camera sweeps to find its end stops, then goes home).
    case panTiltReset
    /// `8x 01 04 07 .. FF`: stop, tele, wide, or tele/wide at speed 0...7.
    case zoom(ZoomDrive)
    /// `8x 01 04 47 0p 0q 0r 0s FF`: go to a zoom position.
    case zoomDirect(position: Int)
    /// `8x 01 04 38 .. FF`: auto focus, manual focus, or toggle between them.
    case focus(FocusMode)
    /// `8x 09 .. FF`: ask the camera something; answered by `y0 50 ... FF` without ACK.
    case inquiry(Inquiry)

    /// Whether the camera answers with ACK `x0 4y FF` then Completion `x0 5y FF`.
    /// Inquiries, IF_Clear, AddressSet and Cancel are answered directly.
    public var isAcknowledged: Bool {
        switch self {
        case .addressSet, .interfaceClear, .cancel, .inquiry: false
        default: true
        }
    }

    /// Whether the command makes the camera move (it fails with error 41 in standby,
    /// and its Completion comes when the move ends).
    public var isMotion: Bool {
        switch self {
        case .preset(.recall, _), .panTiltDrive, .absolutePosition, .relativePosition, .home, .panTiltReset,
             .zoom, .zoomDirect:
            true
        default:
            false
        }
    }

    /// A short name for messages: "preset recall 3", "power standby".
    public var name: String {
        switch self {
        case .addressSet: "AddressSet"
        case .interfaceClear: "IF_Clear"
        case .cancel(let socket): "Cancel (socket \(socket))"
        case .power(let state): "power \(state)"
        case .preset(let action, let number): "preset \(action) \(number)"
        case .panTiltDrive(let pan, let tilt, _, _): "pan-tilt drive (pan \(pan), tilt \(tilt))"
        case .absolutePosition(let pan, let tilt, _, _): "absolute position (pan \(pan), tilt \(tilt))"
        case .relativePosition(let pan, let tilt, _, _): "relative position (pan \(pan), tilt \(tilt))"
        case .home: "pan-tilt home"
        case .panTiltReset: "pan-tilt reset"
        case .zoom(let drive): "zoom \(drive)"
        case .zoomDirect(let position): "zoom direct \(position)"
        case .focus(let mode): "focus \(mode)"
        case .inquiry(let inquiry): "\(inquiry) inquiry"
        }
    }
}

/// A camera's power state as commanded and as answered to the power inquiry.
public enum PowerState: Hashable, Sendable, CustomStringConvertible {
    case on
    case standby

    /// The byte VISCA uses for this state in the command and in the inquiry's answer.
    public var code: UInt8 {
        switch self {
        case .on: 0x02
        case .standby: 0x03
        }
    }

    public init?(code: UInt8) {
        switch code {
        case 0x02: self = .on
        case 0x03: self = .standby
        default: return nil
        }
    }

    public var description: String { self == .on ? "on" : "standby" }
}

/// What to do with a preset memory.
public enum PresetAction: UInt8, Hashable, Sendable, CustomStringConvertible {
    case reset = 0x00
    case set = 0x01
    case recall = 0x02

    public var description: String {
        switch self {
        case .reset: "reset"
        case .set: "set"
        case .recall: "recall"
        }
    }
}

/// The pan half of a pan-tilt drive.
public enum PanDirection: UInt8, Hashable, Sendable, CustomStringConvertible {
    case left = 0x01
    case right = 0x02
    case stop = 0x03

    public var description: String {
        switch self {
        case .left: "left"
        case .right: "right"
        case .stop: "stop"
        }
    }
}

/// The tilt half of a pan-tilt drive.
public enum TiltDirection: UInt8, Hashable, Sendable, CustomStringConvertible {
    case up = 0x01
    case down = 0x02
    case stop = 0x03

    public var description: String {
        switch self {
        case .up: "up"
        case .down: "down"
        case .stop: "stop"
        }
    }
}

/// How to drive the zoom.
public enum ZoomDrive: Hashable, Sendable, CustomStringConvertible {
    case stop
    /// Standard speed towards telephoto.
    case tele
    /// Standard speed towards wide angle.
    case wide
    /// Tele at speed 0 (slowest) to 7 (fastest).
    case teleVariable(speed: Int)
    /// Wide at speed 0 (slowest) to 7 (fastest).
    case wideVariable(speed: Int)

    public var description: String {
        switch self {
        case .stop: "stop"
        case .tele: "tele"
        case .wide: "wide"
        case .teleVariable(let speed): "tele at speed \(speed)"
        case .wideVariable(let speed): "wide at speed \(speed)"
        }
    }
}

/// The focus mode commands.
public enum FocusMode: UInt8, Hashable, Sendable, CustomStringConvertible {
    case auto = 0x02
    case manual = 0x03
    /// Auto/manual toggle.
    case toggle = 0x10

    public var description: String {
        switch self {
        case .auto: "auto"
        case .manual: "manual"
        case .toggle: "auto/manual toggle"
        }
    }
}

/// What a controller can ask a camera.
public enum Inquiry: Hashable, Sendable, CustomStringConvertible {
    /// `8x 09 04 00 FF` → `y0 50 02 FF` on, `y0 50 03 FF` standby.
    case power
    /// `8x 09 04 47 FF` → `y0 50 0p 0q 0r 0s FF`.
    case zoomPosition
    /// `8x 09 06 12 FF` → `y0 50 0w 0w 0w 0w 0z 0z 0z 0z FF`.
    case panTiltPosition
    /// `8x 09 00 02 FF` → `y0 50 GG GG HH HH JJ JJ KK FF`.
    case version
    /// `8x 09 04 38 FF` → `y0 50 02 FF` auto focus, `y0 50 03 FF` manual focus.
    case focusMode

    /// The bytes after `8x 09`.
    var selector: [UInt8] {
        switch self {
        case .power: [0x04, 0x00]
        case .zoomPosition: [0x04, 0x47]
        case .panTiltPosition: [0x06, 0x12]
        case .version: [0x00, 0x02]
        case .focusMode: [0x04, 0x38]
        }
    }

    public var description: String {
        switch self {
        case .power: "power"
        case .zoomPosition: "zoom position"
        case .panTiltPosition: "pan-tilt position"
        case .version: "version"
        case .focusMode: "focus mode"
        }
    }
}
