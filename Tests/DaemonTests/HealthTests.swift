import Control
import DemoRoom
import Foundation
import PulseProbe
import Testing

/// Every fault the room notices reaches the centre: each part's loss and
/// return is an `EVENT device`, within 2 s during a meeting, and shows in
/// `status`; a command a device cannot carry out is answered `ERR device`.
@Suite("Every device's health is visible", .serialized)
struct HealthTests {
    @Test("a silent camera: EVENT device offline within 2 s in preparation, recall answered ERR device, then online again")
    func cameraOfflineAndBack() async throws {
        let room = try RoomFixture.make("camera-health")
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.technician("phase preparation") else { Issue.record("phase refused"); return }

        let silenced = Date()
        await room.camera.setSilent(true)
        let offline = try await room.event(timeout: 5) { Self.device($0, "camera", "offline") }
        let noticed = Date().timeIntervalSince(silenced)
        #expect(offline != nil, "no EVENT device part=camera state=offline")
        #expect(noticed < 2.5, "the silent camera was reported after \(noticed) s")

        let recall = try await room.technician("camera recall chair")
        guard case .error(.device, let message) = recall else { Issue.record("recall to an offline camera: \(recall)"); return }
        #expect(message.contains("camera"))
        guard case .ok(let status) = try await room.technician("status") else { Issue.record("no status"); return }
        #expect(status.value("camera") == "offline")
        #expect(status.value("faults")?.contains("camera offline") == true)
        // systemd's status line follows the room's health too.
        #expect(await room.status { $0.contains("FAULT: camera offline") } != nil, "no STATUS= naming the offline camera")

        await room.camera.setSilent(false)
        #expect(try await room.event(timeout: 5) { Self.device($0, "camera", "online") } != nil, "no EVENT device part=camera state=online")
        // In the demo room's language: Vietnamese.
        #expect(await room.status { $0.contains("mọi thiết bị đều trả lời") } != nil, "STATUS= did not say the room is whole again")
        guard case .ok(let recalled) = try await room.technician("camera recall chair") else { Issue.record("recall refused once back"); return }
        #expect(["pending", "done"].contains(recalled.value("completion")), "\(recalled)")
        print("camera: silent noticed in \(String(format: "%.2f", noticed)) s")
        #expect(await room.stop() == 0)
        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("DEVICE camera offline"))
        #expect(logbook.entries.contains("camera online"))
    }

    @Test("the terminal: SIGSTOP makes it silent within 2 s in a test session, SIGCONT brings it back, a kill and a restart are lost and back")
    func silentTerminal() async throws {
        let terminal = try CodecSimProcess(password: "demo-password-7")
        defer { terminal.kill() }
        let room = try RoomFixture.make("terminal-health", terminalPort: terminal.port)
        defer { Task { await room.tearDown() } }
        try await room.start()
        #expect(try await Self.eventually(5) {
            if case .ok(let status) = try await room.technician("status") { return status.value("terminal") == "answering" }
            return false
        }, "the terminal never answered")
        guard case .ok = try await room.technician("phase test") else { Issue.record("phase refused"); return }

        let stopped = Date()
        terminal.signal(SIGSTOP)
        let silent = try await room.event(timeout: 6) { Self.device($0, "terminal", "silent") }
        let noticed = Date().timeIntervalSince(stopped)
        #expect(silent != nil, "no EVENT device part=terminal state=silent")
        #expect(noticed < 2.5, "the silent terminal was reported after \(noticed) s")
        guard case .ok(let status) = try await room.technician("status") else { Issue.record("no status"); return }
        #expect(status.value("terminal") == "silent")

        terminal.signal(SIGCONT)
        #expect(try await room.event(timeout: 5) { Self.device($0, "terminal", "answering") } != nil, "no EVENT device part=terminal state=answering")

        terminal.kill()
        #expect(try await room.event(timeout: 5) { Self.device($0, "terminal", "lost") } != nil, "no EVENT device part=terminal state=lost")
        let again = try CodecSimProcess(password: "demo-password-7", port: terminal.port)
        defer { again.kill() }
        #expect(try await room.event(timeout: 10) { Self.device($0, "terminal", "answering") } != nil, "the restarted terminal was not reported back")
        print("terminal: SIGSTOP noticed in \(String(format: "%.2f", noticed)) s")
        #expect(await room.stop() == 0)
    }

    @Test("the terminal's registration lost and restored are events, seen by the keep-alive within seconds in a meeting")
    func registrationLostAndRestored() async throws {
        let room = try RoomFixture.make("registration-health")
        defer { Task { await room.tearDown() } }
        try await room.start()
        // A Poly tells its registration only in `status`, its keep-alive: once a second in a meeting.
        guard case .ok = try await room.technician("phase preparation") else { Issue.record("phase refused"); return }
        try await Task.sleep(for: .milliseconds(500))
        // Either registration lets the MCU reach the room: both go, one comes back, it goes again.
        await room.terminal.play([.registrationLost(.h323Gatekeeper), .registrationLost(.sipRegistrar)])
        #expect(try await room.event(timeout: 5) { $0.topic == "device" && $0.value("part") == "registration" } != nil)
        await room.terminal.play(.registrationRestored(.h323Gatekeeper))
        #expect(try await room.event(timeout: 5) { Self.device($0, "registration", "restored") } != nil)
        await room.terminal.play(.registrationLost(.h323Gatekeeper))
        #expect(try await room.event(timeout: 5) { Self.device($0, "registration", "lost") } != nil)
        guard case .ok(let status) = try await room.technician("status") else { Issue.record("no status"); return }
        #expect(status.value("registered") == "false")
        #expect(status.value("faults")?.contains("terminal not registered") == true)
        #expect(await room.stop() == 0)
    }

    @Test("PulseAudio gone: EVENT device mixer lost, mute all answered ERR device; back: events, and every microphone muted (pactl)")
    func pulseAudioGoneAndBack() async throws {
        let pulse = try PrivatePulse(sources: ["gone1", "gone2", "gone3"])
        defer { pulse.down() }
        let room = try RoomFixture.make("mixer-health", alsaConfiguration: pulse.alsaConfiguration, devices: pulse.sources)
        defer { Task { await room.tearDown() } }
        try await room.start()
        #expect(pulse.muted("gone1") == true)

        pulse.down()
        var lost: Set<String> = []
        while lost.count < 3, let event = try await room.event(timeout: 5, where: { Self.device($0, "mixer", "lost") }) {
            lost.insert(event.value("name") ?? "")
        }
        #expect(lost == ["gone1", "gone2", "gone3"], "mixers reported lost: \(lost)")
        let muteAll = try await room.technician("mute all")
        guard case .error(.device, let message) = muteAll else { Issue.record("mute all with PulseAudio gone: \(muteAll)"); return }
        #expect(message.contains("microphone"))
        guard case .ok(let status) = try await room.technician("status") else { Issue.record("no status"); return }
        #expect(status.value("mics-unavailable") == "chair,mic2,mic3")

        try pulse.up()
        var back: Set<String> = []
        while back.count < 3, let event = try await room.event(timeout: 10, where: { Self.device($0, "mixer", "back") }) {
            back.insert(event.value("name") ?? "")
        }
        #expect(back == ["gone1", "gone2", "gone3"], "mixers reported back: \(back)")
        // A new server's null sources start unmuted: the daemon set them muted again.
        #expect(pulse.sources.allSatisfy { pulse.muted($0) == true }, "a microphone came back open")
        guard case .ok = try await room.technician("mute all") else { Issue.record("mute all refused once back"); return }
        #expect(await room.stop() == 0)
        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("INCIDENT #") && logbook.entries.contains("microphone-lost"))
    }

    @Test("a microphone that holds the floor is no readiness failure and opens no incident")
    func aGrantedMicrophoneIsNotAFailure() async throws {
        let room = try RoomFixture.make("ready-with-floor")
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.mcu("floor grant mic2") else { Issue.record("floor grant refused"); return }
        guard case .ok = try await room.technician("check") else { Issue.record("check refused"); return }
        let checks = try await room.events(["readiness"], timeout: 10)
        let report = try #require(checks["readiness"])
        #expect(report.value("failed")?.contains("mic2") != true, "\(report)")
        guard case .ok(let status) = try await room.technician("status") else { Issue.record("no status"); return }
        #expect(status.value("open") == "mic2")
        #expect(await room.stop() == 0)
        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("microphone mic2 reachable and muted ok"), "\(logbook.entries)")
        #expect(!logbook.entries.contains("readiness-failed") || !logbook.entries.contains("mic2 reachable and muted FAIL"))
    }

    // MARK: Helpers

    static func device(_ event: ControlEvent, _ part: String, _ state: String) -> Bool {
        event.topic == "device" && event.value("part") == part && event.value("state") == state
    }

    static func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}

/// `codec-sim` as a process of its own, so a test can stop it with SIGSTOP
/// the way a hung terminal stops answering.
final class CodecSimProcess: Sendable {
    let process: Process
    let port: UInt16

    init(password: String, port requested: UInt16 = 0) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RoomFixture.daemon).deletingLastPathComponent().appendingPathComponent("codec-sim")
        process.arguments = ["--dialect", "poly", "--port", String(requested), "--password", password]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // "codec-sim: poly terminal '…' listening on 127.0.0.1:PORT"
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: "127.0.0.1:"), let port = UInt16(text[range.upperBound...].prefix { $0.isNumber }) else {
            process.terminate()
            throw RoomFixture.FixtureError("codec-sim did not say where it listens: \(text)")
        }
        self.process = process
        self.port = port
    }

    func signal(_ number: Int32) {
        Foundation.kill(process.processIdentifier, number)
    }

    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A PulseAudio server of the test's own (`Scripts/pulse-up` in a folder of
/// its own), so the test can stop it without touching the other tests' server.
final class PrivatePulse: Sendable {
    let directory: String
    let sources: [String]
    let alsaConfiguration: String
    let server: String

    init(sources: [String]) throws {
        directory = NSTemporaryDirectory() + "diemcau-pulse-\(UUID().uuidString.prefix(6))"
        self.sources = sources
        alsaConfiguration = directory + "/asound.conf"
        server = "unix:\(directory)/run/native"
        try up()
    }

    func up() throws {
        guard Self.script("pulse-up", directory: directory, sources: sources) == 0 else {
            throw RoomFixture.FixtureError("Scripts/pulse-up failed for \(directory)")
        }
    }

    func down() {
        _ = Self.script("pulse-down", directory: directory, sources: sources)
    }

    /// What this server's own tool says of a source.
    func muted(_ source: String) -> Bool? {
        guard let text = try? Pulse.output(["/usr/bin/pactl", "--server=\(server)", "get-source-mute", source]) else { return nil }
        return text.contains("Mute: yes") ? true : (text.contains("Mute: no") ? false : nil)
    }

    private static func script(_ name: String, directory: String, sources: [String]) -> Int32 {
        let process = Process()
        process.executableURL = RoomFixture.repository.appendingPathComponent("Scripts/\(name)")
        var environment = ProcessInfo.processInfo.environment
        environment["DIEMCAU_PULSE_DIR"] = directory
        environment["DIEMCAU_PULSE_MICS"] = sources.joined(separator: " ")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
