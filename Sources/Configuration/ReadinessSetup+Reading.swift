extension ReadinessSetup {
    /// `readiness`: the thresholds the readiness test judges by.
    init(reading readiness: FieldObject) {
        self.init(
            minimumSoundDBFS: readiness.field("minimumSoundDBFS")?.number(.soundLevel),
            maxLossPercent: readiness.field("maxLossPercent")?.number(.percent),
            maxJitterMs: readiness.field("maxJitterMs")?.number(.jitterMs),
            minimumRateKbps: readiness.field("minimumRateKbps")?.number(.callRate))
    }
}
