import Foundation

/// Times on the schedule, as the centre writes them: ISO 8601 with a zone
/// (`2026-12-01T08:00:00+07:00`, `...Z`), or without one
/// (`2026-12-01T08:00`), which is the room PC's local time.
enum ScheduleTime {
    static func parse(_ text: String) throws(ProtocolFault) -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = .current
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"] {
            local.dateFormat = format
            if let date = local.date(from: text) { return date }
        }
        throw ProtocolFault(.badArgument, "'\(text)' is not a time: write it as 2026-12-01T08:00 (local) or 2026-12-01T08:00:00+07:00")
    }

    /// The time as the protocol writes it back: ISO 8601 in UTC.
    static func text(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
