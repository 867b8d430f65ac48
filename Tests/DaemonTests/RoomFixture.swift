import Configuration
import DemoRoom
import Foundation
import Room
import Testing

/// A demo room for one test: its own folder, the daemon built beside the
/// test bundle, and the PulseAudio sources room1-3 that `Scripts/test` starts
/// (`Scripts/pulse-up` is run here when the environment lacks them).
enum RoomFixture {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var daemon: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("diemcaud").path
    }

    /// A demo room on the shared PulseAudio sources room1-3, or on `devices`
    /// of `alsaConfiguration`; with `terminalPort`, on a terminal already listening there.
    static func make(
        _ name: String, alsaConfiguration: String? = nil, devices: [String]? = nil, terminalPort: UInt16? = nil,
        tokens: [Role: String]? = nil, chainedCameras: Int = 1, adjust: (@Sendable (inout RoomConfiguration) -> Void)? = nil
    ) throws -> DemoRoom {
        try ensurePulseAudio()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diemcau-\(name)-\(UUID().uuidString.prefix(8))").path
        #expect(FileManager.default.isExecutableFile(atPath: daemon), "diemcaud is not built at \(daemon)")
        var options = DemoRoom.Options(
            runDirectory: folder, daemon: daemon, template: repository.appendingPathComponent("Hardware/demo/room.json").path,
            alsaConfiguration: alsaConfiguration ?? ProcessInfo.processInfo.environment["DIEMCAU_ALSA_CONF"],
            microphoneDevices: devices ?? ["room1", "room2", "room3"])
        options.adjust = adjust
        options.terminalPort = terminalPort
        options.tokens = tokens
        options.chainedCameras = chainedCameras
        return DemoRoom(options)
    }

    /// Starts PulseAudio with the sources when the test runs outside `Scripts/test`.
    static func ensurePulseAudio() throws {
        let environment = ProcessInfo.processInfo.environment
        if let conf = environment["DIEMCAU_ALSA_CONF"], (try? String(contentsOfFile: conf, encoding: .utf8))?.contains("ctl.room3") == true {
            return
        }
        let process = Process()
        process.executableURL = repository.appendingPathComponent("Scripts/pulse-up")
        var childEnvironment = environment
        childEnvironment["DIEMCAU_PULSE_MICS"] = "mic1 mic2 mic3 room1 room2 room3"
        process.environment = childEnvironment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError("Scripts/pulse-up failed: run Scripts/test, which starts PulseAudio") }
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            let value = assignment[assignment.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            setenv(String(assignment[..<equals]), value, 1)
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
