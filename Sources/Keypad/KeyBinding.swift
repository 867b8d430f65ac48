import Room

/// What one key means in a key map, written as a short phrase in the JSON
/// file: `recallPreset 3`, `wide`, `zoom in`, `zoom out`, `panTilt up`,
/// `panTilt up-left`, `raiseHand`, and, inside a chord only, `storePreset 3`.
public enum KeyBinding: Sendable, Hashable, CustomStringConvertible {
    case recallPreset(Int)
    case wide
    /// Held: zooms from press to release.
    case zoom(CameraOrder.ZoomDirection)
    /// Held: moves from press to release.
    case panTilt(CameraOrder.PanTiltDirection)
    case raiseHand
    case storePreset(Int)

    /// Preset slots a key map may name. Cameras accept fewer (a Sony EVI-D70
    /// has 6, a PTZOptics 0–89 and 100–254); the camera driver checks the model.
    public static let presetSlots = 0...255

    /// The phrase forms, for messages.
    public static let grammar = "recallPreset N, wide, zoom in, zoom out, panTilt up|down|left|right|up-left|up-right|down-left|down-right, raiseHand, or (in a chord) storePreset N"

    public var description: String {
        switch self {
        case .recallPreset(let n): "recallPreset \(n)"
        case .wide: "wide"
        case .zoom(let direction): "zoom \(direction.rawValue)"
        case .panTilt(let direction): "panTilt \(direction.rawValue)"
        case .raiseHand: "raiseHand"
        case .storePreset(let n): "storePreset \(n)"
        }
    }

    /// Whether the key acts from press to release rather than once.
    public var isHeld: Bool {
        switch self {
        case .zoom, .panTilt: true
        default: false
        }
    }

    /// Parses a phrase; the error text completes "key KEY_X: "<phrase>" ...".
    static func parse(_ text: String) -> Result<KeyBinding, BindingProblem> {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = words.first else { return .failure(.init("is empty: write one of \(grammar)")) }
        func one() -> Result<KeyBinding, BindingProblem>? {
            words.count == 1 ? nil : .failure(.init("takes no argument: write just \"\(verb)\""))
        }
        func preset(_ make: (Int) -> KeyBinding) -> Result<KeyBinding, BindingProblem> {
            guard words.count == 2, let n = Int(words[1]) else {
                return .failure(.init("needs one preset number: write \"\(verb) 1\""))
            }
            guard presetSlots.contains(n) else {
                return .failure(.init("names preset \(n): use a preset number from \(presetSlots.lowerBound) to \(presetSlots.upperBound)"))
            }
            return .success(make(n))
        }
        switch verb {
        case "recallPreset": return preset(KeyBinding.recallPreset)
        case "storePreset": return preset(KeyBinding.storePreset)
        case "wide": return one() ?? .success(.wide)
        case "raiseHand": return one() ?? .success(.raiseHand)
        case "zoom":
            guard words.count == 2, let direction = CameraOrder.ZoomDirection(rawValue: words[1]) else {
                return .failure(.init("needs a direction: write \"zoom in\" or \"zoom out\""))
            }
            return .success(.zoom(direction))
        case "panTilt":
            guard words.count == 2, let direction = CameraOrder.PanTiltDirection(rawValue: words[1]) else {
                return .failure(.init("needs a direction: write \"panTilt \" and one of \(CameraOrder.PanTiltDirection.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            return .success(.panTilt(direction))
        default:
            return .failure(.init("is not an action: write one of \(grammar)"))
        }
    }

    struct BindingProblem: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
