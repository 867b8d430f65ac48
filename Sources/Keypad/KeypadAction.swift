/// What the technician asked for with a key. The keypad does not judge:
/// the room's rules decide whether the action is allowed now (storing a
/// preset only in preparation, R7; a raised hand goes to the chair, R9).
public enum KeypadAction: Sendable, Hashable, CustomStringConvertible {
    /// Turn the camera to a stored position (a delegate's seat, R3).
    case recallPreset(Int)
    /// The wide shot of the whole room.
    case wide
    /// Zoom while the key is held.
    case zoomStart(ZoomDirection)
    case zoomStop
    /// Pan or tilt while the key is held.
    case panTiltStart(PanTiltDirection)
    case panTiltStop
    /// Ask the chair for the floor (R9).
    case raiseHand
    /// Store the camera's current position in a preset slot (the chord).
    case storePreset(Int)

    public var description: String {
        switch self {
        case .recallPreset(let n): "recallPreset \(n)"
        case .wide: "wide"
        case .zoomStart(let direction): "zoomStart \(direction.rawValue)"
        case .zoomStop: "zoomStop"
        case .panTiltStart(let direction): "panTiltStart \(direction.rawValue)"
        case .panTiltStop: "panTiltStop"
        case .raiseHand: "raiseHand"
        case .storePreset(let n): "storePreset \(n)"
        }
    }
}

public enum ZoomDirection: String, Sendable, Hashable, CaseIterable {
    /// Tele: closer.
    case `in`
    /// Wide: farther.
    case out
}

public enum PanTiltDirection: String, Sendable, Hashable, CaseIterable {
    case up, down, left, right
}
