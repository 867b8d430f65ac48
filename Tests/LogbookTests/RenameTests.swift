import Foundation
import Testing
@testable import Logbook
import Room

/// Renaming a Swift case must leave every logbook readable: nothing on the
/// disk is a Swift name of today's.
@Suite struct RenameTests {
    /// Each line of the version-0 golden file goes through `VersionZero`
    /// alone: its frozen copies of the types, with the names the lines were
    /// written with, turned into today's values case by case.
    ///
    /// Were old lines read with `Room`'s own `Codable` (as they were written),
    /// renaming `LogRecord.floorGranted` to `.floorGiven` would make the
    /// decoder look for a key `"floorGiven"`; line 10 says `"floorGranted"`,
    /// so it would fail here and, in a room, be skipped as damage. With the
    /// frozen copies, the rename changes only `.floorGranted` on the right
    /// of a conversion in VersionZero.swift, and this test still passes.
    @Test func oldLinesAreReadByTheirFrozenNamesNotByRoomsCodable() throws {
        let lines = try fileText(goldenPath("logbook-v0.jsonl")).split(separator: "\n")
        #expect(lines.count == 94)
        for (index, line) in lines.enumerated() {
            #expect(try VersionZero.entry(from: Data(line.utf8)) == golden[index], "line \(index + 1)")
        }
    }

    /// Version 1 names each kind with a word of the schema's, spelled out in
    /// RecordSchema.swift, so the kind on the disk is that word whatever the
    /// case is called. The words are listed here by hand, as the format: a
    /// rename of a case in `Room` changes `RecordCase` with it but not a word
    /// below, and the test passes; a change of a word fails it.
    @Test func newLinesNameTheirKindByTheSchemasWordNotTheCaseName() throws {
        let words: [RecordCase: String] = [
            .started: "daemon-started", .sessionStarted: "session-started", .sessionEnded: "session-ended",
            .phaseChanged: "phase-changed", .floorGranted: "floor-granted", .floorEnded: "floor-ended",
            .microphone: "microphone", .camera: "camera-order", .callOrder: "call-order", .callState: "call-state",
            .callQuality: "call-quality", .registration: "registration", .nearMute: "near-mute", .incident: "incident",
            .fixed: "incident-fixed", .refused: "refused", .readinessRequested: "readiness-requested", .readiness: "readiness",
            .scheduled: "meeting-scheduled", .cancelled: "meeting-cancelled", .scheduleConflict: "schedule-conflict",
            .hourBeforeStart: "hour-before-start", .floorRequested: "floor-requested", .identityReported: "identity-reported",
            .settingChanged: "setting-changed", .note: "note", .cameraOnline: "camera-online", .health: "health",
            .floorRequestAnswered: "floor-request-answered", .floorRelayed: "floor-relayed",
            .configurationChanged: "configuration-changed", .closingConfirmed: "closing-confirmed", .expectedBack: "incident-expected-back",
        ]
        #expect(Set(words.keys) == Set(RecordCase.allCases))
        for entry in golden {
            #expect(entry.record.logbookLine.kind == words[RecordCase(entry.record)])
        }
    }

    /// The same thing in miniature, with the rename done and the schema's
    /// own machinery: `Before` is a record type as it was when a line was
    /// written, `After` the same type once a refactoring renamed its case.
    /// Each has the compiler's `Codable` and the schema's hand-written fields.
    private enum Before: Codable, LogbookValue {
        case floorGranted(by: String)

        var logbookFields: JSONObject {
            switch self {
            case .floorGranted(let by): ["kind": "floor-granted", "by": .string(by)]
            }
        }

        init(logbook fields: Fields) throws(SchemaProblem) {
            self = switch try fields.variant() {
            case "floor-granted": .floorGranted(by: try fields.string("by"))
            case let other: throw fields.unknown(other, of: "a record")
            }
        }
    }

    /// After the rename: only the Swift side of each mapping changed.
    private enum After: Codable, Equatable, LogbookValue {
        case floorGiven(by: String)

        var logbookFields: JSONObject {
            switch self {
            case .floorGiven(let by): ["kind": "floor-granted", "by": .string(by)]
            }
        }

        init(logbook fields: Fields) throws(SchemaProblem) {
            self = switch try fields.variant() {
            case "floor-granted": .floorGiven(by: try fields.string("by"))
            case let other: throw fields.unknown(other, of: "a record")
            }
        }
    }

    @Test func aRenameBreaksTheCompilersFormatButNotTheSchemas() throws {
        let compilers = try JSONEncoder().encode(Before.floorGranted(by: "mcu"))
        #expect(String(decoding: compilers, as: UTF8.self) == #"{"floorGranted":{"by":"mcu"}}"#)
        #expect(throws: DecodingError.self, "the compiler's format follows the Swift name: the old line is lost") {
            try JSONDecoder().decode(After.self, from: compilers)
        }

        var schemas: [UInt8] = []
        try JSONValue.value(Before.floorGranted(by: "mcu")).write(to: &schemas)
        #expect(String(decoding: schemas, as: UTF8.self) == #"{"kind":"floor-granted","by":"mcu"}"#)
        let object = try #require(LogbookSchema.object(in: Data(schemas)))
        #expect(try After(logbook: Fields(object)) == .floorGiven(by: "mcu"), "the schema's word stayed: the old line reads")
    }
}
