import Room

/// What a keypad reports: its comings and goings, and the technician's actions.
public enum KeypadEvent: Sendable, Hashable {
    /// The device is open (and grabbed, when asked) and keys now act.
    case connected(KeypadDevice)
    /// A key asked for something; the room's rules decide whether it is
    /// allowed now (storing a preset only in preparation, R7; a raised
    /// hand goes to the chair, R9): the keypad does not judge.
    case action(KeypadOrder)
    /// The device went away (unplugged, or the stream ended). Any zoom or
    /// pan/tilt in progress was stopped just before, with `.action(.zoomStop)`
    /// or `.action(.panTiltStop)`. A followed path is waited for.
    case disconnected(KeypadError)
    /// The path cannot be used now (missing, permission denied, not an evdev
    /// device, grabbed by another program). Reported once per cause; the
    /// keypad is tried again when the path changes.
    case unavailable(KeypadError)
}

/// The device behind a connection.
public struct KeypadDevice: Sendable, Hashable, CustomStringConvertible {
    /// The path it was opened by, or "file descriptor N".
    public var path: String
    /// The name the device gives itself (`EVIOCGNAME`), nil for a pipe.
    public var name: String?
    /// Whether its keys reach only DiemCau (`EVIOCGRAB` succeeded).
    public var grabbed: Bool

    public init(path: String, name: String?, grabbed: Bool) {
        self.path = path
        self.name = name
        self.grabbed = grabbed
    }

    public var description: String {
        "\(path)" + (name.map { " (\($0))" } ?? "") + (grabbed ? ", grabbed" : ", not grabbed")
    }
}

/// Whether DiemCau takes the keypad for itself.
public enum KeypadAccess: Sendable, Hashable {
    /// `EVIOCGRAB`: the keys reach DiemCau only, not the desktop or the
    /// console. A path that is not an evdev device is refused.
    case exclusive
    /// Read without grabbing: the keys also reach whoever else listens. For
    /// a FIFO or a recording, and for bring-up next to `evtest`.
    case shared
}
