import Control
import DemoRoom
import Foundation
import TestSupport
import Testing

/// The real `diemcaud` as a process, with the camera simulator on a
/// pseudo-terminal, the Poly terminal simulator on loopback, and PulseAudio
/// null sources as its microphones, checked with `pactl`.
@Suite("The whole room, end to end", .serialized)
struct WholeRoomTests {
    @Test("the demo meeting: presets, readiness, the call, the floor, the drop, the end — every step as the rules say")
    func wholeMeeting() async throws {
        let room = try RoomFixture.make("meeting")
        do {
            try await room.start()
            #expect(await room.secondsToReady != nil, "READY=1 reached the notify socket")
            for step in DemoMeeting.steps {
                _ = try await step.run(room)
            }
            // Its own threads only: every one it starts has a name, so a
            // nameless one (the process's name) other than the main loop
            // would be a Dispatch worker, and with it libdispatch's
            // once-a-second timer.
            let threads = try #require(await room.processIdentifier.map { ThreadNames.of($0) })
            #expect(threads.filter { $0 == "diemcaud" }.count == 1, "threads: \(threads)")
            #expect(threads.contains("logbook") && threads.contains("microphones") && threads.contains("signals"))
        } catch {
            Issue.record("\(error)\n--- diemcaud's log ---\n\(room.daemonLog())")
        }
        #expect(await room.stop() == 0, "SIGTERM ends the daemon with status 0")
        await room.tearDown()

        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("INCIDENT #1 call-dropped"))
        #expect(logbook.entries.contains("incident #1 fixed by technician"))
        #expect(
            logbook.entries.contains("floor granted to microphone mic2 (mic2) by mcu Lê Văn Cường (Kỹ thuật viên Trung tâm điều khiển) at 127.0.0.1:"),
            "the logbook names the person who holds the mcu token (the room file's people)")
        #expect(logbook.entries.contains("REFUSED unmute mic3"))
        #expect(logbook.entries.contains("camera recall preset 2 (left)"))
        #expect(logbook.entries.contains("diemcaud stopping on SIGTERM"))
        #expect(logbook.report.contains("Meetings held (official sessions): 1"))
        #expect(logbook.report.contains("Incidents: 1, 1 with a fix noted"))
    }

    @Test("only the MCU centre can make the terminal dial, and only through the rules (R1)")
    func callControlOnlyFromTheCentre() async throws {
        let room = try RoomFixture.make("gate")
        defer { Task { await room.tearDown() } }
        try await room.start()

        guard case .error(.forbidden, _) = try await room.technician("call dial 10.10.0.1") else {
            Issue.record("the technician's dial was not refused")
            return
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(await room.terminal.callCommands.isEmpty)

        guard case .ok = try await room.mcu("call dial 10.10.0.1 h323 1920") else {
            Issue.record("the centre's dial was refused")
            return
        }
        let deadline = Date().addingTimeInterval(10)
        var commands: [String] = []
        while commands.isEmpty && deadline.timeIntervalSinceNow > 0 {
            commands = await room.terminal.callCommands
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(commands.count == 1)
        #expect(commands.first?.contains("10.10.0.1") == true)
        #expect(commands.first?.hasPrefix("dial") == true)
        #expect(await room.stop() == 0)
    }

    @Test("during a call the quality is sampled into the logbook (R4), and not after it")
    func qualitySamplesDuringACall() async throws {
        let room = try RoomFixture.make("quality") { $0.terminal?.qualitySampleSeconds = 1 }
        defer { Task { await room.tearDown() } }
        try await room.start()
        await room.terminal.play([
            .incomingCall(name: "MCU Tinh", number: "10.10.0.1", rateKbps: 1920, protocol: .h323), .connectCall(id: nil),
        ])
        try await Task.sleep(for: .milliseconds(3500))
        await room.terminal.play(.dropCall(id: nil, cause: "end"))
        try await Task.sleep(for: .milliseconds(2500))
        #expect(await room.stop() == 0)
        let logbook = try await room.logbook()
        let samples = logbook.entries.split(separator: "\n").filter { $0.contains("call quality: loss") }
        #expect((2...4).contains(samples.count), "\(samples.count) samples in 3.5 s at 1 s:\n\(logbook.entries)")
        #expect(samples.allSatisfy { $0.contains("1920 kbit/s") })
        #expect(logbook.report.contains("Call quality"))
    }

    @Test("the centre's schedule: readiness at the test time and one hour before, and the in-call check (R5), no dialling")
    func scheduleDrivesReadiness() async throws {
        let room = try RoomFixture.make("schedule")
        defer { Task { await room.tearDown() } }
        try await room.start()
        let now = Date()
        let test = now.addingTimeInterval(1).formatted(.iso8601)
        let start = now.addingTimeInterval(3600 + 2.5).formatted(.iso8601)
        guard case .ok = try await room.mcu("schedule add HN-7 peoples-committee \(start) test \(test) Họp UBND tỉnh") else {
            Issue.record("the schedule was refused")
            return
        }
        // The readiness test may still be running when the hour-before check falls due: either may come first.
        let events = try await room.events(["readiness", "hour-before-start"], timeout: 15)
        let atTest = try #require(events["readiness"])
        #expect(atTest.value("trigger")?.contains("technical-test time of meeting HN-7") == true)
        let hourBefore = try #require(events["hour-before-start"])
        #expect(hourBefore.value("meeting") == "HN-7")
        #expect(hourBefore.value("in-call") == "false")
        #expect(await room.terminal.callCommands.isEmpty, "the room never dials for its schedule (R1)")
        #expect(await room.stop() == 0)
        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("HN-7"))
    }

    @Test("SIGHUP: a broken configuration keeps the room running on the old one; a good one renames the room")
    func reloadKeepsTheRunningConfigurationWhenTheNewOneIsBad() async throws {
        let room = try RoomFixture.make("reload")
        defer { Task { await room.tearDown() } }
        try await room.start()
        let file = room.options.runDirectory + "/room.json"
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        try Data("{\"room\": ".utf8).write(to: URL(fileURLWithPath: file))
        #expect(await room.signal(SIGHUP))

        let deadline = Date().addingTimeInterval(10)
        // The demo room speaks Vietnamese, and so does its journal.
        while !room.daemonLog().contains("vẫn giữ cấu hình đang chạy") && deadline.timeIntervalSinceNow > 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(room.daemonLog().contains("reload: \(file) có lỗi; vẫn giữ cấu hình đang chạy"), "\(room.daemonLog())")
        guard case .ok(let status) = try await room.technician("status") else {
            Issue.record("the daemon stopped answering after a bad reload")
            return
        }
        #expect(status.value("phase") == "idle")

        let renamed = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "Demo: UBND", with: "Renamed: UBND")
        try Data(renamed.utf8).write(to: URL(fileURLWithPath: file))
        #expect(await room.signal(SIGHUP))
        var name: String?
        let until = Date().addingTimeInterval(10)
        while name?.hasPrefix("Renamed") != true && until.timeIntervalSinceNow > 0 {
            if case .ok(let identity) = try await room.technician("identity") { name = identity.value("room") }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(name == "Renamed: UBND xã Tân Lập")
        #expect(await room.stop() == 0)
    }
}
