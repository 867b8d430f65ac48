/// One microphone channel of the room — the chair's microphone, a delegate's,
/// a wireless receiver — as the mixer that carries it sees it.
///
/// Codable so the daemon's configuration can embed it:
///
///     { "name": "chair", "device": "hw:CARD=Device", "element": "Mic",
///       "index": 0, "control": "capture-switch" }
///
/// Only `name`, `device` and `element` are required; the rest take the
/// defaults below.
public struct MicChannel: Codable, Sendable, Hashable {
    /// What the room calls the channel ("chair", "left", "wireless-1").
    public var name: String
    /// The ALSA control device: `hw:CARD=<id>` for a sound card, or any ctl
    /// device defined in an asound.conf (a `type pulse` one, for instance).
    public var device: String
    /// The simple mixer element, as `amixer scontrols` prints it ("Mic", "Capture").
    public var element: String
    /// The element's index (the `,0` in `'Mic',0`).
    public var index: Int
    /// Which control carries the mute.
    public var control: MuteControl
    /// Mute the channel when the driver starts and when it stops (rule R2:
    /// a microphone is off unless the chair gave this room the floor).
    public var failSafeMute: Bool
    /// For the volume controls: the level, in percent of the element's range,
    /// to unmute to when no level from before the mute is known (the element
    /// was already at zero when the driver found it).
    public var liveVolumePercent: Int?

    public init(
        name: String,
        device: String,
        element: String,
        index: Int = 0,
        control: MuteControl = .captureSwitch,
        failSafeMute: Bool = true,
        liveVolumePercent: Int? = nil
    ) {
        self.name = name
        self.device = device
        self.element = element
        self.index = index
        self.control = control
        self.failSafeMute = failSafeMute
        self.liveVolumePercent = liveVolumePercent
    }

    private enum CodingKeys: String, CodingKey {
        case name, device, element, index, control, failSafeMute, liveVolumePercent
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            device: try c.decode(String.self, forKey: .device),
            element: try c.decode(String.self, forKey: .element),
            index: try c.decodeIfPresent(Int.self, forKey: .index) ?? 0,
            control: try c.decodeIfPresent(MuteControl.self, forKey: .control) ?? .captureSwitch,
            failSafeMute: try c.decodeIfPresent(Bool.self, forKey: .failSafeMute) ?? true,
            liveVolumePercent: try c.decodeIfPresent(Int.self, forKey: .liveVolumePercent)
        )
    }

    /// How the channel reads in messages: `chair (mic1 'Capture',0)`.
    public var label: String { "\(name) (\(device) '\(element)',\(index))" }
}

/// The mixer control that mutes a channel.
public enum MuteControl: String, Codable, Sendable, Hashable, CaseIterable {
    /// The element's capture switch (`amixer sset Mic nocap`): most USB microphone interfaces.
    case captureSwitch = "capture-switch"
    /// The element's playback switch (`amixer sset Mic mute`): interfaces that route the
    /// microphone to an output, and the monitor mixes of conference DSPs.
    case playbackSwitch = "playback-switch"
    /// The capture volume taken to its minimum, and restored on unmute: elements with no switch.
    case captureVolume = "capture-volume"
    /// The playback volume taken to its minimum, and restored on unmute.
    case playbackVolume = "playback-volume"

    /// As a technician reads it in `amixer` terms.
    public var summary: String {
        switch self {
        case .captureSwitch: "capture switch"
        case .playbackSwitch: "playback switch"
        case .captureVolume: "capture volume"
        case .playbackVolume: "playback volume"
        }
    }
}
