import VISCA

/// A preset memory: the position the camera returns to on recall.
public struct PresetMemory: Hashable, Sendable {
    public var pan: Int
    public var tilt: Int
    public var zoom: Int

    public init(pan: Int, tilt: Int, zoom: Int) {
        self.pan = pan
        self.tilt = tilt
        self.zoom = zoom
    }
}

/// What a simulated camera looks like from outside at one moment: what a
/// test reads to check that a command had its effect.
public struct CameraState: Hashable, Sendable {
    public var address: CameraAddress
    public var power: PowerState
    public var pan: Int
    public var tilt: Int
    public var zoom: Int
    /// `.auto` or `.manual`.
    public var focus: FocusMode
    public var presets: [Int: PresetMemory]
    /// The preset recalled last (no VISCA inquiry tells this; the simulator knows).
    public var lastRecalledPreset: Int?
    /// Sockets with a command executing, ascending.
    public var busySockets: [Int]
    public var isSilent: Bool
}
