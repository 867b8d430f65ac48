/// The microphones part of a room's configuration, as JSON:
///
///     { "alsaConfiguration": "/etc/diemcau/asound.conf",
///       "channels": [ { "name": "chair", "device": "hw:CARD=Device", "element": "Mic" } ] }
///
/// `alsaConfiguration` is optional: an asound.conf loaded on top of
/// alsa-lib's own, for ctl devices the room defines itself.
public struct MicConfiguration: Codable, Sendable, Hashable {
    public var alsaConfiguration: String?
    public var channels: [MicChannel]

    public init(alsaConfiguration: String? = nil, channels: [MicChannel]) {
        self.alsaConfiguration = alsaConfiguration
        self.channels = channels
    }
}
