import Room

/// What the room's readiness test asks (R5), where a room differs from the defaults.
public struct ReadinessSetup: Codable, Sendable, Equatable {
    /// The level a microphone's signal must reach; -60 dBFS when absent.
    public var minimumSoundDBFS: Int?

    public init(minimumSoundDBFS: Int? = nil) {
        self.minimumSoundDBFS = minimumSoundDBFS
    }

    public var soundThreshold: SoundThreshold {
        minimumSoundDBFS.map(SoundThreshold.init(minimumDBFS:)) ?? SoundThreshold()
    }
}
