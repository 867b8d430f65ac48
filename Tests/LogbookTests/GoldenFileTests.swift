import Foundation
import Testing
@testable import Logbook
import Room

/// Logbook files of every format version, kept as they were written, must be
/// read forever: a room's logbook is a legal record of six months and more.
@Suite struct GoldenFileTests {
    @Test func everyKindOfRecordHasAGoldenExample() {
        let covered = Set(golden.map { RecordCase($0.record) })
        let missing = RecordCase.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "add an example of \(missing) at the end of `golden`")
        let incidents = Set(golden.compactMap { entry -> IncidentKind? in
            if case .incident(let incident) = entry.record { incident.kind } else { nil }
        })
        #expect(incidents == Set(IncidentKind.allCases), "add an incident example at the end of `golden`")
    }

    @Test("today's lines (version 0, written before the logbook had a schema) read back as they were written")
    func versionZeroFileReadsBack() throws {
        let reading = try readGolden("logbook-v0.jsonl")
        #expect(reading.damaged.isEmpty)
        #expect(reading.entries.count == 94, "the version-0 file holds the first 94 examples, and always will")
        for (index, (read, expected)) in zip(reading.entries, golden).enumerated() {
            #expect(read == expected, "line \(index + 1)")
        }
    }

    @Test("the lines of format version 1 read back as they were written")
    func versionOneFileReadsBack() throws {
        let reading = try readGolden("logbook-v1.jsonl")
        #expect(reading.damaged.isEmpty)
        #expect(reading.entries.count == golden.count)
        for (index, (read, expected)) in zip(reading.entries, golden).enumerated() {
            #expect(read == expected, "line \(index + 1)")
        }
    }

    /// The format does not drift: what the logbook writes today is, byte for
    /// byte, what it wrote when the golden file was made. A new example gets
    /// its line appended to the file; a changed line is a new format version.
    @Test("the logbook still writes exactly the version-1 golden lines")
    func theWriterStillWritesTheGoldenLines() throws {
        let lines = try fileText(goldenPath("logbook-v1.jsonl")).split(separator: "\n").map(String.init)
        for (index, entry) in golden.enumerated() {
            let written = String(decoding: try LogbookSchema.line(for: entry), as: UTF8.self).dropLast()
            if index < lines.count {
                #expect(written == lines[index], "line \(index + 1) of logbook-v1.jsonl")
            } else {
                Issue.record("logbook-v1.jsonl has no line \(index + 1); if the example is new, append:\n\(written)")
            }
        }
        #expect(lines.count <= golden.count, "logbook-v1.jsonl has lines without an example")
    }
}

/// A golden file, read by the logbook's reader as a month's file.
func readGolden(_ name: String) throws -> LogbookReading {
    let directory = temporaryDirectory(name)
    try FileManager.default.copyItem(atPath: goldenPath(name), toPath: directory + "/2026-06.jsonl")
    return try LogbookReader(directory: directory, timeZone: utc).read()
}

/// Where a golden file is in the source tree (the tests run from the checkout).
func goldenPath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Golden/" + name
}
