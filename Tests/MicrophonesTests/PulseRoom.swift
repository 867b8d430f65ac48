import Foundation
import Microphones

/// The real mixers the tests use: a PulseAudio server with null sources,
/// started by Scripts/pulse-up, seen by alsa-lib through `type pulse` ctl
/// devices (mic1, mic2, mic3 on sources of the same names; speaker1 on the
/// null sink spk1). Checked with `pactl`, which this project did not write.
struct PulseRoom: Sendable {
    let directory: String
    let server: String
    let alsaConfiguration: String

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The server Scripts/test started, or this checkout's default one
    /// (pulse-up is idempotent), or a private one in `directory`.
    static func start(directory: String? = nil) throws -> PulseRoom {
        let environment = ProcessInfo.processInfo.environment
        if directory == nil, let dir = environment["DIEMCAU_PULSE_DIR"], let server = environment["PULSE_SERVER"],
           let conf = environment["DIEMCAU_ALSA_CONF"], (try? pactl(["info"], server: server)) != nil {
            return PulseRoom(directory: dir, server: server, alsaConfiguration: conf)
        }
        var extra: [String: String] = [:]
        if let directory { extra["DIEMCAU_PULSE_DIR"] = directory }
        let output = try run(repository.appendingPathComponent("Scripts/pulse-up").path, [], environment: extra)
        var exports: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            exports[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        guard let dir = exports["DIEMCAU_PULSE_DIR"], let server = exports["PULSE_SERVER"], let conf = exports["DIEMCAU_ALSA_CONF"] else {
            throw Failure("Scripts/pulse-up printed no exports: \(output)")
        }
        return PulseRoom(directory: dir, server: server, alsaConfiguration: conf)
    }

    /// Stops this server with Scripts/pulse-down.
    func stop() throws {
        _ = try Self.run(Self.repository.appendingPathComponent("Scripts/pulse-down").path, [],
                         environment: ["DIEMCAU_PULSE_DIR": directory])
    }

    /// Kills the server the hard way, as a crash would.
    func kill() throws {
        let pid = try String(contentsOfFile: directory + "/run/pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try Self.run("/bin/kill", ["-9", pid])
    }

    func pactl(_ arguments: [String]) throws -> String { try Self.pactl(arguments, server: server) }

    /// `pactl get-source-mute <source>` → true when muted.
    func sourceMuted(_ source: String) throws -> Bool { try muteAnswer(pactl(["get-source-mute", source])) }
    func sinkMuted(_ sink: String) throws -> Bool { try muteAnswer(pactl(["get-sink-mute", sink])) }

    /// The first channel's volume in percent, from `pactl get-source-volume`.
    func sourceVolumePercent(_ source: String) throws -> Int {
        let text = try pactl(["get-source-volume", source])
        guard let range = text.range(of: #"(\d+)%"#, options: .regularExpression),
              let value = Int(text[range].dropLast()) else { throw Failure("pactl said: \(text)") }
        return value
    }

    func setSourceMute(_ source: String, _ muted: Bool) throws {
        _ = try pactl(["set-source-mute", source, muted ? "1" : "0"])
    }

    private func muteAnswer(_ text: String) throws -> Bool {
        if text.contains("Mute: yes") { return true }
        if text.contains("Mute: no") { return false }
        throw Failure("pactl said: \(text)")
    }

    static func pactl(_ arguments: [String], server: String) throws -> String {
        try run("/usr/bin/pactl", arguments, environment: ["PULSE_SERVER": server])
    }

    @discardableResult
    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure("\(path) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errorData, as: UTF8.self))\(text)")
        }
        return text
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Collects a bank's events as they arrive, so a test can wait for one
/// without polling.
actor EventRecorder {
    private(set) var events: [(event: MicEvent, at: ContinuousClock.Instant)] = []
    private var waiters: [(id: Int, match: @Sendable (MicEvent) -> Bool, continuation: CheckedContinuation<(MicEvent, ContinuousClock.Instant)?, Never>)] = []
    private var nextID = 0
    private var consumed = 0

    init(_ stream: AsyncStream<MicEvent>) {
        Task { [weak self] in
            for await event in stream {
                await self?.record(event)
            }
        }
    }

    private func record(_ event: MicEvent) {
        let now = ContinuousClock.now
        events.append((event, now))
        if let i = waiters.firstIndex(where: { $0.match(event) }) {
            let waiter = waiters.remove(at: i)
            consumed = events.count
            waiter.continuation.resume(returning: (event, now))
        }
    }

    /// The first event from now on (or already recorded but not yet waited
    /// past) that matches, with when it arrived; nil after `timeout`.
    func next(timeout: Duration = .seconds(10), where match: @escaping @Sendable (MicEvent) -> Bool) async -> (MicEvent, ContinuousClock.Instant)? {
        if let i = events[consumed...].firstIndex(where: { match($0.event) }) {
            consumed = i + 1
            return events[i]
        }
        let id = nextID
        nextID += 1
        return await withCheckedContinuation { continuation in
            waiters.append((id, match, continuation))
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expire(id)
            }
        }
    }

    private func expire(_ id: Int) {
        guard let i = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: i).continuation.resume(returning: nil)
    }
}
