extension ReadinessSetup {
    /// `readiness`: the thresholds the readiness test judges by.
    init(reading readiness: FieldObject) {
        self.init(minimumSoundDBFS: readiness.field("minimumSoundDBFS")?.number(.soundLevel))
    }
}
