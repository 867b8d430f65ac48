import FoundationEssentials

/// The logbook keeps one file per month, named `YYYY-MM.jsonl` after the
/// room's local calendar month (the regulations count meetings per month and
/// per half-year in local time).
struct MonthFile: Hashable, Comparable {
    let year: Int
    let month: Int

    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    init(containing date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1)
    }

    /// Reads a file name back; nil for anything that is not a month's file.
    init?(fileName: String) {
        guard fileName.hasSuffix(".jsonl") else { return nil }
        let stem = fileName.dropLast(".jsonl".count)
        let parts = stem.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    var fileName: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : String(month)
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m).jsonl"
    }

    static func < (lhs: MonthFile, rhs: MonthFile) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
