import FoundationEssentials

/// A meeting on the centre's schedule (R5, R10).
public struct Meeting: Sendable, Hashable, Codable {
    public var id: String
    public var title: String?
    public var priority: MeetingPriority
    /// When the technical test is due, if the centre set one.
    public var testAt: Date?
    /// When the official session starts.
    public var startsAt: Date
    /// When it is expected to end; `assumedLength` after the start when not given.
    public var endsAt: Date?

    /// How long a meeting with no announced end is taken to last, for overlaps.
    public static let assumedLength: TimeInterval = 3 * 3600

    public init(
        id: String, title: String? = nil, priority: MeetingPriority, testAt: Date? = nil, startsAt: Date,
        endsAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.priority = priority
        self.testAt = testAt
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    /// The span the meeting occupies the room, for overlaps.
    public var span: Range<Date> {
        let end = max(endsAt ?? startsAt.addingTimeInterval(Self.assumedLength), startsAt.addingTimeInterval(1))
        return startsAt..<end
    }

}

/// Who runs a meeting, in the order the regulations rank them (001 Art. 4.5):
/// the central government first, then the province party committee, the
/// people's council, the province people's committee, and the districts.
public enum MeetingPriority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Cơ quan Trung ương.
    case centralGovernment = "central-government"
    /// Tỉnh ủy.
    case provinceParty = "province-party-committee"
    /// HĐND tỉnh.
    case peoplesCouncil = "peoples-council"
    /// UBND tỉnh.
    case peoplesCommittee = "peoples-committee"
    /// Huyện ủy, Thành ủy, UBND huyện/thành phố.
    case district

    /// Higher is more important.
    public var rank: Int {
        switch self {
        case .centralGovernment: 4
        case .provinceParty: 3
        case .peoplesCouncil: 2
        case .peoplesCommittee: 1
        case .district: 0
        }
    }

    public static func < (lhs: MeetingPriority, rhs: MeetingPriority) -> Bool { lhs.rank < rhs.rank }
}

/// A meeting on the schedule and which of its checks have run.
public struct ScheduledMeeting: Sendable, Hashable, Codable {
    public var meeting: Meeting
    /// The readiness test at the technical-test time has been asked for.
    public var testCheckDone: Bool
    /// The room's lead times whose readiness test has not run yet (R5), earliest first.
    public var pendingLeads: [LeadTime]
    /// Another meeting overlaps this one and outranks it (R10).
    public var displacedBy: String?
    /// The technician entered it from the paper invitation; the centre's own
    /// entries take precedence over it.
    public var fromInvitation: Bool = false
    /// The last readiness test run for it (R5): passed or not; nil before one.
    public var readinessPassed: Bool?

    public init(meeting: Meeting, testCheckDone: Bool = false, pendingLeads: [LeadTime] = [], displacedBy: String? = nil) {
        self.meeting = meeting
        self.testCheckDone = testCheckDone
        self.pendingLeads = pendingLeads.sorted { $0.minutesBefore > $1.minutesBefore }
        self.displacedBy = displacedBy
    }

    /// The next time this meeting needs the rules' attention, if any.
    public var nextDue: Date? {
        var due: [Date] = []
        if !testCheckDone, let test = meeting.testAt { due.append(test) }
        if let lead = pendingLeads.first { due.append(lead.due(for: meeting)) }
        return due.min()
    }

    /// Takes the lead times that have come by `now` off the list: each
    /// readiness test checks the room as it is, so lead times passed
    /// together (a meeting scheduled late) make one test, the latest's.
    mutating func takeDueLeads(at now: Date) -> [LeadTime] {
        let due = pendingLeads.filter { $0.due(for: meeting) <= now }
        pendingLeads.removeAll { $0.due(for: meeting) <= now }
        return due
    }
}
