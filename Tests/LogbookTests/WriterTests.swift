import Foundation
import Synchronization
import Testing
@testable import Logbook
import Room

@Suite struct WriterTests {
    @Test("entries wait the delay, then go out together and in order")
    func entriesWaitThenGoOutInOrder() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let writer = LogbookWriter(logbook, delay: .milliseconds(200)) { error, _ in Issue.record("\(error)") }
        let entries = (0..<50).map { entry(Double($0), .floorRequested(by: "keypad \($0)")) }
        for item in entries { writer.add(item) }
        #expect(try await logbook.read().entries.isEmpty, "nothing written before the delay")
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await logbook.read().entries == entries)
    }

    @Test("drain writes at once, and order holds while entries keep coming during a write")
    func drainWritesAtOnceAndOrderHolds() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let writer = LogbookWriter(logbook, delay: .seconds(30)) { error, _ in Issue.record("\(error)") }
        var entries: [LogEntry] = []
        for index in 0..<300 {
            let item = entry(Double(index), .floorRequested(by: "mic \(index)"))
            entries.append(item)
            writer.add(item)
            if index % 50 == 0 { await Task.yield() }
        }
        let started = ContinuousClock.now
        await writer.drain()
        #expect(ContinuousClock.now - started < .seconds(5), "drain did not wait out the 30 s delay")
        #expect(try await logbook.read().entries == entries)
        await writer.drain()  // nothing pending: returns
    }

    @Test("a failed write is reported with the number of entries lost, and later entries are written")
    func failuresAreReported() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let lost = Mutex<[Int]>([])
        let writer = LogbookWriter(logbook, delay: .milliseconds(1)) { _, entries in lost.withLock { $0.append(entries) } }
        try FileManager.default.removeItem(atPath: directory)
        writer.add(entry(0, .floorRequested(by: "keypad")))
        writer.add(entry(1, .floorRequested(by: "keypad")))
        await writer.drain()
        #expect(lost.withLock { $0 } == [2])
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let later = entry(2, .floorEnded(channels: ["chair"], by: "mcu"))
        writer.add(later)
        await writer.drain()
        #expect(try await logbook.read().entries == [later])
    }
}
