import Camera
import Codec
import Foundation
import Microphones
import Testing

@testable import Configuration

/// What the room file says reaches each driver as said: the configuration
/// builds the drivers' own settings, and nothing is dropped or stood in for
/// on the way (issue 17).
@Suite struct DriverSettingsTests {
    private func parse(_ sections: String) throws -> RoomConfiguration {
        let text = """
            {"room": {"name": "Phòng họp"}, "control": {"unixSocket": "/run/diemcau/control.sock", "secrets": "tokens"}, \(sections)}
            """
        return try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
    }

    @Test func aCamerasLinkAndAddressReachTheDriverWithTheProfilesDefaultsForWhatTheFileLeavesOut() throws {
        let room = try parse("""
            "microphones": [], "cameras": [
              {"name": "a", "profile": "p", "link": {"kind": "serial", "path": "/dev/ttyUSB0"}, "address": 3},
              {"name": "b", "profile": "p", "link": {"kind": "tty", "path": "/dev/pts/4", "baud": 38400}},
              {"name": "c", "profile": "p", "link": {"kind": "udp", "host": "10.0.0.5"}},
              {"name": "d", "profile": "p", "link": {"kind": "tcp", "host": "10.0.0.6", "port": 5679}, "address": 1}]
            """)
        var profile = CameraProfile.generic
        profile.defaultBaud = 38400
        profile.udpPort = 52000
        let lines = room.cameras.map { $0.connection(profile: profile) }
        #expect(lines.map(\.description) == ["/dev/ttyUSB0", "/dev/pts/4", "udp 10.0.0.5:52000", "tcp 10.0.0.6:5679"])
        guard case .serial(_, let baud) = lines[0].transport, case .tty(_, let ttyBaud) = lines[1].transport else {
            Issue.record("not a serial and a tty line: \(lines)")
            return
        }
        #expect(baud == 38400)
        #expect(ttyBaud == 38400)
        #expect(lines.map(\.isDaisyChain) == [true, true, false, false])
        #expect(room.cameras.map(\.chainAddress) == [3, 1, 1, 1])
    }

    @Test func aMicrophonesMuteControlAndIndexReachItsChannel() throws {
        let room = try parse("""
            "cameras": [], "microphones": [
              {"name": "chair", "device": "hw:CARD=Device", "element": "Mic", "index": 2, "mute": "playback-volume"},
              {"name": "left", "device": "room2", "element": "Capture"}]
            """)
        #expect(room.microphones.map(\.channel) == [
            MicChannel(name: "chair", device: "hw:CARD=Device", element: "Mic", index: 2, control: .playbackVolume),
            MicChannel(name: "left", device: "room2", element: "Capture", index: 0, control: .captureSwitch),
        ])
    }

    @Test(arguments: DialectKind.allCases)
    func theRoomFilesDialectIsTheClientsDialect(_ kind: DialectKind) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diemcau-dialect-\(getpid())-\(kind.rawValue)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secrets = directory.appendingPathComponent("terminal").path
        #expect(FileManager.default.createFile(atPath: secrets, contents: Data("password = pw\n".utf8), attributes: [.posixPermissions: 0o600]))
        let room = try parse("""
            "cameras": [], "microphones": [], "terminal": {"dialect": "\(kind.rawValue)", "host": "10.0.0.9", "secrets": "\(secrets)"}
            """)
        let client = try #require(try room.terminal?.client(log: nil))
        #expect(client.dialect.kind == kind)
        #expect(client.host == "10.0.0.9")
        #expect(client.port == kind.dialect.defaultPort)
        #expect(client.transport == .telnet)
    }

    @Test func sshReachesTheClientOnlyForADialectThatOffersIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diemcau-ssh-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secrets = directory.appendingPathComponent("terminal").path
        #expect(FileManager.default.createFile(atPath: secrets, contents: Data("password = pw\n".utf8), attributes: [.posixPermissions: 0o600]))
        func terminal(_ dialect: String) throws -> TerminalSetup? {
            try parse("""
                "cameras": [], "microphones": [], "terminal": {"dialect": "\(dialect)", "host": "h", "port": 2222,
                  "secrets": "\(secrets)", "transport": "ssh", "knownHosts": "kh", "sshKey": "id"}
                """).terminal
        }
        let cisco = try #require(try terminal("cisco")?.client(log: nil))
        #expect(cisco.port == 2222)
        #expect(cisco.transport == .ssh(SSHAccess(knownHosts: "kh", identityFile: "id")))
        #expect(throws: CodecError.self) { try terminal("poly")?.client(log: nil) }
    }

    @Test func theUPSsServerReachesThePowerClient() throws {
        let room = try parse(#""cameras": [], "microphones": [], "power": {"host": "10.0.0.7", "ups": "rack"}"#)
        #expect(room.power?.client.server.host == "10.0.0.7")
        #expect(room.power?.client.server.port == 3493)
        let other = try parse(#""cameras": [], "microphones": [], "power": {"host": "ups.local", "port": 3500, "ups": "rack"}"#)
        #expect(other.power?.client.server.port == 3500)
    }
}
