import Room

extension ReadinessSetup {
    /// `readiness`: the thresholds the readiness test judges by.
    init(reading readiness: FieldObject) {
        self.init(
            minimumSoundDBFS: readiness.field("minimumSoundDBFS")?.number(.soundLevel),
            maxLossPercent: readiness.field("maxLossPercent")?.number(.percent),
            maxJitterMs: readiness.field("maxJitterMs")?.number(.jitterMs),
            minimumRateKbps: readiness.field("minimumRateKbps")?.number(.callRate),
            leadTimes: readiness.field("leadTimes")?.list()?.compactMap { $0.object().flatMap(LeadTime.init(reading:)) })
    }
}

extension LeadTime {
    /// One of `readiness.leadTimes`: minutes before the start, and the article that asks for it.
    init?(reading lead: FieldObject) {
        let minutes = lead.field("minutesBefore", required: true)?.number(.leadMinutes)
        let article = lead.field("article", required: true)?.text(.identity)
        guard let minutes, let article else { return nil }
        self.init(minutesBefore: minutes, article: article)
    }
}
