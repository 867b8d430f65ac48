@testable import Codec
import CodecSimulator
import Foundation
import Testing

/// Cisco's xAPI over SSH, through the system's OpenSSH client, against a
/// real sshd on loopback whose ForceCommand runs codec-sim (`SSHFrontDoor`).
@Suite(.serialized) struct SSHTransportTests {
    static let codecSim = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("codec-sim").path
    static let password = "S3cret-pw'$x"

    struct Rig {
        let door: SSHFrontDoor
        let client: TerminalClient
        let recorder: EventRecorder
        let log: LogLines
    }

    /// A client to a fresh front door; `key` chooses key authentication,
    /// otherwise `password` goes through SSH_ASKPASS.
    func rig(key: Bool, password: String = Self.password, knownHosts: String? = nil) async throws -> Rig {
        let door = try await SSHFrontDoor(codecSim: Self.codecSim, password: Self.password)
        var options = TerminalClient.Options()
        options.pacing = .milliseconds(20)
        options.firstReconnectDelay = .milliseconds(200)
        let log = LogLines()
        options.log = { log.append($0.description) }
        let access = SSHAccess(knownHosts: knownHosts ?? door.knownHosts, identityFile: key ? door.clientKey : nil)
        let client = TerminalClient(
            host: "127.0.0.1", port: door.port, dialect: CiscoDialect(),
            credentials: TerminalCredentials(user: door.user, password: key ? "" : password), transport: .ssh(access), options: options)
        return Rig(door: door, client: client, recorder: EventRecorder(client), log: log)
    }

    @Test(arguments: [true, false])
    func theSameXAPILinesOverSSH(key: Bool) async throws {
        let sessionFolders = { try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("diemcau-ssh.") } }
        let before = Set(try sessionFolders())
        let rig = try await rig(key: key)
        defer { rig.door.stop() }
        try await rig.client.connect()
        let state = await rig.client.state
        #expect(state.connection == .online)
        #expect(state.identity == TerminalIdentity(systemName: "UBND xa Tan Phu", model: "Cisco Codec SX80", softwareVersion: "ce9.15.3.17 2fdb8f9d4b0"))
        #expect(state.registration.h323 == .registered)
        #expect(try await rig.client.nearMute() == false, "each answer closed by ** end and OK")
        #expect(rig.log.all.contains { $0.contains("connected over SSH as root") })
        #expect(!rig.log.all.contains { $0.contains(Self.password) }, "the password never reaches the log")
        await rig.client.stop()
        #expect(rig.door.log.contains(key ? "Accepted publickey for root" : "Accepted password for root"), "\(rig.door.log)")
        let left = Set(try sessionFolders()).subtracting(before)
        #expect(left.isEmpty, "the session's folder went with it: \(left)")
    }

    @Test func theAskpassHelperHoldsNoSecret() throws {
        let folder = try SSHSessionFolder()
        defer { folder.remove() }
        let script = try String(contentsOfFile: folder.askpass, encoding: .utf8)
        #expect(script == "#!/bin/sh\nprintf '%s\\n' \"$DIEMCAU_SSH_PASSWORD\"\n")
        var info = stat()
        #expect(stat(folder.path, &info) == 0)
        #expect(info.st_mode & 0o077 == 0, "the folder is the daemon's alone")
    }

    @Test func aWrongPasswordIsRefusedOnceAndNeverRetried() async throws {
        let rig = try await rig(key: false, password: "wrong")
        defer { rig.door.stop() }
        await rig.client.start()
        let stopped = await rig.recorder.first { if case .stopped = $0 { true } else { false } }
        guard case let .stopped(reason) = stopped else {
            Issue.record("no stopped event: \(await rig.recorder.events)")
            return
        }
        #expect(reason.description.contains("refused the API password"), "\(reason)")
        #expect(reason.description.contains("Permission denied"), "\(reason)")
        try await Task.sleep(for: .milliseconds(600))
        #expect(rig.door.log.components(separatedBy: "Failed password for root").count - 1 == 1, "one try, no lockout: \(rig.door.log)")
    }

    @Test(arguments: [true, false])
    func aHostKeyTheRoomDoesNotHoldIsRefusedBeforeAnythingIsSent(changed: Bool) async throws {
        let door = try await SSHFrontDoor(codecSim: Self.codecSim, password: Self.password)
        defer { door.stop() }
        // The room's file holds another key for this address (a replaced
        // terminal, or someone in between), or none at all.
        let knownHosts = door.folder + "/room_known_hosts"
        let otherKey = try String(contentsOfFile: door.clientKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try (changed ? "[127.0.0.1]:\(door.port) \(otherKey)\n" : "").write(toFile: knownHosts, atomically: true, encoding: .utf8)
        let client = TerminalClient(
            host: "127.0.0.1", port: door.port, dialect: CiscoDialect(), credentials: TerminalCredentials(user: door.user, password: ""),
            transport: .ssh(SSHAccess(knownHosts: knownHosts, identityFile: door.clientKey)))
        do {
            try await client.connect()
            Issue.record("connected to a host whose key the room does not hold")
        } catch let error as CodecError {
            guard case let .hostKeyRejected(_, _, file, detail) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file == knownHosts)
            #expect(detail.contains(changed ? "has changed" : "host key is known"), "\(detail)")
            #expect(error.description.contains("nothing was sent"))
        }
        #expect(!door.log.contains("Accepted"), "\(door.log)")
        #expect(try String(contentsOfFile: knownHosts, encoding: .utf8).count == (changed ? 1 : 0) * (otherKey.count + "[127.0.0.1]:\(door.port) \n".count), "the room's file is never written")
    }

    @Test func aTerminalReachableOnlyOverSSHIsSaidSoWhenTelnetFails() async throws {
        let door = try await SSHFrontDoor(codecSim: Self.codecSim, password: Self.password)
        defer { door.stop() }
        // Telnet: a port where nothing listens, as on a room device with Telnet off.
        let placeholder = CodecSimulator(CodecSimulator.Configuration(dialect: .cisco, password: "x"))
        let closed = try await placeholder.start()
        await placeholder.stop()
        var options = TerminalClient.Options()
        options.sshProbePort = door.port
        let client = TerminalClient(host: "127.0.0.1", port: closed, dialect: CiscoDialect(), credentials: TerminalCredentials(password: "x"), options: options)
        await #expect(throws: CodecError.onlySSH(host: "127.0.0.1", telnetPort: closed, sshPort: door.port)) { try await client.connect() }
        #expect(CodecError.onlySSH(host: "h", telnetPort: 23, sshPort: 22).description.contains("reachable over SSH only"))
    }
}
