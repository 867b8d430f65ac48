import FoundationEssentials
import Localization

/// Which of the regulations' reports a period is for: the six-monthly one to
/// the Department of Information and Communications (003 Art. 11.6c, 001
/// Art. 11.5), the annual (004 Art. 13.4, before 30 November) or the
/// quarterly (000 Art. 7.2); any other span is a plain logbook report.
public enum ReportKind: Sendable, Hashable {
    case quarter(year: Int, quarter: Int)
    case half(year: Int, half: Int)
    case year(Int)
    case span

    /// The period in `calendar` (the room's time zone): whole months.
    public func period(in calendar: Calendar) -> DateInterval? {
        let (year, firstMonth, months): (Int, Int, Int)
        switch self {
        case .quarter(let y, let q): (year, firstMonth, months) = (y, 3 * (q - 1) + 1, 3)
        case .half(let y, let h): (year, firstMonth, months) = (y, 6 * (h - 1) + 1, 6)
        case .year(let y): (year, firstMonth, months) = (y, 1, 12)
        case .span: return nil
        }
        guard let start = calendar.date(from: DateComponents(year: year, month: firstMonth, day: 1)),
            let end = calendar.date(byAdding: .month, value: months, to: start)
        else { return nil }
        return DateInterval(start: start, end: end)
    }

    /// Reads `2026-Q2`, `2026-H1` or `2026`; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.uppercased().split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 2000, year < 2200 else { return nil }
        if parts.count == 1 {
            self = .year(year)
            return
        }
        guard parts.count == 2, parts[1].count == 2, let number = Int(parts[1].dropFirst()) else { return nil }
        switch parts[1].first {
        case "Q" where (1...4).contains(number): self = .quarter(year: year, quarter: number)
        case "H" where (1...2).contains(number): self = .half(year: year, half: number)
        default: return nil
        }
    }

    /// The period as `init(parsing:)` reads it: `2026-Q2`, `2026-H1`, `2026`;
    /// `span` for a span of days, which has no such name.
    public var name: String {
        switch self {
        case .quarter(let year, let quarter): "\(year)-Q\(quarter)"
        case .half(let year, let half): "\(year)-H\(half)"
        case .year(let year): "\(year)"
        case .span: "span"
        }
    }

    /// The report's title line.
    public func title(in language: Language) -> String {
        switch self {
        case .quarter(let year, let quarter):
            language.say("Operation of the video-conference endpoint, quarter {quarter} of {year}", ["quarter": "\(quarter)", "year": "\(year)"])
        case .half(let year, let half):
            half == 1
                ? language.say("Operation of the video-conference endpoint, first six months of {year}", ["year": "\(year)"])
                : language.say("Operation of the video-conference endpoint, last six months of {year}", ["year": "\(year)"])
        case .year(let year): language.say("Operation of the video-conference endpoint, year {year}", ["year": "\(year)"])
        case .span: language.say("Operation of the video-conference endpoint")
        }
    }
}
