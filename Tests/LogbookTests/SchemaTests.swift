import Foundation
import Testing
@testable import Logbook
import Room

/// Lines the schema cannot read are skipped with the reason, never a crash,
/// and never at the cost of the lines around them.
@Suite struct UnreadableLineTests {
    let time = #""time":"2026-06-01T00:00:00.000Z""#

    /// The reasons the reader gives for each of `lines`, written between two good lines.
    func reasons(_ lines: [String]) throws -> [DamagedLine.Reason] {
        let directory = temporaryDirectory()
        let good = String(decoding: try LogbookSchema.line(for: entry(0, .cameraOnline)), as: UTF8.self)
        try (good + lines.map { $0 + "\n" }.joined() + good).write(toFile: directory + "/2026-06.jsonl", atomically: false, encoding: .utf8)
        let reading = try LogbookReader(directory: directory, timeZone: utc).read()
        #expect(reading.entries == [entry(0, .cameraOnline), entry(0, .cameraOnline)])
        #expect(reading.damaged.map(\.line) == Array(2..<(2 + lines.count)))
        return reading.damaged.map(\.reason)
    }

    @Test func aLineOfANewerFormatVersionIsSkippedAndSaysSo() throws {
        let line = #"{"v":2,\#(time),"kind":"daemon-started","room":"x"}"#
        #expect(try reasons([line]) == [.newerVersion(2)])
        let damaged = DamagedLine(file: "2026-06.jsonl", line: 7, length: 60, unterminated: false, reason: .newerVersion(2))
        #expect(damaged.description == "2026-06.jsonl line 7 (60 bytes): written in logbook format 2, newer than this diemcau "
            + "reads (1): skipped, update diemcau to read it")
    }

    @Test func aKindOfEntryThisVersionDoesNotKnowIsSkippedAndSaysSo() throws {
        #expect(try reasons([#"{"v":1,\#(time),"kind":"projector-lamp","hours":2000}"#]) == [.unknownKind("projector-lamp")])
        let damaged = DamagedLine(file: "2026-06.jsonl", line: 3, length: 50, unterminated: false, reason: .unknownKind("projector-lamp"))
        #expect(damaged.description.hasSuffix(
            #": an entry of kind "projector-lamp", which this diemcau does not know: skipped, update diemcau to read it"#))
    }

    @Test func aLineThatDoesNotFitItsVersionNamesTheField() throws {
        let problems = try reasons([
            #"{"v":1,\#(time),"kind":"note","by":"technician"}"#,
            #"{"v":1,\#(time),"kind":"camera-order","order":{"kind":"recall","preset":{"slot":"two"}},"by":"k","reason":""}"#,
            #"{"v":1,\#(time),"kind":"session-started","session":"rehearsal"}"#,
            #"{"v":1,\#(time),"kind":"camera-order","order":{"kind":"teleport"},"by":"k","reason":""}"#,
            #"{"v":1,\#(time),"kind":"readiness","report":{"trigger":{"kind":"requested","by":"x"},"checks":[1]}}"#,
            #"{"v":1,"time":"yesterday","kind":"camera-online"}"#,
            #"{"record":{"note":{"by":"technician"}},\#(time)}"#,
        ])
        #expect(problems == [
            .doesNotFit(version: 1, problem: #"field "text" is missing"#),
            .doesNotFit(version: 1, problem: #"field "order.preset.slot" should be a whole number"#),
            .doesNotFit(version: 1, problem: #"field "session" should be a kind of session (test, official)"#),
            .doesNotFit(version: 1, problem: #"field "order.kind" says "teleport", which is not a camera order this diemcau knows"#),
            .doesNotFit(version: 1, problem: #"field "report.checks[0]" should be an object"#),
            .doesNotFit(version: 1, problem: #"field "time" should be an ISO 8601 time in quotes"#),
            .doesNotFit(version: 0, problem: "record.note.text is missing"),
        ])
        let damaged = DamagedLine(file: "2026-06.jsonl", line: 2, length: 48, unterminated: false, reason: problems[0])
        #expect(damaged.description == #"2026-06.jsonl line 2 (48 bytes): not an entry of logbook format 1 (field "text" is missing), skipped"#)
    }

    @Test func whatIsNotAnEntryAtAllIsDamage() throws {
        #expect(try reasons([#"[1,2]"#, #"{"v":"1","kind":"note"}"#, #"{"v":0}"#, "\u{FF}"]) == Array(repeating: .notAnEntry, count: 4))
    }
}

/// The month of the upgrade holds lines of both versions, and a report reads them as one logbook.
@Suite struct MixedVersionTests {
    @Test func aFileWithOldLinesThenNewOnesReadsInOrder() async throws {
        let directory = temporaryDirectory()
        let old = golden.prefix(94)
        try FileManager.default.copyItem(atPath: goldenPath("logbook-v0.jsonl"), toPath: directory + "/2026-06.jsonl")
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let new = [entry(86_400, .started(room: "UBND xã Tân Lập")), entry(86_460, .nearMute(muted: true))]
        try await logbook.append(new)
        let text = try fileText(directory + "/2026-06.jsonl")
        #expect(text.hasSuffix(#"{"v":1,"time":"2026-06-02T00:01:00.000Z","kind":"near-mute","muted":true}"# + "\n"))
        let reading = try await logbook.read()
        #expect(reading.entries == Array(old) + new)
        #expect(reading.damaged.isEmpty)
        #expect(try await logbook.highestIncidentNumber() == 12)
    }
}

@Suite struct LogbookWordTests {
    /// Every value has a word of its own, and the word reads back as that value.
    func wordsRoundTrip<Word: LogbookWord & Hashable>(_: Word.Type) -> Bool {
        let words = Word.every.map(\.logbookWord)
        return Set(words).count == words.count && Word.every.allSatisfy { Word(logbookWord: $0.logbookWord) == $0 }
    }

    @Test func everyWordNamesOneValue() {
        #expect(wordsRoundTrip(SessionKind.self))
        #expect(wordsRoundTrip(Phase.self))
        #expect(wordsRoundTrip(CameraOrder.PanTiltDirection.self))
        #expect(wordsRoundTrip(CameraOrder.ZoomDirection.self))
        #expect(wordsRoundTrip(CallProtocol.self))
        #expect(wordsRoundTrip(CallState.self))
        #expect(wordsRoundTrip(CallChange.Direction.self))
        #expect(wordsRoundTrip(IncidentKind.self))
        #expect(wordsRoundTrip(MeetingPriority.self))
        #expect(wordsRoundTrip(UnmutePolicy.self))
        #expect(wordsRoundTrip(DevicePart.self))
    }

    @Test func aNumberJSONCannotHoldIsNotWritten() async throws {
        let logbook = try Logbook(directory: temporaryDirectory(), timeZone: utc)
        await #expect(throws: LogbookError.cannotEncode("nan is not a number JSON can hold")) {
            try await logbook.append(entry(0, .callQuality(sample: CallQuality(lossPercent: .nan, jitterMs: 1))))
        }
        #expect(try await logbook.read().entries.isEmpty)
    }
}

/// The logbook stores texts in NFC, however they were typed.
@Suite struct ComposedTextTests {
    @Test func aDecomposedNoteIsStoredComposed() throws {
        // "Tiến độ" with the ế typed as e + two combining marks.
        let typed = "Ti\u{65}\u{302}\u{301}n \u{111}o\u{323}\u{302}"
        let line = try LogbookSchema.line(for: entry(0, .note(text: typed, by: "technician")))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.utf8.contains(Array("Tiến độ".utf8)))
        #expect(!text.unicodeScalars.contains { (0x300...0x36F).contains($0.value) }, "a combining mark was stored: \(text)")
    }
}

extension String.UTF8View {
    fileprivate func contains(_ bytes: [UInt8]) -> Bool {
        let all = Array(self)
        guard bytes.count <= all.count else { return false }
        return (0...(all.count - bytes.count)).contains { Array(all[$0..<($0 + bytes.count)]) == bytes }
    }
}
