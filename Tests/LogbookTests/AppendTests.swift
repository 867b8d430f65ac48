import Foundation
import Testing
@testable import Logbook
import Room

@Suite struct AppendTests {
    @Test func entriesComeBackAsWrittenOneLineEach() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let written = [
            entry(0, .started(room: "UBND xã Tân Lập")),
            entry(60, .microphone(channel: "chair", muted: false, by: "mcu 10.0.0.5", reason: "floor granted")),
            entry(120, .fixed(incident: 3, note: "line one\nline two, \"quoted\"", by: "technician cli")),
        ]
        for item in written { try await logbook.append(item) }
        let reading = try await logbook.read()
        #expect(reading.entries == written)
        #expect(reading.damaged.isEmpty)
        let text = try fileText(directory + "/2026-06.jsonl")
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 4, "three lines and a final newline")
        #expect(text.hasPrefix(#"{"v":1,"time":"2026-06-01T00:00:00.000Z","kind":"daemon-started","room":"UBND xã Tân Lập"}"#))
    }

    @Test func filesRotateByTheRoomsLocalMonth() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: hanoi)
        // 2026-06-30 18:00 UTC is already 1 July in Hà Nội (UTC+7).
        let lateJune = entry(29 * 86_400 + 10 * 3600, .floorRequested(number: nil, microphone: nil, by: "keypad"))
        let julyInHanoi = entry(29 * 86_400 + 18 * 3600, .floorRequested(number: nil, microphone: nil, by: "keypad"))
        try await logbook.append([lateJune, julyInHanoi])
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["2026-06.jsonl", "2026-07.jsonl"])
        #expect(try await logbook.read().entries == [lateJune, julyInHanoi])
        let june = DateInterval(start: june1, end: june1.addingTimeInterval(29 * 86_400 + 12 * 3600))
        #expect(try await logbook.read(june).entries == [lateJune])
    }

    @Test func aTornLastLineIsSkippedAndTheNextAppendStartsAFreshLine() async throws {
        let directory = temporaryDirectory()
        let first = entry(0, .floorRequested(number: nil, microphone: nil, by: "keypad"))
        let second = entry(5, .nearMute(muted: true))
        do {
            let logbook = try Logbook(directory: directory, timeZone: utc)
            try await logbook.append([first, second])
        }
        // The writer died half-way through a third line.
        let path = directory + "/2026-06.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"record":{"incident":{"detail":"the call to mcu dro"#.utf8))
        try handle.close()

        let torn = try LogbookReader(directory: directory, timeZone: utc).read()
        #expect(torn.entries == [first, second], "nothing written before the tear is lost")
        #expect(torn.damaged.count == 1)
        #expect(torn.damaged.first?.line == 3)
        #expect(torn.damaged.first?.unterminated == true)

        let logbook = try Logbook(directory: directory, timeZone: utc)
        let third = entry(10, .nearMute(muted: false))
        try await logbook.append(third)
        let after = try await logbook.read()
        #expect(after.entries == [first, second, third])
        #expect(after.damaged.map(\.line) == [3])
        #expect(after.damaged.first?.unterminated == false)
        #expect(try fileText(path).hasSuffix("dro\n" + String(decoding: try LogbookSchema.line(for: third), as: UTF8.self)))
    }

    @Test func damageInTheMiddleIsSkippedWithoutLosingTheRest() async throws {
        let directory = temporaryDirectory()
        let path = directory + "/2026-06.jsonl"
        let good = entry(0, .cameraOnline)
        let line = String(decoding: try LogbookSchema.line(for: good), as: UTF8.self)
        try (line + "not json at all\n\n" + line).write(toFile: path, atomically: false, encoding: .utf8)
        let reading = try LogbookReader(directory: directory, timeZone: utc).read()
        #expect(reading.entries == [good, good])
        #expect(reading.damaged.map(\.description) == ["2026-06.jsonl line 2 (15 bytes): not a whole entry, skipped"])
    }

    @Test func theRulesEffectsAreFilteredToTheirLogEntries() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let setup = RoomSetup(identity: EndpointIdentity(roomName: "Phòng họp"), microphones: [MicSeat(name: "chair")])
        var state = State(setup: setup)
        var effects = state.apply(.started, at: june1)
        effects += state.apply(.camera(.fault("camera 1 on /dev/ttyUSB0 did not answer")), at: june1.addingTimeInterval(1))
        try await logbook.record(effects)
        let logged = effects.compactMap { if case .log(let entry) = $0 { entry } else { nil } }
        #expect(logged.count == 2)
        #expect(try await logbook.read().entries == logged)
        #expect(try await logbook.highestIncidentNumber() == 1)
        #expect(try logbook.availableBytes() > 0)
    }

    @Test func theStateDirectoryComesFromSystemd() {
        #expect(StateDirectory.path(environment: [:]) == "/var/lib/diemcau")
        #expect(StateDirectory.path(environment: ["STATE_DIRECTORY": "/var/lib/room"]) == "/var/lib/room")
        #expect(StateDirectory.path(environment: ["STATE_DIRECTORY": "/var/lib/a:/var/lib/b"]) == "/var/lib/a")
        #expect(StateDirectory.logbookPath(environment: ["STATE_DIRECTORY": "/srv/x"]) == "/srv/x/logbook")
    }

    @Test func aDirectoryThatCannotBeMadeIsAClearError() throws {
        let blocker = temporaryDirectory() + "/a-file"
        try "x".write(toFile: blocker, atomically: false, encoding: .utf8)
        #expect {
            _ = try Logbook(directory: blocker + "/logbook")
        } throws: { error in
            guard let error = error as? LogbookError, case .cannotCreateDirectory(let path, _) = error else { return false }
            return path == blocker + "/logbook" && error.description.contains("writable state directory")
        }
    }

    @Test func monthFileNamesReadBack() {
        #expect(MonthFile(fileName: "2026-06.jsonl") == MonthFile(year: 2026, month: 6))
        #expect(MonthFile(year: 2026, month: 6).fileName == "2026-06.jsonl")
        #expect(MonthFile(fileName: "2026-13.jsonl") == nil)
        #expect(MonthFile(fileName: "notes.txt") == nil)
    }
}

@Suite struct UnreadableLogbookTests {
    @Test func aMissingFolderIsNamedWithTheSystemsReason() {
        #expect {
            try LogbookReader(directory: "/nonexistent/logbook", timeZone: utc).read()
        } throws: { error in
            "\(error)".contains("No such file or directory") && !"\(error)".contains("CocoaError")
        }
    }
}
