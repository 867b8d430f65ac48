import Foundation
import Support
import Synchronization

/// A real Mosquitto for the tests, started by Scripts/broker-up: the one
/// Scripts/test started (or this checkout's default), or a private one in a
/// directory and on a port of the test's own, for tests that stop it.
/// Checked with `mosquitto_pub` and `mosquitto_sub`, which this project did not write.
public struct TestBroker: Sendable {
    public let directory: String
    public let host: String
    public let port: UInt16
    /// What broker-up was given (the directory, the port, TLS, the bridge), for `restart()`.
    let environment: [String: String]

    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared broker, with accounts for `rooms`.
    public static func shared(rooms: [String] = ["room1", "room2", "room3"]) throws -> TestBroker {
        try start(environment: ["DIEMCAU_BROKER_ROOMS": rooms.joined(separator: " ")])
    }

    /// A broker of the test's own, in a fresh directory and on a free port.
    /// `extra`: more of broker-up's settings (TLS, the bridge).
    public static func own(rooms: [String] = ["room1", "room2", "room3"], extra: [String: String] = [:]) throws -> TestBroker {
        let directory = NSTemporaryDirectory() + "diemcau-broker-" + UUID().uuidString.prefix(8)
        return try start(environment: [
            "DIEMCAU_BROKER_DIR": directory, "DIEMCAU_BROKER_PORT": String(try freePort()),
            "DIEMCAU_BROKER_ROOMS": rooms.joined(separator: " "),
        ].merging(extra) { $1 })
    }

    /// A port nothing listens on now.
    public static func freePort() throws -> UInt16 {
        guard let port = LoopbackPort.free() else { throw LoopbackSocketError(description: "cannot find a free TCP port on 127.0.0.1") }
        return port
    }

    /// Runs broker-up again in this broker's directory: starts it if it was stopped.
    public func restart() throws {
        _ = try Self.start(environment: environment)
    }

    private static func start(environment: [String: String]) throws -> TestBroker {
        let (status, output) = try runScript("broker-up", environment: environment)
        var exports: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            exports[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        guard status == 0, let dir = exports["DIEMCAU_BROKER_DIR"], let host = exports["DIEMCAU_BROKER_HOST"],
              let port = exports["DIEMCAU_BROKER_PORT"].flatMap(UInt16.init) else {
            throw LoopbackSocketError(description: "Scripts/broker-up failed (status \(status)): \(output)")
        }
        return TestBroker(directory: dir, host: host, port: port, environment: environment)
    }

    /// Stops it with Scripts/broker-down (the directory stays).
    public func stop() throws {
        _ = try Self.runScript("broker-down", environment: ["DIEMCAU_BROKER_DIR": directory])
    }

    /// Stops it and removes its directory.
    public func wipe() {
        _ = try? Self.runScript("broker-down", arguments: ["--wipe"], environment: ["DIEMCAU_BROKER_DIR": directory])
    }

    /// The path of an account's password file (what a room's fleet section names).
    public func credentialsFile(of account: String) -> String { directory + "/accounts/" + account }

    public func password(of account: String) throws -> String {
        try String(contentsOfFile: credentialsFile(of: account), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `mosquitto_pub` as `account`.
    @discardableResult
    public func publish(as account: String, topic: String, message: String, qos: Int = 1,
                        retain: Bool = false) throws -> (status: Int32, output: String) {
        var arguments = try common(account) + ["-t", topic, "-m", message, "-q", String(qos)]
        if retain { arguments.append("-r") }
        return try runToEnd("/usr/bin/mosquitto_pub", arguments)
    }

    /// A `mosquitto_sub` left running, for messages that are to come
    /// (a will, the centre's view); `lines` holds what it printed so far.
    public func subscriber(as account: String, filter: String, extra: [String] = []) throws -> Subscriber {
        try Subscriber(arguments: try common(account) + ["-t", filter, "-v", "-q", "1"] + extra)
    }

    private func common(_ account: String) throws -> [String] {
        ["-h", host, "-p", String(port), "-u", account, "-P", try password(of: account)]
    }

    /// Runs a script of Scripts/ with a fresh signal state (ChildSpawn): the
    /// test process blocks signals, and a broker that inherited that mask
    /// would not stop on SIGTERM, nor save its sessions on the way out.
    private static func runScript(_ name: String, arguments: [String] = [],
                                  environment: [String: String]) throws -> (Int32, String) {
        let output = NSTemporaryDirectory() + "broker-script-" + UUID().uuidString
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        let script = repository.appendingPathComponent("Scripts/" + name).path
        switch ChildSpawn.start([script] + arguments, environment: variables, actions: &actions) {
        case let .success(pid):
            let status = ChildProcess(pid: pid).waitForExit()
            return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
        case let .failure(failure):
            throw LoopbackSocketError(description: "cannot start \(script): errno \(failure.errno)")
        }
    }
}

/// A `mosquitto_sub` running beside the test.
public final class Subscriber: Sendable {
    private let process: Process
    private let output = LineCollector()

    init(arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mosquitto_sub")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        self.process = process
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            output.take(String(decoding: handle.availableData, as: UTF8.self))
        }
        try process.run()
    }

    public var lines: [String] { output.lines }

    /// Waits until `predicate` holds for the lines, at most `seconds`.
    public func waitFor(seconds: Double = 5, _ predicate: ([String]) -> Bool) async -> [String] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if predicate(lines) { return lines }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return lines
    }

    /// Kills it (SIGKILL: it inherited the test's blocked SIGTERM).
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Lines of text as they come, from pieces cut anywhere.
final class LineCollector: Sendable {
    private let state = Mutex<(partial: String, lines: [String])>(("", []))

    func take(_ text: String) {
        state.withLock { state in
            state.partial += text
            while let newline = state.partial.firstIndex(of: "\n") {
                state.lines.append(String(state.partial[..<newline]))
                state.partial.removeSubrange(...newline)
            }
        }
    }

    var lines: [String] { state.withLock { $0.lines } }
}
