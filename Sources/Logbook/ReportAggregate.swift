import FoundationEssentials
import Localization
import Room

extension LogbookReport {
    /// The report of many rooms for the same period, as the centre sends it
    /// up (issue 19: the province's or a district's six-monthly report): the
    /// sessions, incidents, readiness tests and call-quality samples of every
    /// room, counted together, so that the one renderer (text, CSV, HTML)
    /// prints it.
    ///
    /// Each room numbers its meetings and incidents on its own, so they are
    /// named after their room here: meeting `A` of `room1` becomes
    /// `room1/A` (its chairing body kept), incident 3's cause reads
    /// `room1: ...`, a failed readiness check `room1: camera`. A meeting held
    /// by many rooms counts once per room: what each room took part in.
    /// `title` names the whole (the province, the district) where a room's
    /// report has its room's name; `missing` the rooms that sent no report.
    public init(combining rooms: [(room: String, report: LogbookReport)], title: String, period: DateInterval, missing: [String] = []) {
        self = LogbookReport(entries: [], period: period)
        room = title
        roomsWithoutReport = missing.isEmpty ? nil : missing
        countedUntil = rooms.map(\.report.countedUntil).max() ?? countedUntil
        var samples: [QualitySample] = []
        for (name, report) in rooms.sorted(by: { $0.room < $1.room }) {
            let named = { (id: String) in "\(name)/\(id)" }
            for (id, meeting) in report.schedule {
                var meeting = meeting
                meeting.id = named(id)
                schedule[named(id)] = meeting
            }
            for var session in report.sessions {
                session.meeting = session.meeting.map(named) ?? name
                sessions.append(session)
            }
            for var summary in report.incidents {
                summary.incident.detail = "\(name): \(summary.incident.detail)"
                summary.incident.said = summary.incident.said.map { Message("{room}: {detail}", ["room": name], parts: ["detail": $0]) }
                incidents.append(summary)
            }
            readinessResults += report.readinessResults.map { result in
                ReadinessResult(time: result.time, passed: result.passed, failed: result.failed.map { "\(name): \($0)" })
            }
            samples += report.qualitySamples
            floorGrants += report.floorGrants
            refusedCommands += report.refusedCommands
            damagedLines += report.damagedLines
        }
        sessions.sort { $0.start < $1.start }
        incidents.sort { $0.incident.openedAt < $1.incident.openedAt }
        readinessResults.sort { $0.time < $1.time }
        qualitySamples = samples.sorted { $0.time < $1.time }
        // From each room's own summary: a room's samples may have come condensed (`condensed`).
        quality = QualitySummary(combining: rooms.compactMap(\.report.quality))
    }

    /// The points of the call-quality chart over the period.
    public static let chartPoints = 120

    /// The report with its call-quality samples averaged into at most
    /// `points` over the period (as many as the chart draws), for sending:
    /// a busy room's half year has tens of thousands of samples (6 MB of
    /// JSON), which the centre only draws. `quality`, the figures over every
    /// sample, is kept as it is.
    public func condensed(points: Int = chartPoints) -> LogbookReport {
        guard qualitySamples.count > points else { return self }
        var copy = self
        let span = max(1, period.duration)
        var buckets = Array(repeating: [QualitySample](), count: points)
        for sample in qualitySamples {
            let index = min(points - 1, max(0, Int(sample.time.timeIntervalSince(period.start) / span * Double(points))))
            buckets[index].append(sample)
        }
        copy.qualitySamples = buckets.compactMap { bucket in
            guard let first = bucket.first, let summary = QualitySummary(bucket.map(\.quality)) else { return nil }
            let middle = first.time.addingTimeInterval(bucket.last!.time.timeIntervalSince(first.time) / 2)
            return QualitySample(time: middle, quality: CallQuality(
                lossPercent: summary.averageLossPercent, jitterMs: summary.averageJitterMs, rateKbps: summary.averageRateKbps.map { Int($0.rounded()) }))
        }
        return copy
    }
}

extension QualitySummary {
    /// The summary of several rooms' samples: averages weighted by each
    /// room's number of samples, the highest maximum. Nil when none has samples.
    public init?(combining summaries: [QualitySummary]) {
        let count = summaries.reduce(0) { $0 + $1.samples }
        guard count > 0 else { return nil }
        func weighted(_ value: (QualitySummary) -> Double) -> Double {
            summaries.reduce(0) { $0 + value($1) * Double($1.samples) } / Double(count)
        }
        samples = count
        averageLossPercent = weighted(\.averageLossPercent)
        maximumLossPercent = summaries.map(\.maximumLossPercent).max() ?? 0
        averageJitterMs = weighted(\.averageJitterMs)
        maximumJitterMs = summaries.map(\.maximumJitterMs).max() ?? 0
        let rated = summaries.filter { $0.averageRateKbps != nil }
        let ratedCount = rated.reduce(0) { $0 + $1.samples }
        averageRateKbps = ratedCount == 0 ? nil : rated.reduce(0) { $0 + $1.averageRateKbps! * Double($1.samples) } / Double(ratedCount)
    }
}
