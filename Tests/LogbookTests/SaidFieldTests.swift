import Foundation
import Localization
import Testing
@testable import Logbook
import Room

/// The optional `said` (and `command_said`) fields: a line with them is the
/// line an older diemcau wrote with the fields added, so the older reader,
/// which reads fields by name, reads it as before (the English text); a line
/// without them is shown in its English in every language.
@Suite struct SaidFieldTests {
    /// The record as a diemcau from before the messages wrote it.
    static func withoutMessages(_ record: LogRecord) -> LogRecord {
        switch record {
        case .incident(var incident):
            incident.said = nil
            return .incident(incident: incident)
        case .health(var change):
            change.said = nil
            return .health(change: change)
        case .microphone(let channel, let muted, let by, let reason, _): return .microphone(channel: channel, muted: muted, by: by, reason: reason)
        case .camera(let order, let by, let reason, _): return .camera(order: order, by: by, reason: reason)
        case .refused(let command, let by, let reason, _, _): return .refused(command: command, by: by, reason: reason)
        default: return record
        }
    }

    /// The JSON object without the message fields, at any depth.
    static func strip(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(JSONObject(fields: object.fields.filter { !["said", "command_said"].contains($0.name) }.map { .init(name: $0.name, value: strip($0.value)) }))
        case .array(let items): .array(items.map(strip))
        default: value
        }
    }

    static let withMessages = golden.filter { withoutMessages($0.record) != $0.record }

    @Test func aLineWithMessagesIsTheOldLineWithFieldsAdded() throws {
        #expect(Self.withMessages.count == 6, "the golden examples with messages")
        for entry in Self.withMessages {
            let line = try LogbookSchema.line(for: entry)
            let old = try LogbookSchema.line(for: LogEntry(time: entry.time, record: Self.withoutMessages(entry.record)))
            let new = try #require(LogbookSchema.object(in: Data(line)))
            #expect(Self.strip(.object(new)) == .object(try #require(LogbookSchema.object(in: Data(old)))), "\(String(decoding: line, as: UTF8.self))")
            #expect(line.count > old.count)
        }
    }

    @Test func aLineWithoutMessagesReadsInEnglishInEveryLanguage() throws {
        for entry in Self.withMessages {
            let old = try LogbookSchema.line(for: LogEntry(time: entry.time, record: Self.withoutMessages(entry.record)))
            let read = try LogbookSchema.entry(from: Data(old))
            #expect(read.record == Self.withoutMessages(entry.record))
            #expect(read.record.text(in: .vi) == Self.withoutMessages(entry.record).text(in: .vi))
            #expect(read.record.text(in: .en) == entry.record.text(in: .en), "the English is the same with or without the message")
        }
    }

    @Test func aLineWithMessagesReadsInTheReadersLanguage() throws {
        let lines = golden.suffix(6).map { $0.record.text(in: .vi) }
        #expect(lines[0].hasSuffix(": camera cam2: no answer on /dev/ttyUSB1"))
        #expect(lines[1] == "THIẾT BỊ mixer room2 mất kết nối: USB unplugged (micro mic3)")
        #expect(lines[2].hasSuffix(": kiểm tra sẵn sàng không đạt (một giờ trước cuộc họp HN-12): camera: no answer"), "\(lines[2])")
        #expect(lines[3].hasSuffix(": cho phép micro mic2 phát biểu"), "\(lines[3])")
        #expect(lines[4].hasSuffix(": lưu trong giai đoạn chuẩn bị"), "\(lines[4])")
        #expect(lines[5].contains("cho phép mọi micro phát biểu") && !lines[5].contains("grant"), "\(lines[5])")
    }
}
