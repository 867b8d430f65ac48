import FoundationEssentials

/// A time before a meeting's start at which the room runs its readiness test
/// (R5). The seeds differ by province, so the room file lists its own; the
/// defaults are the ones the seeds share.
public struct LeadTime: Sendable, Hashable, Codable {
    /// How long before the start, in minutes.
    public var minutesBefore: Int
    /// The article that asks for it, shown in the log: "001 Art. 7.1".
    public var article: String

    public init(minutesBefore: Int, article: String) {
        self.minutesBefore = minutesBefore
        self.article = article
    }

    /// When this check falls for `meeting`.
    public func due(for meeting: Meeting) -> Date {
        meeting.startsAt.addingTimeInterval(-Double(minutesBefore) * 60)
    }

    /// One hour before: the check that also notes whether the room is in
    /// the call (003 Art. 7.1b: the technical test one hour before).
    public var isHourBefore: Bool { minutesBefore == 60 }

    /// The seeds' lead times: one working day before (001 Art. 7.2–7.3, a
    /// test connection for three-level meetings), half a day before (003 Art.
    /// 7.1b), at least 1.5 hours before (001 Art. 7.1), one hour before
    /// (003 Art. 7.1b), and participants in place 10 minutes before (000 Art. 6.1).
    public static let seeds: [LeadTime] = [
        LeadTime(minutesBefore: 24 * 60, article: "001 Art. 7.2-7.3"),
        LeadTime(minutesBefore: 4 * 60, article: "003 Art. 7.1b"),
        LeadTime(minutesBefore: 90, article: "001 Art. 7.1"),
        LeadTime(minutesBefore: 60, article: "003 Art. 7.1b"),
        LeadTime(minutesBefore: 10, article: "000 Art. 6.1"),
    ]

    /// What a room that lists none gets: one hour before, as before the list.
    public static let defaults: [LeadTime] = [LeadTime(minutesBefore: 60, article: "003 Art. 7.1b")]
}
