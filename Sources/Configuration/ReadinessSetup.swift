import Room

/// What the room's readiness test asks (R5), where a room differs from the defaults.
public struct ReadinessSetup: Codable, Sendable, Equatable {
    /// The level a microphone's signal must reach; -60 dBFS when absent.
    public var minimumSoundDBFS: Int?
    /// The call's packet loss above which the line fails, in per cent; 1 when absent.
    public var maxLossPercent: Int?
    /// The call's jitter above which the line fails, in milliseconds; 40 when absent.
    public var maxJitterMs: Int?
    /// The call rate below which the line fails, in kbit/s; 384 when absent.
    public var minimumRateKbps: Int?
    /// When before a meeting's start the test runs; one hour (003 Art. 7.1b)
    /// when absent. The seeds' times are `LeadTime.seeds`.
    public var leadTimes: [LeadTime]?

    public init(
        minimumSoundDBFS: Int? = nil, maxLossPercent: Int? = nil, maxJitterMs: Int? = nil, minimumRateKbps: Int? = nil,
        leadTimes: [LeadTime]? = nil
    ) {
        self.minimumSoundDBFS = minimumSoundDBFS
        self.maxLossPercent = maxLossPercent
        self.maxJitterMs = maxJitterMs
        self.minimumRateKbps = minimumRateKbps
        self.leadTimes = leadTimes
    }

    public var lineThresholds: LineThresholds {
        let defaults = LineThresholds()
        return LineThresholds(
            maxLossPercent: maxLossPercent.map(Double.init) ?? defaults.maxLossPercent,
            maxJitterMs: maxJitterMs ?? defaults.maxJitterMs,
            minimumRateKbps: minimumRateKbps ?? defaults.minimumRateKbps)
    }

    public var soundThreshold: SoundThreshold {
        minimumSoundDBFS.map(SoundThreshold.init(minimumDBFS:)) ?? SoundThreshold()
    }
}
