import FoundationEssentials
import Glibc
import Localization

/// Times on the schedule, as the centre writes them: ISO 8601 with a zone
/// (`2026-12-01T08:00:00+07:00`, `...Z`), or without one
/// (`2026-12-01T08:00`), which is the room PC's local time.
public enum ScheduleTime {
    static func parse(_ text: String) throws(ProtocolFault) -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = local(text) { return date }
        throw ProtocolFault(.badArgument, Message("'{time}' is not a time: write it as 2026-12-01T08:00 (local) or 2026-12-01T08:00:00+07:00", ["time": text]))
    }

    /// The time as the protocol writes it back: ISO 8601 in UTC.
    public static func text(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `yyyy-MM-ddTHH:mm[:ss]` in the room PC's zone (`TZ`, else
    /// `/etc/localtime`), through the C library, which knows the zone's
    /// rules; FoundationEssentials alone knows only GMT.
    private static func local(_ text: String) -> Date? {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard day.count == 3, time.count == 2 || time.count == 3,
            day[0].count == 4, day[1].count == 2, day[2].count == 2, time.allSatisfy({ $0.count == 2 }),
            let year = Int(day[0]), let month = Int(day[1]), let date = Int(day[2]),
            let hour = Int(time[0]), let minute = Int(time[1])
        else { return nil }
        let second = time.count == 3 ? Int(time[2]) : 0
        guard let second, (1...12).contains(month), (1...31).contains(date), (0...23).contains(hour),
            (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(date)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        fields.tm_isdst = -1
        let seconds = mktime(&fields)
        // mktime normalises 31 November to 1 December; such a date was a typo.
        guard seconds != -1, fields.tm_mday == Int32(date), fields.tm_mon == Int32(month - 1) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
