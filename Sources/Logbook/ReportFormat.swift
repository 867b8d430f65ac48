import FoundationEssentials
import Localization
import Room

/// The forms a report is handed out in: read by a person (text), loaded
/// into a spreadsheet (CSV), printed (HTML), or read by a program, such as
/// the centre's `diemcau fleet report` that adds up every room's (JSON).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case text
    case csv
    case html
    case json
}

extension LogbookReport {
    /// The report as one document in `format`. The JSON is the report's own
    /// data model (`Codable`, dates in ISO 8601), so that a program gets
    /// every figure the page shows and can render the same page from it;
    /// its call-quality samples come averaged into the chart's points (`condensed`).
    public func document(
        _ format: ReportFormat, kind: ReportKind = .span, timeZone: TimeZone = .room, language: Language = .vi,
        now: Date = Date(), preparedBy: Contact? = nil, head: Contact? = nil
    ) -> String {
        switch format {
        case .text: text(timeZone: timeZone, language: language)
        case .csv: csv(timeZone: timeZone, language: language)
        case .html: html(kind: kind, timeZone: timeZone, language: language, now: now, preparedBy: preparedBy, head: head)
        case .json: condensed().json
        }
    }

    /// The report as JSON: one object, keys sorted, dates in ISO 8601.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        // Every member is a string, number, date or array of them: encoding cannot fail.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a report a room sent as `json`.
    public init(json: String) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        self = try decoder.decode(LogbookReport.self, from: Data(json.utf8))
    }
}
