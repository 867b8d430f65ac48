import FoundationEssentials
import Room

/// What the logbook says about a period (R4): meetings held and how long they
/// lasted, test sessions, incidents and how they were fixed, and call quality.
public struct LogbookReport: Sendable, Equatable, Codable {
    public var period: DateInterval
    /// Where an open session's count stops: the period's end, or the moment
    /// the report was made when the period is not over yet (never the future).
    public var countedUntil: Date
    /// The room's name, from the daemon's start entries.
    public var room: String?
    /// Test and official sessions, in the order they started.
    public var sessions: [SessionSummary]
    /// Incidents opened in the period, with their fixes when noted.
    public var incidents: [IncidentSummary]
    /// Every call-quality sample of the period.
    public var quality: QualitySummary?
    /// The samples themselves, in time order, for the report's chart.
    public var qualitySamples: [QualitySample]
    /// The meetings the centre scheduled, by id, as the period's entries give
    /// them (title, chairing body): the sessions name their meeting by id.
    public var schedule: [String: Meeting]
    /// Each readiness self-test run in the period (R5), in order.
    public var readinessResults: [ReadinessResult]
    public var floorGrants: Int
    public var refusedCommands: Int
    /// Lines of the period's files that could not be read (torn by a crash, damaged).
    public var damagedLines: Int
    /// In a report of many rooms (`init(combining:)`), the rooms that sent
    /// none: the page says so, so that a province's figures are not read as whole.
    public var roomsWithoutReport: [String]?

    /// The official sessions: the meetings held.
    public var meetingsHeld: [SessionSummary] { sessions.filter { $0.kind == .official } }
    public var testSessions: [SessionSummary] { sessions.filter { $0.kind == .test } }

    /// Builds the report from the period's entries, in the order they were
    /// written; `now` is when the report is made.
    /// `scheduledBefore`: meetings the centre scheduled before the period,
    /// for the chairing body of those held in it.
    public init(entries: [LogEntry], period: DateInterval, damagedLines: Int = 0, now: Date = Date(), scheduledBefore: [Meeting] = []) {
        self.period = period
        countedUntil = max(period.start, min(period.end, now))
        self.damagedLines = damagedLines
        room = nil
        sessions = []
        incidents = []
        qualitySamples = []
        schedule = Dictionary(scheduledBefore.map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
        readinessResults = []
        floorGrants = 0
        refusedCommands = 0
        var open: [SessionKind: Int] = [:]
        var samples: [(Date, CallQuality)] = []

        func close(_ kind: SessionKind, at time: Date, note: String?) {
            guard let index = open.removeValue(forKey: kind) else { return }
            sessions[index].end = time
            sessions[index].note = note
        }

        for entry in entries {
            switch entry.record {
            case .started(let name):
                room = name
                for kind in open.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                    close(kind, at: entry.time, note: "not closed: the daemon restarted")
                }
            case .sessionStarted(let kind, let meeting):
                close(kind, at: entry.time, note: "not closed: another session started")
                open[kind] = sessions.count
                sessions.append(SessionSummary(kind: kind, meeting: meeting, start: entry.time))
            case .sessionEnded(let kind, let meeting):
                if open[kind] != nil {
                    close(kind, at: entry.time, note: nil)
                } else {
                    // Began before the period.
                    var session = SessionSummary(kind: kind, meeting: meeting, start: period.start)
                    session.end = entry.time
                    session.note = "began before the period"
                    sessions.append(session)
                }
            case .incident(let incident):
                incidents.append(IncidentSummary(incident: incident))
            case .fixed(let id, let note, let by):
                if let index = incidents.lastIndex(where: { $0.incident.id == id }) {
                    incidents[index].fix = IncidentSummary.Fix(note: note, by: by, at: entry.time)
                }
            case .expectedBack(let id, let at, let note, let by):
                if let index = incidents.lastIndex(where: { $0.incident.id == id }) {
                    incidents[index].expectedBack = IncidentSummary.ExpectedBack(at: at, note: note, by: by, setAt: entry.time)
                    incidents[index].expectedBackUpdates += 1
                }
            case .callQuality(let sample):
                samples.append((entry.time, sample))
            case .scheduled(let meeting, _):
                schedule[meeting.id] = meeting
            case .readiness(let report):
                readinessResults.append(ReadinessResult(time: entry.time, passed: report.passed, failed: report.checks.filter { !$0.passed }.map(\.name)))
            case .floorGranted:
                floorGrants += 1
            case .refused:
                refusedCommands += 1
            default:
                break
            }
        }
        for index in sessions.indices where sessions[index].end == nil {
            sessions[index].note = "still open at the end of the period"
        }
        quality = QualitySummary(samples.map(\.1))
        qualitySamples = samples.map { QualitySample(time: $0.0, quality: $0.1) }
        for index in sessions.indices {
            let span = sessions[index].start..<max(sessions[index].start, sessions[index].end ?? countedUntil)
            sessions[index].quality = QualitySummary(samples.filter { span.contains($0.0) }.map(\.1))
        }
    }
}

/// One call-quality sample and when it was taken.
public struct QualitySample: Sendable, Equatable, Codable {
    public var time: Date
    public var quality: CallQuality
}

/// One run of the readiness self-test: when, its verdict, the checks that failed.
public struct ReadinessResult: Sendable, Equatable, Codable {
    public var time: Date
    public var passed: Bool
    public var failed: [String]
}

/// A test or official session.
public struct SessionSummary: Sendable, Equatable, Codable {
    public var kind: SessionKind
    public var meeting: String?
    public var start: Date
    /// Nil while the session is still open at the end of the period.
    public var end: Date?
    /// Why the times need care ("not closed: the daemon restarted", ...).
    public var note: String?
    public var quality: QualitySummary?

    public init(kind: SessionKind, meeting: String?, start: Date, end: Date? = nil) {
        self.kind = kind
        self.meeting = meeting
        self.start = start
        self.end = end
    }

    /// How long it lasted; a session still open counts up to `countedUntil`
    /// (the report's: the period's end or now, whichever is earlier).
    public func duration(until countedUntil: Date) -> TimeInterval {
        max(0, (end ?? countedUntil).timeIntervalSince(start))
    }
}

/// An incident and, when the technician noted it, how it was fixed.
public struct IncidentSummary: Sendable, Equatable, Codable {
    public struct Fix: Sendable, Equatable, Codable {
        public var note: String
        public var by: String
        public var at: Date
    }

    /// When the room expected to be back (R11), as last set before the fix.
    public struct ExpectedBack: Sendable, Equatable, Codable {
        public var at: Date
        public var note: String
        public var by: String
        /// When it was set.
        public var setAt: Date
    }

    public var incident: Incident
    public var fix: Fix?
    /// The last expected time of recovery set for it, nil when none was.
    public var expectedBack: ExpectedBack?
    /// How many times the expected time was set.
    public var expectedBackUpdates = 0

    public init(incident: Incident, fix: Fix? = nil) {
        self.incident = incident
        self.fix = fix
    }
}

/// Call quality over a set of samples.
public struct QualitySummary: Sendable, Equatable, Codable {
    public var samples: Int
    public var averageLossPercent: Double
    public var maximumLossPercent: Double
    public var averageJitterMs: Double
    public var maximumJitterMs: Double
    /// The average call rate over the samples that gave one, nil when none did.
    public var averageRateKbps: Double?

    /// Nil when there are no samples.
    public init?(_ samples: [CallQuality]) {
        guard !samples.isEmpty else { return nil }
        let count = Double(samples.count)
        self.samples = samples.count
        averageLossPercent = samples.map(\.lossPercent).reduce(0, +) / count
        maximumLossPercent = samples.map(\.lossPercent).max() ?? 0
        averageJitterMs = samples.map(\.jitterMs).reduce(0, +) / count
        maximumJitterMs = samples.map(\.jitterMs).max() ?? 0
        let rates = samples.compactMap(\.rateKbps)
        averageRateKbps = rates.isEmpty ? nil : Double(rates.reduce(0, +)) / Double(rates.count)
    }
}

extension LogbookReport {
    /// The meeting a session belongs to, when the schedule in the period names it.
    public func meeting(of session: SessionSummary) -> Meeting? { session.meeting.flatMap { schedule[$0] } }

    /// The meetings held, counted by who chaired them (R10's order, highest
    /// first); meetings the period's schedule does not name count as unknown (nil).
    public var meetingsByChair: [(chair: MeetingPriority?, count: Int)] {
        var counts: [MeetingPriority?: Int] = [:]
        for session in meetingsHeld { counts[meeting(of: session)?.priority, default: 0] += 1 }
        return counts.sorted { ($0.key?.rank ?? -1) > ($1.key?.rank ?? -1) }.map { (chair: $0.key, count: $0.value) }
    }
}
