import VISCA

/// What distinguishes one camera model from another in the simulator: which
/// presets exist, which speeds and positions it accepts, what it answers to
/// the version inquiry. Values follow the vendors' VISCA guides where they
/// give them; the version codes are illustrative.
public struct CameraModel: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    /// Preset numbers the camera stores; others get a syntax error.
    public var presets: [ClosedRange<Int>]
    public var panSpeeds: ClosedRange<Int>
    public var tiltSpeeds: ClosedRange<Int>
    /// Whether speed 00 is accepted for an axis whose direction is stop
    /// (a BRC-300 refuses it, most others take it).
    public var acceptsZeroSpeedOnStoppedAxis: Bool
    public var panRange: ClosedRange<Int>
    public var tiltRange: ClosedRange<Int>
    public var zoomRange: ClosedRange<Int>
    public var version: CameraVersion

    public init(
        name: String, presets: [ClosedRange<Int>], panSpeeds: ClosedRange<Int>, tiltSpeeds: ClosedRange<Int>,
        acceptsZeroSpeedOnStoppedAxis: Bool, panRange: ClosedRange<Int>, tiltRange: ClosedRange<Int>,
        zoomRange: ClosedRange<Int>, version: CameraVersion
    ) {
        self.name = name
        self.presets = presets
        self.panSpeeds = panSpeeds
        self.tiltSpeeds = tiltSpeeds
        self.acceptsZeroSpeedOnStoppedAxis = acceptsZeroSpeedOnStoppedAxis
        self.panRange = panRange
        self.tiltRange = tiltRange
        self.zoomRange = zoomRange
        self.version = version
    }

    public func hasPreset(_ number: Int) -> Bool { presets.contains { $0.contains(number) } }

    public var description: String { name }

    /// Sony EVI-D70: presets 0-5, pan speed 01-18, tilt 01-17, pan ±170°.
    public static let eviD70 = CameraModel(
        name: "evi-d70", presets: [0...5], panSpeeds: 0x01...0x18, tiltSpeeds: 0x01...0x17,
        acceptsZeroSpeedOnStoppedAxis: true, panRange: -2267...2267, tiltRange: -400...1200, zoomRange: 0...0x4000,
        version: CameraVersion(vendor: 0x0020, model: 0x040E, rom: 0x0100, maxSocket: 2))

    /// Sony EVI-D100: presets 0-5, pan ±100°.
    public static let eviD100 = CameraModel(
        name: "evi-d100", presets: [0...5], panSpeeds: 0x01...0x18, tiltSpeeds: 0x01...0x14,
        acceptsZeroSpeedOnStoppedAxis: true, panRange: -1440...1440, tiltRange: -360...360, zoomRange: 0...0x4000,
        version: CameraVersion(vendor: 0x0020, model: 0x040D, rom: 0x0100, maxSocket: 2))

    /// Sony BRC-300 class: refuses speed 00 even for a stopped axis.
    public static let brc300 = CameraModel(
        name: "brc-300", presets: [0...5], panSpeeds: 0x01...0x18, tiltSpeeds: 0x01...0x17,
        acceptsZeroSpeedOnStoppedAxis: false, panRange: -2448...2448, tiltRange: -400...1200, zoomRange: 0...0x4000,
        version: CameraVersion(vendor: 0x0020, model: 0x0422, rom: 0x0100, maxSocket: 2))

    /// Sony SRG-300SE (VISCA over IP): 256 presets (the last is not encodable), pan ±170°.
    public static let srg300se = CameraModel(
        name: "srg-300se", presets: [0...0xFE], panSpeeds: 0x01...0x18, tiltSpeeds: 0x01...0x17,
        acceptsZeroSpeedOnStoppedAxis: true, panRange: -2448...2448, tiltRange: -400...1200, zoomRange: 0...0x4000,
        version: CameraVersion(vendor: 0x0020, model: 0x0617, rom: 0x0100, maxSocket: 2))

    /// PTZOptics: presets 0x00-0x59 and 0x64-0xFE (90-99 and 255 reserved), tilt speed up to 14.
    public static let ptzOptics = CameraModel(
        name: "ptzoptics", presets: [0x00...0x59, 0x64...0xFE], panSpeeds: 0x01...0x18, tiltSpeeds: 0x01...0x14,
        acceptsZeroSpeedOnStoppedAxis: true, panRange: -2448...2448, tiltRange: -432...1296, zoomRange: 0...0x4000,
        version: CameraVersion(vendor: 0x0020, model: 0x0510, rom: 0x0100, maxSocket: 2))

    public static let all: [CameraModel] = [.eviD70, .eviD100, .brc300, .srg300se, .ptzOptics]

    /// The model of this name (`evi-d70`, `evi-d100`, `brc-300`, `srg-300se`, `ptzoptics`).
    public static func named(_ name: String) -> CameraModel? { all.first { $0.name == name.lowercased() } }
}
