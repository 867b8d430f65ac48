import FoundationEssentials
import Room

/// How an entry is written as one JSON line: keys sorted, times in ISO 8601
/// UTC with milliseconds. Lines are read back by `VersionZero`.
enum LogbookCoding {
    static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(dateStyle))
        }
        return encoder
    }

    /// One entry as a line of bytes, newline included. JSON without pretty
    /// printing escapes every line break inside strings, so the line is whole.
    static func line(for entry: LogEntry, using encoder: JSONEncoder) throws(LogbookError) -> [UInt8] {
        do {
            var bytes = [UInt8](try encoder.encode(entry))
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        } catch {
            throw LogbookError.cannotEncode("\(error)")
        }
    }
}
