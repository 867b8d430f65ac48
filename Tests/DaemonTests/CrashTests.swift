import Control
import DemoRoom
import Foundation
import Logbook
import Room
import Synchronization
import Testing

/// No acknowledged logbook entry is ever lost: the real daemon is killed
/// (SIGKILL, no chance to flush) at random moments while three clients, over
/// TCP and the Unix socket, write notes with ids of their own; every note a
/// client got `OK` for is in the logbook afterwards, every time.
@Suite("Crashes lose no acknowledged entry", .serialized)
struct CrashTests {
    static let kills = 20

    @Test("20 SIGKILLs during note floods from three clients: every acknowledged note is in the logbook")
    func everyAcknowledgedNoteSurvivesAKill() async throws {
        let room = try CrashRoom()
        defer { room.remove() }
        let acknowledged = Mutex<[String]>([])
        var attempts = 0
        for kill in 0..<Self.kills {
            let daemon = try room.start()
            try await room.waitUntilServing()
            let stop = Atomic<Bool>(false)
            let done = Mutex(0)
            for client in 0..<3 {
                Thread.detachNewThread {
                    defer { done.withLock { $0 += 1 } }
                    guard let link = try? room.connect(overTCP: client < 2) else { return }
                    var sent: [String] = []
                    var index = 0
                    while !stop.load(ordering: .relaxed) {
                        // Eight notes ahead of their replies, as a busy client would send them.
                        do {
                            while sent.count < 8 {
                                let id = "k\(kill)-c\(client)-n\(index)"
                                try link.send("note crash-test \(id)")
                                sent.append(id)
                                index += 1
                            }
                            guard case .reply(let reply) = try link.nextLine(timeout: 5) else { continue }
                            let id = sent.removeFirst()
                            if case .ok = reply { acknowledged.withLock { $0.append(id) } }
                        } catch {
                            return
                        }
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 80...400)))
            Foundation.kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
            stop.store(true, ordering: .relaxed)
            while done.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(10)) }
            attempts += 1
        }
        #expect(attempts == Self.kills)

        let reader = LogbookReader(directory: room.folder + "/state/logbook")
        let reading = try reader.read()
        var written = Set<String>()
        for entry in reading.entries {
            if case .note(let text, _) = entry.record, text.hasPrefix("crash-test ") { written.insert(String(text.dropFirst(11))) }
        }
        let confirmed = acknowledged.withLock { $0 }
        let lost = confirmed.filter { !written.contains($0) }
        #expect(confirmed.count > 200, "only \(confirmed.count) notes were acknowledged in \(Self.kills) runs")
        #expect(lost.count == 0, "\(lost.count) of \(confirmed.count) acknowledged notes are missing: \(lost.prefix(10))")
        print("crash test: \(Self.kills) kills, \(confirmed.count) acknowledged notes, \(written.count) written, \(lost.count) lost, \(reading.damaged.count) torn lines skipped")
    }
}

/// A room with no devices: just the control protocol and the logbook.
struct CrashRoom: Sendable {
    let folder: String
    let port: UInt16
    static let mcu = "mcu-token-crash-0123456789"
    static let technician = "tech-token-crash-0123456789"

    init() throws {
        folder = NSTemporaryDirectory() + "diemcaud-crash-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder + "/state", withIntermediateDirectories: true)
        port = UInt16(try DemoRoom.freePort())
        _ = FileManager.default.createFile(
            atPath: folder + "/control.tokens",
            contents: Data("mcu \(Self.mcu)\ntechnician \(Self.technician)\nobserver obs-token-crash-0123456789\n".utf8),
            attributes: [.posixPermissions: 0o600])
        try Data("""
            {
              "room": { "name": "Crash", "lead": { "name": "A", "position": "B", "phone": "1" },
                        "technician": { "name": "C", "position": "D", "phone": "2" } },
              "cameras": [], "microphones": [],
              "control": { "tcp": { "address": "127.0.0.1", "port": \(port) }, "notesPerMinute": 1000000,
                           "unixSocket": "\(folder)/control.sock", "secrets": "\(folder)/control.tokens" },
              "stateDirectory": "\(folder)/state"
            }
            """.utf8).write(to: URL(fileURLWithPath: folder + "/room.json"))
    }

    func start() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RoomFixture.daemon)
        process.arguments = ["--config", folder + "/room.json"]
        let log = FileHandle(forWritingAtPath: folder + "/diemcaud.log") ?? {
            _ = FileManager.default.createFile(atPath: folder + "/diemcaud.log", contents: nil)
            return FileHandle(forWritingAtPath: folder + "/diemcaud.log")!
        }()
        log.seekToEndOfFile()
        process.standardError = log
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        process.environment = environment
        try process.run()
        return process
    }

    func waitUntilServing() async throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let link = try? ControlLink(socketPath: folder + "/control.sock"), (try? link.greet { Self.technician }) != nil { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw RoomFixture.FixtureError("the daemon did not serve its socket within 10 s: \((try? String(contentsOfFile: folder + "/diemcaud.log", encoding: .utf8)) ?? "")")
    }

    func connect(overTCP: Bool) throws -> ControlLink {
        let link = overTCP ? try ControlLink(host: "127.0.0.1", port: port) : try ControlLink(socketPath: folder + "/control.sock")
        try link.greet { overTCP ? Self.mcu : Self.technician }
        return link
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A logbook that cannot be written is never acknowledged.
@Suite("A full disk is never confirmed", .serialized)
struct FullDiskTests {
    @Test("the logbook's disk full: note answered ERR device, the centre alerted; space again: OK and EVENT device writing")
    func fullDiskIsAnsweredErrAndAlerted() async throws {
        let room = try CrashRoom()
        defer { room.remove() }
        let state = room.folder + "/state"
        guard mount("tmpfs", state, "tmpfs", 0, "size=256k") == 0 else {
            Issue.record("cannot mount a tmpfs at \(state): errno \(errno) (the tests run as root)")
            return
        }
        defer { umount2(state, Int32(MNT_DETACH)) }
        let daemon = try room.start()
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        try await room.waitUntilServing()
        let watcher = try room.connect(overTCP: true)
        _ = try watcher.request("events on")
        let technician = try room.connect(overTCP: false)
        guard case .ok = try technician.request("note before the disk filled") else { Issue.record("the first note was refused"); return }

        // Fill the file system to the last block.
        let filler = state + "/filler"
        let handle = try #require(FileHandle(forWritingAtPath: filler) ?? {
            _ = FileManager.default.createFile(atPath: filler, contents: nil)
            return FileHandle(forWritingAtPath: filler)
        }())
        let block = Data(repeating: 0x41, count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()

        // The logbook's last page may still hold a note or two: write until one does not fit.
        var refused = try technician.request("note " + String(repeating: "x", count: 3000))
        for _ in 0..<4 {
            guard case .ok = refused else { break }
            refused = try technician.request("note " + String(repeating: "x", count: 3000))
        }
        guard case .error(.device, let message) = refused else { Issue.record("five 3 kB notes on a full disk: \(refused)"); return }
        #expect(message.contains("logbook"), "\(message)")
        var sawAlert = false, sawFailing = false
        let deadline = Date().addingTimeInterval(5)
        while !(sawAlert && sawFailing), Date() < deadline {
            guard case .event(let event) = try watcher.nextLine(timeout: 5) else { continue }
            if event.topic == "alert", event.value("kind") == "logbook-failed" { sawAlert = true }
            if event.topic == "device", event.value("part") == "logbook", event.value("state") == "failing" { sawFailing = true }
        }
        #expect(sawAlert && sawFailing, "alert \(sawAlert), device failing \(sawFailing)")
        guard case .ok(let status) = try technician.request("status") else { Issue.record("no status"); return }
        #expect(status.value("logbook") == "failing")

        try FileManager.default.removeItem(atPath: filler)
        guard case .ok = try technician.request("note after the disk was freed") else { Issue.record("a note once the disk had room was refused"); return }
        var sawWriting = false
        while !sawWriting, Date() < deadline.addingTimeInterval(5) {
            guard case .event(let event) = try watcher.nextLine(timeout: 5) else { continue }
            if event.topic == "device", event.value("part") == "logbook", event.value("state") == "writing" { sawWriting = true }
        }
        #expect(sawWriting)
        daemon.terminate()
        daemon.waitUntilExit()
        let notes = try LogbookReader(directory: state + "/logbook").read().entries.compactMap { entry -> String? in
            if case .note(let text, _) = entry.record { text } else { nil }
        }
        #expect(notes.contains("before the disk filled") && notes.contains("after the disk was freed"))
    }
}
