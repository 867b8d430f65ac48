import FoundationEssentials
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
    /// report has its room's name.
    public init(combining rooms: [(room: String, report: LogbookReport)], title: String, period: DateInterval) {
        self = LogbookReport(entries: [], period: period)
        room = title
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
        quality = QualitySummary(qualitySamples.map(\.quality))
    }
}
