import CameraSimulator
import CodecSimulator
import Configuration
import Control
import DemoRoom
import Foundation
import Room
import TestSupport
import Testing

/// What `diemcau config check` accepts, the daemon runs: room files the fuzz
/// test made from the demo room and the validation accepted start the real
/// `diemcaud`, which serves its control socket (the greeting names the
/// room, a login and `status` are answered) and stops cleanly on SIGTERM.
///
/// Only what belongs to this machine is changed before the start: the
/// state folder, the secrets files, the control socket and TCP port (a
/// free one). Every other file runs with its camera and terminal pointed
/// at the simulators; the others keep the devices the mutant names, which
/// are not there: the daemon reports them and runs without. The
/// microphones are never there (no PulseAudio needed).
@Suite("accepted room files start the daemon", .serialized)
struct AcceptedRoomFilesTests {
    /// How many accepted files are started, at most; each takes a tenth of a second here.
    static let sample = 20
    /// Candidates are every 13th case of the fuzz run, so the sample spreads over it.
    static let stride = 13

    @Test(.timeLimit(.minutes(3)))
    func acceptedFilesServeAndStopOnSIGTERM() async throws {
        let seed = RoomFileMutator.runSeed
        let demo = try String(contentsOf: RoomFixture.repository.appendingPathComponent("Hardware/demo/room.json"), encoding: .utf8)
        let mutator = try #require(RoomFileMutator(roomFile: demo, seed: seed))
        var chosen: [(mutant: RoomFileMutator.Mutant, room: RoomConfiguration)] = []
        for index in Swift.stride(from: 0, to: 10_000, by: Self.stride) where chosen.count < Self.sample {
            let mutant = mutator.mutant(index)
            if let room = try? ConfigurationFile.parse(Data(mutant.bytes), file: "case \(index)") { chosen.append((mutant, room)) }
        }
        #expect(chosen.count >= Self.sample / 2, "only \(chosen.count) accepted files among the candidates")
        for (number, (mutant, room)) in chosen.enumerated() {
            let simulators = number.isMultiple(of: 2) ? Simulators() : nil
            let label = "case \(mutant.index) of seed \(seed) (\(mutant.mutations.map(\.rawValue).joined(separator: ", ")))"
                + (simulators == nil ? ", devices absent" : ", on the simulators")
            let run = try await MutantRun(room, label: label, simulators: simulators)
            await run.check()
            run.remove()
            await simulators?.stop()
        }
    }
}

/// One accepted room file, run by the real daemon in a folder of its own.
private struct MutantRun {
    let label: String
    let folder: String
    let room: RoomConfiguration
    let tokens: [Role: String]

    init(_ accepted: RoomConfiguration, label: String, simulators: Simulators?) async throws {
        self.label = label
        folder = NSTemporaryDirectory() + "diemcau-mutant-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder + "/state", withIntermediateDirectories: true)
        var room = accepted
        room.stateDirectory = folder + "/state"
        room.control.secrets = folder + "/control.tokens"
        room.control.unixSocket = folder + "/control.sock"
        if let address = room.control.tcp?.address {
            room.control.tcp?.address = ["127.0.0.1", "localhost", "::1"].contains(address) ? address : "127.0.0.1"
            room.control.tcp?.port = try DemoRoom.freePort()
        }
        room.terminal?.secrets = folder + "/terminal.secret"
        try await simulators?.attach(&room, folder: folder)
        self.room = room
        tokens = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, "\($0.rawValue)-token-\(UUID().uuidString)") })
        try Self.secret(folder + "/control.tokens", Role.allCases.map { "\($0.rawValue) \(tokens[$0]!)\n" }.joined())
        try Self.secret(folder + "/terminal.secret", "user = admin\npassword = \(Simulators.password)\n")
        try JSONEncoder().encode(room).write(to: URL(fileURLWithPath: folder + "/room.json"))
    }

    /// Starts the daemon, talks to it, stops it.
    func check() async {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RoomFixture.daemon)
        process.arguments = ["--config", folder + "/room.json"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("NOTIFY_SOCKET") && !$0.key.hasPrefix("WATCHDOG") }
        _ = FileManager.default.createFile(atPath: folder + "/diemcaud.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: folder + "/diemcaud.log")
        do {
            try process.run()
        } catch {
            Issue.record("\(label): diemcaud did not start: \(error)")
            return
        }
        let started = ContinuousClock.now
        let served = await serve()
        let serving = ContinuousClock.now - started
        #expect(served == nil, "\(label): \(served ?? "")\n--- diemcaud's log ---\n\(log)")

        kill(process.processIdentifier, SIGTERM)
        let stopping = ContinuousClock.now
        let ended = (try? await BlockedSignalsTests.wait(seconds: 10) { !process.isRunning }) ?? false
        if !ended { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(ended && process.terminationStatus == 0, "\(label): exit status \(process.terminationStatus) after SIGTERM\n\(log)")
        // The journal speaks the room's language.
        let stopped = room.room.language?.rawValue == "vi" ? "SIGTERM: đang dừng" : "SIGTERM: stopping"
        #expect(log.contains(stopped), "\(label)\n\(log)")
        print("\(label): served after \(serving), stopped \(ContinuousClock.now - stopping) after SIGTERM")
    }

    /// nil once the control socket greets with the room's name and answers
    /// `status` after a login, and the daemon has said it is ready; what
    /// went wrong otherwise.
    private func serve() async -> String? {
        var lastProblem = "the control socket never answered"
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            do {
                let link = try ControlLink(socketPath: folder + "/control.sock")
                guard case .greeting(_, let name, _) = try ControlServerLine(parsing: try link.readLine(timeout: 5)) else {
                    return "the first line is not the greeting"
                }
                guard name == room.room.name else { return "the greeting names the room \(name.debugDescription), not \(room.room.name.debugDescription)" }
                if case .error(_, let message) = try link.request("login \(tokens[.observer]!)") { return "login refused: \(message)" }
                if case .error(_, let message) = try link.request("status") { return "status refused: \(message)" }
                let ready = (try? await BlockedSignalsTests.wait(seconds: 10) { log.contains(room.room.language?.rawValue == "vi" ? "\" sẵn sàng: " : "\" ready: ") }) ?? false
                return ready ? nil : "served, but never said it was ready"
            } catch {
                lastProblem = "\(error)"
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        return lastProblem
    }

    var log: String { (try? String(contentsOfFile: folder + "/diemcaud.log", encoding: .utf8)) ?? "" }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func secret(_ path: String, _ text: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

/// The camera and terminal simulators a run's devices are pointed at.
private struct Simulators {
    static let password = "mutant-terminal-7"
    let camera = CameraSimulator(SimulatorConfiguration(cameras: 1, model: .eviD70, timing: .instant))
    let terminal = CodecSimulator(CodecSimulator.Configuration(dialect: .poly, password: password))

    /// Points the first camera, over whatever link the file gives it, and the terminal at the simulators.
    func attach(_ room: inout RoomConfiguration, folder: String) async throws {
        if let kind = room.cameras.first?.link.kind {
            switch kind {
            case .serial, .tty:
                _ = try await camera.startPseudoTerminal(linkPath: folder + "/camera")
                room.cameras[0].link.path = folder + "/camera"
            case .udp:
                room.cameras[0].link.host = "127.0.0.1"
                room.cameras[0].link.port = Int(try await camera.startUDP(port: 0))
            case .tcp:
                room.cameras[0].link.host = "127.0.0.1"
                room.cameras[0].link.port = Int(try await camera.startTCP(port: 0))
            }
        }
        if room.terminal != nil {
            room.terminal?.host = "127.0.0.1"
            room.terminal?.port = Int(try await terminal.start())
        }
    }

    func stop() async {
        await camera.stop()
        await terminal.stop()
    }
}
