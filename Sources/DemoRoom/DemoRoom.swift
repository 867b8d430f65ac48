import CameraSimulator
import Codec
import CodecSimulator
import Configuration
import Control
import Foundation
import Logbook
import PulseProbe
import Room
import Support
import VISCA

/// A whole room with no hardware: the camera simulator on a pseudo-terminal,
/// the terminal simulator on loopback, PulseAudio null sources as
/// microphones (started beforehand by `Scripts/pulse-up`), and the real
/// `diemcaud` as a child process, configured from `Hardware/demo/room.json`.
/// The demo command and the end-to-end tests both run it.
public actor DemoRoom {
    public struct Options: Sendable {
        /// The folder for the run: configuration, secrets, sockets, state.
        public var runDirectory: String
        /// The `diemcaud` executable.
        public var daemon: String
        /// The demo room's configuration, used as the template.
        public var template: String
        /// The asound.conf defining the microphones' ctl devices (`$DIEMCAU_ALSA_CONF`).
        public var alsaConfiguration: String?
        /// The ctl devices (and PulseAudio sources) of the microphones, in the
        /// template's order, when they differ from the template's.
        public var microphoneDevices: [String]?
        /// Any other change to the configuration the run needs (tests).
        public var adjust: (@Sendable (inout RoomConfiguration) -> Void)?
        /// A terminal already listening on this loopback port (a `codec-sim`
        /// process a test can stop with SIGSTOP) instead of the in-process one.
        public var terminalPort: UInt16?
        /// The control tokens, when a test needs known ones (the protocol
        /// document's); new random ones otherwise.
        public var tokens: [Role: String]?
        /// How many cameras the simulated daisy chain holds (the room's camera
        /// is the one at `cameras[0].address`).
        public var chainedCameras = 1

        public init(
            runDirectory: String, daemon: String, template: String, alsaConfiguration: String?,
            microphoneDevices: [String]? = nil
        ) {
            self.runDirectory = runDirectory
            self.daemon = daemon
            self.template = template
            self.alsaConfiguration = alsaConfiguration
            self.microphoneDevices = microphoneDevices
        }
    }

    public nonisolated let options: Options
    public let camera: CameraSimulator
    public let terminal: CodecSimulator
    public private(set) var configuration: RoomConfiguration?
    /// From starting the process to its READY=1, in seconds.
    public private(set) var secondsToReady: Double?
    private var process: Process?
    private var notify: NotifyListener?
    private var tokens: [Role: String] = [:]
    private let mcuLane = ControlLane(name: "mcu")
    private let technicianLane = ControlLane(name: "technician")
    private let eventLane = ControlLane(name: "events")
    private var startedAt = Date()
    /// What one step of a script leaves for a later one (an incident's number).
    public private(set) var memory: [String: String] = [:]

    public func remember(_ key: String, _ value: String) {
        memory[key] = value
    }

    public init(_ options: Options) {
        self.options = options
        camera = CameraSimulator(SimulatorConfiguration(
            cameras: options.chainedCameras, model: .eviD70, timing: .fullPan(.milliseconds(600), of: .eviD70)))
        terminal = CodecSimulator(CodecSimulator.Configuration(dialect: .poly, password: "demo-password-7"))
    }

    /// Starts the simulators and the daemon, and waits for READY=1.
    public func start() async throws {
        startedAt = Date()
        let run = options.runDirectory
        try FileManager.default.createDirectory(atPath: run + "/state", withIntermediateDirectories: true)
        let cameraPath = run + "/camera"
        _ = try await camera.startPseudoTerminal(linkPath: cameraPath)
        let terminalPort: UInt16
        if let external = options.terminalPort { terminalPort = external } else { terminalPort = try await terminal.start() }

        var configuration = try ConfigurationFile.load(options.template)
        configuration.stateDirectory = run + "/state"
        configuration.alsaConfiguration = options.alsaConfiguration
        configuration.cameras[0].link.path = cameraPath
        for (index, device) in (options.microphoneDevices ?? []).enumerated() where index < configuration.microphones.count {
            configuration.microphones[index].device = device
        }
        options.adjust?(&configuration)
        configuration.terminal?.port = Int(terminalPort)
        configuration.terminal?.secrets = run + "/terminal.secret"
        configuration.control.unixSocket = run + "/control.sock"
        configuration.control.secrets = run + "/control.tokens"
        configuration.control.tcp?.port = try Self.freePort()
        self.configuration = configuration

        for role in Role.allCases { tokens[role] = options.tokens?[role] ?? Self.token() }
        try Self.writeSecret(
            run + "/control.tokens", Role.allCases.map { "\($0.rawValue) \(tokens[$0]!)" }.joined(separator: "\n") + "\n")
        try Self.writeSecret(run + "/terminal.secret", "user = admin\npassword = demo-password-7\n")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(configuration).write(to: URL(fileURLWithPath: run + "/room.json"))

        let notify = try NotifyListener(path: run + "/notify.sock")
        self.notify = notify
        let process = Process()
        process.executableURL = URL(fileURLWithPath: options.daemon)
        process.arguments = ["--config", run + "/room.json"]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment["WATCHDOG_USEC"] = "10000000"
        environment.removeValue(forKey: "WATCHDOG_PID")
        process.environment = environment
        _ = FileManager.default.createFile(atPath: run + "/diemcaud.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: run + "/diemcaud.log")
        let launched = Date()
        try process.run()
        self.process = process

        let ready = await Self.offThread { () -> Bool in
            while let message = notify.next(timeout: 20) {
                if message["READY"] == "1" { return true }
            }
            return false
        }
        guard ready else {
            throw DemoError.daemon("no READY=1 within 20 s; its log:\n" + daemonLog())
        }
        secondsToReady = Date().timeIntervalSince(launched)

        let tcp = configuration.control.tcp!
        let mcuToken = tokens[.mcu]!, technicianToken = tokens[.technician]!, observerToken = tokens[.observer]!
        let socketPath = configuration.control.unixSocket!
        try await mcuLane.run { link in
            let opened = try ControlLink(host: "127.0.0.1", port: UInt16(tcp.port))
            try opened.greet { mcuToken }
            link = opened
        }
        try await technicianLane.run { link in
            let opened = try ControlLink(socketPath: socketPath)
            try opened.greet { technicianToken }
            link = opened
        }
        try await eventLane.run { link in
            let opened = try ControlLink(socketPath: socketPath)
            try opened.greet { observerToken }
            _ = try opened.request("events on")
            link = opened
        }
    }

    /// Waits for the next `STATUS=` the daemon sends systemd that `matches`,
    /// at most `timeout` seconds; other notify messages are skipped.
    public func status(timeout: Double = 10, where matches: @escaping @Sendable (String) -> Bool) async -> String? {
        guard let notify else { return nil }
        return await Self.offThread { () -> String? in
            let deadline = Date().addingTimeInterval(timeout)
            while deadline.timeIntervalSinceNow > 0, let message = notify.next(timeout: deadline.timeIntervalSinceNow) {
                if let status = message["STATUS"], matches(status) { return status }
            }
            return nil
        }
    }

    /// The token a role logs in with, once the room is started.
    public func token(_ role: Role) -> String? { tokens[role] }

    /// The TCP port the daemon's control protocol listens on, once the room is started.
    public var controlPort: UInt16? { configuration?.control.tcp.map { UInt16($0.port) } }

    /// A command from the MCU centre, over TCP.
    public func mcu(_ line: String) async throws -> ControlReply {
        try await mcuLane.run { link in try link!.request(line) }
    }

    /// A command from the room's technician, over the local socket.
    public func technician(_ line: String) async throws -> ControlReply {
        try await technicianLane.run { link in try link!.request(line) }
    }

    /// Waits for the next event with `topic` (others are skipped), at most `timeout` seconds.
    public func event(_ topic: String, timeout: Double = 10) async throws -> ControlEvent? {
        try await event(timeout: timeout) { $0.topic == topic }
    }

    /// Waits for the next event `matches` accepts (others are skipped), at most `timeout` seconds.
    public func event(timeout: Double = 10, where matches: @escaping @Sendable (ControlEvent) -> Bool) async throws -> ControlEvent? {
        try await eventLane.run { link in
            let deadline = Date().addingTimeInterval(timeout)
            while deadline.timeIntervalSinceNow > 0 {
                guard case .event(let event) = try? link!.nextLine(timeout: deadline.timeIntervalSinceNow) else { continue }
                if matches(event) { return event }
            }
            return nil
        }
    }

    /// Collects events until every topic in `topics` has come (in any order),
    /// at most `timeout` seconds; returns what came, first of each topic.
    public func events(_ topics: Set<String>, timeout: Double = 10) async throws -> [String: ControlEvent] {
        try await eventLane.run { link in
            var found: [String: ControlEvent] = [:]
            let deadline = Date().addingTimeInterval(timeout)
            while deadline.timeIntervalSinceNow > 0, !topics.isSubset(of: found.keys) {
                guard case .event(let event) = try? link!.nextLine(timeout: deadline.timeIntervalSinceNow) else { continue }
                if topics.contains(event.topic), found[event.topic] == nil { found[event.topic] = event }
            }
            return found
        }
    }

    /// The daemon's stderr so far.
    public nonisolated func daemonLog() -> String {
        (try? String(contentsOfFile: options.runDirectory + "/diemcaud.log", encoding: .utf8)) ?? ""
    }

    /// The daemon's process id, while it runs.
    public var processIdentifier: Int32? {
        guard let process, process.isRunning else { return nil }
        return process.processIdentifier
    }

    /// Sends the daemon a signal; false when it is not running.
    public func signal(_ number: Int32) -> Bool {
        guard let process, process.isRunning else { return false }
        return kill(process.processIdentifier, number) == 0
    }

    /// SIGTERM, then the exit status (nil when it had to be killed after `timeout`).
    public func stop(timeout: Double = 15) async -> Int32? {
        guard let process, process.isRunning else { return process?.terminationStatus }
        process.terminate()
        let exited = await Self.offThread { () -> Bool in
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && deadline.timeIntervalSinceNow > 0 { usleep(20_000) }
            return !process.isRunning
        }
        if !exited {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// Stops the simulators too.
    public func tearDown() async {
        _ = await stop()
        await camera.stop()
        await terminal.stop()
    }

    /// The logbook of this run: every entry, then the period report.
    public func logbook() throws -> (entries: String, report: String) {
        let reader = LogbookReader(directory: options.runDirectory + "/state/logbook")
        let period = DateInterval(start: startedAt.addingTimeInterval(-60), end: Date().addingTimeInterval(60))
        return (try reader.read(period).text(), try reader.report(period).text())
    }

    /// The PulseAudio source behind each microphone channel (the demo's ctl
    /// devices are named after their sources).
    public func sources() -> [String: String] {
        Dictionary(uniqueKeysWithValues: (configuration?.microphones ?? []).map { ($0.name, $0.device) })
    }

    /// Whether PulseAudio says the source is muted, asked with `pactl`, which this project did not write.
    public nonisolated func pulseSourceMuted(_ source: String) -> Bool? {
        Pulse.sourceMuted(source)
    }

    // MARK: Helpers

    static func offThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    static func token() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<20).map { _ in alphabet.randomElement()! })
    }

    static func writeSecret(_ path: String, _ text: String) throws {
        unlink(path)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DemoError.setup("cannot write \(path)")
        }
    }

    /// A TCP port nobody listens on now, for the daemon's control endpoint.
    public static func freePort() throws -> Int {
        guard let port = LoopbackPort.free() else { throw DemoError.setup("cannot find a free TCP port on 127.0.0.1") }
        return Int(port)
    }
}
