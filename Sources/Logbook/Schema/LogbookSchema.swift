import FoundationEssentials
import Room
import Support

/// The logbook's format on the disk, owned by the logbook and not by the
/// Swift types of `Room`: one JSON object a line, UTF-8, no line break inside.
///
/// Version 1, written since the logbook had a schema: the format version
/// `v`, the time in ISO 8601 UTC with milliseconds, the record's `kind`, then
/// the record's fields, each named by the schema (`RecordSchema`). Values
/// inside are objects with fields of their own (`LogbookValue`); one with
/// variants says which in its own `kind`; words (phases, incident kinds) are
/// the schema's (`LogbookWord`). An optional field is left out when empty.
///
///     {"v":1,"time":"2026-06-01T02:00:00.000Z","kind":"floor-granted","target":{"kind":"microphone","name":"chair"},"channels":["chair"],"by":"mcu 10.0.0.5"}
///     {"v":1,"time":"2026-06-01T02:30:00.000Z","kind":"incident","incident":{"number":4,"kind":"call-dropped","detail":"…","opened_at":"2026-06-01T02:30:00.000Z"}}
///     {"v":1,"time":"2026-06-01T02:31:00.000Z","kind":"health","change":{"part":"mixer","name":"room1","healthy":false,"state":"lost","detail":"…"}}
///
/// Version 0 is the lines with no `v`, written before (`VersionZero`). Both
/// are read forever; only version 1 is written. A new kind of record, or a
/// new optional field, keeps the version: an older diemcau skips what it
/// does not know and says so. A change to what an existing kind or field
/// means is a new version, read beside the old ones.
enum LogbookSchema {
    /// The version this diemcau writes, and the newest it reads.
    static let version = 1

    /// One entry as a line of bytes, newline included.
    static func line(for entry: LogEntry) throws(LogbookError) -> [UInt8] {
        let record = entry.record.logbookLine
        let header: JSONObject = ["v": .integer(version), "time": .time(entry.time), "kind": .string(record.kind)]
        var bytes: [UInt8] = []
        try JSONValue.object(header + record.fields).write(to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The entry a line holds, whichever version wrote it; otherwise why it cannot be read.
    static func entry(from line: Data) throws(DamagedLine.Reason) -> LogEntry {
        guard let object = object(in: line) else { throw .notAnEntry }
        guard let version = object["v"] else { return try VersionZero.entry(from: line) }
        guard let number = version.integer, number >= 1 else { throw .notAnEntry }
        guard number <= Self.version else { throw .newerVersion(number) }
        let fields = Fields(object)
        do {
            return LogEntry(time: try fields.time("time"), record: try LogRecord(logbookKind: try fields.string("kind"), fields))
        } catch .unknownKind(let kind) {
            throw .unknownKind(kind)
        } catch {
            throw .doesNotFit(version: number, problem: error.description)
        }
    }

    /// The JSON object a line holds, if it is one.
    static func object(in line: Data) -> JSONObject? {
        (try? JSONTree.parse(line)).flatMap { JSONValue(tree: $0).object }
    }

    static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func text(of time: Date) -> String {
        time.formatted(timeStyle)
    }

    static func time(of value: JSONValue) -> Date? {
        value.string.flatMap { try? timeStyle.parse($0) }
    }
}
