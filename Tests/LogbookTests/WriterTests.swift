import Foundation
import Synchronization
import Testing
@testable import Logbook
import Room

@Suite struct WriterTests {
    @Test("each entry's promise is kept once it is on the disk, and not before")
    func promisesAreKeptOnceOnDisk() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let writer = LogbookWriter(logbook) { change in Issue.record("\(change)") }
        let entries = (0..<200).map { entry(Double($0), .note(text: "n\($0)", by: "technician")) }
        let promises = entries.map { writer.add($0) }
        for (index, promise) in promises.enumerated() {
            #expect(await promise.value == nil)
            // Kept means readable from the file now, with everything before it.
            let onDisk = try await logbook.read().entries
            #expect(onDisk.count > index && onDisk[index] == entries[index])
        }
    }

    @Test("entries wait the delay, then go out together and in order")
    func entriesWaitThenGoOutInOrder() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let writer = LogbookWriter(logbook, delay: .milliseconds(200)) { change in Issue.record("\(change)") }
        let entries = (0..<50).map { entry(Double($0), .floorRequested(number: nil, microphone: nil, by: "keypad \($0)")) }
        for item in entries { writer.add(item) }
        #expect(try await logbook.read().entries.isEmpty, "nothing written before the delay")
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await logbook.read().entries == entries)
    }

    @Test("drain writes at once, and order holds while entries keep coming during a write")
    func drainWritesAtOnceAndOrderHolds() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let writer = LogbookWriter(logbook, delay: .seconds(30)) { change in Issue.record("\(change)") }
        var entries: [LogEntry] = []
        for index in 0..<300 {
            let item = entry(Double(index), .floorRequested(number: nil, microphone: nil, by: "mic \(index)"))
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

    @Test("a batch across a month boundary that fails in the second month writes the first month's lines once")
    func aFailureInTheSecondMonthWritesTheFirstOnce() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let writer = LogbookWriter(logbook, delay: .milliseconds(100)) { _ in }
        // 30 June and 1 July 2026 (UTC): two month files. July's cannot be written: a folder holds its name.
        let julyFile = directory + "/2026-07.jsonl"
        try FileManager.default.createDirectory(atPath: julyFile, withIntermediateDirectories: true)
        let june = entry(29 * 86_400 + 3600, .note(text: "June", by: "technician")), july = entry(30 * 86_400 + 3600, .note(text: "July", by: "technician"))
        let answers = [writer.add(june), writer.add(july)]
        #expect(await answers[0].value == nil, "June's line is on the disk: its answer says so")
        #expect(await answers[1].value != nil)
        #expect(writer.retainedCount == 1, "only July's entry waits")
        try FileManager.default.removeItem(atPath: julyFile)
        #expect(await writer.add(entry(30 * 86_400 + 3601, .note(text: "later", by: "technician"))).value == nil)
        let notes = try await logbook.read().entries.map(\.record)
        #expect(notes == [.note(text: "June", by: "technician"), .note(text: "July", by: "technician"), .note(text: "later", by: "technician")],
                "each line once, in order")
    }

    @Test("an entry the schema cannot write in the second month leaves the first month's lines written once")
    func anUnwritableEntryInTheSecondMonthWritesTheFirstOnce() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let writer = LogbookWriter(logbook, delay: .milliseconds(100)) { _ in }
        let june = entry(29 * 86_400 + 3600, .note(text: "June", by: "technician"))
        let bad = entry(30 * 86_400 + 3600, .callQuality(sample: CallQuality(lossPercent: .nan, jitterMs: 1)))
        let july = entry(30 * 86_400 + 3700, .note(text: "July", by: "technician"))
        let answers = [writer.add(june), writer.add(bad), writer.add(july)]
        #expect(await answers[0].value == nil)
        #expect(await answers[1].value != nil, "the entry no JSON can hold is refused alone")
        #expect(await answers[2].value == nil)
        let notes = try await logbook.read().entries.map(\.record)
        #expect(notes == [.note(text: "June", by: "technician"), .note(text: "July", by: "technician")], "each line once, in order")
    }

    @Test("a failed write is answered with the error, reported, kept, and written before later entries once the disk is back")
    func failuresAreAnsweredAndKept() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let changes = Mutex<[String]>([])
        let writer = LogbookWriter(logbook) { change in
            changes.withLock {
                switch change {
                case .failed(_, let entries, let dropped): $0.append("failed \(entries) dropped \(dropped)")
                case .recovered: $0.append("recovered")
                case .lowOnSpace, .spaceAgain: break
                }
            }
        }
        try FileManager.default.removeItem(atPath: directory)
        let first = entry(0, .floorRequested(number: nil, microphone: nil, by: "keypad")), second = entry(1, .floorRequested(number: nil, microphone: nil, by: "keypad"))
        let answers = [writer.add(first), writer.add(second)]
        for answer in answers { #expect(await answer.value != nil, "a write that failed was confirmed") }
        #expect(changes.withLock { $0.reduce(0) { $0 + (Int($1.split(separator: " ")[1]) ?? 0) } } == 2)
        #expect(writer.retainedCount == 2)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let later = entry(2, .floorEnded(channels: ["chair"], by: "mcu"))
        #expect(await writer.add(later).value == nil)
        #expect(try await logbook.read().entries == [first, second, later])
        #expect(changes.withLock { $0.last } == "recovered")
        #expect(writer.retainedCount == 0)
    }

    @Test("on a full disk nothing is confirmed, the file is cut back whole, and the kept entries are bounded")
    func fullDiskIsNeverConfirmed() async throws {
        // A 64 KiB tmpfs of the test's own: a real ENOSPC from the kernel.
        let mountPoint = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard mount("tmpfs", mountPoint, "tmpfs", 0, "size=64k") == 0 else {
            Issue.record("cannot mount a tmpfs at \(mountPoint): errno \(errno) (the tests run as root)")
            return
        }
        defer { umount2(mountPoint, Int32(MNT_DETACH)) }
        let logbook = try Logbook(directory: mountPoint + "/logbook", timeZone: utc)
        let writer = LogbookWriter(logbook, retainedLimit: 50) { _ in }
        var confirmed: [LogEntry] = []
        var refused = 0
        let text = String(repeating: "x", count: 900)
        for index in 0..<200 {
            let item = entry(Double(index), .note(text: "\(index) \(text)", by: "technician"))
            if await writer.add(item).value == nil { confirmed.append(item) } else { refused += 1 }
        }
        #expect(refused > 0, "64 KiB took 200 entries of 1 KB")
        #expect(writer.retainedCount <= 50)
        let onDisk = try await logbook.read()
        #expect(onDisk.entries == confirmed, "the file holds exactly the confirmed entries")
        #expect(onDisk.damaged.isEmpty)
    }

    @Test("a nearly full disk is told once, before writes fail, and its recovery once")
    func nearlyFullDiskIsTold() async throws {
        let mountPoint = temporaryDirectory()
        guard mount("tmpfs", mountPoint, "tmpfs", 0, "size=1m") == 0 else {
            Issue.record("cannot mount a tmpfs at \(mountPoint): errno \(errno) (the tests run as root)")
            return
        }
        defer { umount2(mountPoint, Int32(MNT_DETACH)) }
        let logbook = try Logbook(directory: mountPoint + "/logbook", timeZone: utc)
        let changes = Mutex<[String]>([])
        let writer = LogbookWriter(logbook, lowSpaceBytes: 256 * 1024, spaceCheckInterval: .zero) { change in
            changes.withLock {
                switch change {
                case .lowOnSpace: $0.append("low")
                case .spaceAgain: $0.append("again")
                case .failed: $0.append("failed")
                case .recovered: $0.append("recovered")
                }
            }
        }
        #expect(await writer.add(entry(0, .note(text: "a roomy disk", by: "technician"))).value == nil)
        #expect(changes.withLock { $0 }.isEmpty)
        // Something else fills the disk to within 128 KB of full; removed, it leaves more than twice the 256 KB.
        let filler = mountPoint + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: Data(count: 1024 * 1024 - 128 * 1024))
        #expect(await writer.add(entry(1, .note(text: "a nearly full disk", by: "technician"))).value == nil)
        #expect(await writer.add(entry(2, .note(text: "still nearly full", by: "technician"))).value == nil)
        #expect(changes.withLock { $0 } == ["low"], "told once, and no write failed: \(changes.withLock { $0 })")
        try FileManager.default.removeItem(atPath: filler)
        // The next look at the disk comes with the next write.
        #expect(await writer.add(entry(3, .note(text: "after the clean-up", by: "technician"))).value == nil)
        #expect(await writer.add(entry(4, .note(text: "and once more", by: "technician"))).value == nil)
        #expect(changes.withLock { $0 } == ["low", "again"])
    }

    @Test("an entry the schema cannot write fails alone: the others are written, and the logbook goes on")
    func anUnwritableEntryFailsAlone() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let changes = Mutex<[String]>([])
        let writer = LogbookWriter(logbook) { change in changes.withLock { $0.append("\(change)") } }
        let before = entry(0, .note(text: "before", by: "technician"))
        let bad = entry(1, .callQuality(sample: CallQuality(lossPercent: .nan, jitterMs: 1)))
        let after = entry(2, .note(text: "after", by: "technician"))
        let answers = [writer.add(before), writer.add(bad), writer.add(after)]
        #expect(await answers[0].value == nil)
        #expect(await answers[1].value != nil, "a NaN was confirmed")
        #expect(await answers[2].value == nil)
        #expect(try await logbook.read().entries == [before, after])
        #expect(await writer.add(entry(3, .note(text: "later", by: "technician"))).value == nil)
        #expect(writer.retainedCount == 0)
        #expect(changes.withLock { $0 }.isEmpty, "the disk is not failing: \(changes.withLock { $0 })")
    }
}
