import Foundation
import Testing

@testable import Configuration

/// The room files of issue 14: each problem named with its field and what
/// to write, every problem of a file at once, and nothing accepted that the
/// daemon would then fail on.
@Suite("Room file problems")
struct RoomFileProblemTests {
    static let demoText = try! String(
        contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Hardware/demo/room.json").path,
        encoding: .utf8)

    /// The demo room with each of `changes` (text → replacement) made once.
    static func demo(_ changes: [(String, String)]) -> String {
        var text = demoText
        for (old, new) in changes {
            precondition(text.contains(old), "the demo room has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    static func problems(_ text: String) -> [ConfigurationProblem] {
        do {
            _ = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
            return []
        } catch {
            return error.problems
        }
    }

    @Test("numbers are quoted as written, with their field and what is allowed", arguments: [
        (#""port": 4510"#, #""port": 1e308"#, "control.tcp.port: 1e308 is not a port number: give a whole number from 1 to 65535"),
        (#""left": 2"#, #""left": 1.5"#, "cameras[0].presets.left: 1.5 is not a preset slot: give a whole number from 0 to 255"),
        (#""maxConnections": 64"#, #""maxConnections": 9223372036854775808"#,
         "control.maxConnections: 9223372036854775808 is not a number of connections: give a whole number from 1 to 256"),
        (#""baud": 9600"#, #""baud": -9223372036854775809"#,
         "cameras[0].link.baud: -9223372036854775809 is not a baud rate the cameras use: give 9600 or 38400"),
        (#""idleTimeoutSeconds": 600"#, #""idleTimeoutSeconds": 1e308"#,
         "control.idleTimeoutSeconds: 1e308 is not a number of seconds to wait: give a whole number from 1 to 86400"),
        (#""idleTimeoutSeconds": 600"#, #""idleTimeoutSeconds": 1e400"#,
         "control.idleTimeoutSeconds: 1e400 is not a number of seconds to wait"),
        (#""address": 1,"#, #""address": -1,"#, "cameras[0].address: -1 is not a camera address on the chain: give a whole number from 1 to 7"),
        (#""port": 24024"#, #""port": 0"#, "terminal.port: 0 is not a port number"),
        (#""port": 24024"#, #""port": "24024""#, #"terminal.port: is text ("24024"); it should be a whole number: give a whole number from 1 to 65535"#),
    ])
    func numbers(_ old: String, _ new: String, _ message: String) {
        let found = Self.problems(Self.demo([(old, new)]))
        #expect(found.count == 1, "\(found)")
        #expect(found.first.map { "\($0)" }?.hasPrefix(message) == true, "\(found)")
    }

    @Test func wholeNumbersWrittenOtherwiseAreTheirValue() throws {
        let text = Self.demo([(#""port": 4510"#, #""port": 4.51e3"#), (#""maxConnections": 64"#, #""maxConnections": 64.0"#)])
        let configuration = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
        #expect(configuration.control.tcp?.port == 4510)
        #expect(configuration.control.maxConnections == 64)
    }

    /// Five problems, each in its own place: five reported, in the file's order.
    @Test func everyProblemAtOnce() {
        let text = Self.demo([
            (#""kind": "tty""#, #""kind": "usb""#),
            (#""name": "mic2", "device": "mic2", "#, #""name": "mic2", "#),
            (#""allowUnmuteWithoutGrant": false"#, #""allowUnmuteWithoutGrant": "no""#),
            (#""dialect": "poly""#, #""dialect": "polycom""#),
            (#""maxConnections": 64"#, #""maxConnections": 0"#),
        ])
        let found = Self.problems(text)
        #expect(found.map(\.field) == [
            "cameras[0].link.kind", "microphones[1].device", "floor.allowUnmuteWithoutGrant", "terminal.dialect", "control.maxConnections",
        ])
    }

    /// A section that cannot be read at all does not hide the others' problems.
    @Test func anUnreadableSectionDoesNotHideTheOthers() {
        let text = Self.demo([
            (#""cameras": ["#, #""cameras": {"list": ["#),
            ("\n  ],\n  \"microphones\"", "\n  ]},\n  \"microphones\""),
            (#""element": "Capture", "mute": "capture-switch", "preset": "left""#, #""element": 7, "mute": "capture-switch", "preset": "left""#),
            (#""port": 4510"#, #""port": 70000"#),
        ])
        let found = Self.problems(text)
        #expect(found.map(\.field) == ["cameras", "microphones[1].element", "control.tcp.port"], "\(found)")
        #expect(found.first?.problem == "is an object {...}; it should be a list [...]")
    }

    /// What was accepted and then failed or degraded the daemon at start.
    @Test("what the daemon could not run is refused", arguments: [
        (#""address": "127.0.0.1""#, "\"address\": \"" + String(repeating: "a", count: 100_000) + "\"",
         #"control.tcp.address: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…" (100000 characters) is 100000 bytes long: a host name has at most 253"#),
        (#""address": "127.0.0.1""#, #""address": "room-pc.local""#, #"control.tcp.address: "room-pc.local" is not an IP address to listen on"#),
        (#""element": "Capture", "mute": "capture-switch", "preset": "chair""#, #""element": "\u0000", "mute": "capture-switch", "preset": "chair""#,
         #"microphones[0].element: "\u0000" has a control character (\u0000) in it: remove it"#),
        (#""right": 3"#, #""right": 0"#, #"cameras[0].presets.wide: is slot 0, which "right" has too: give each preset its own slot"#),
        (#""name": "Nguyễn Văn An""#, #""name": """#, "room.lead.name: is empty: give the person's full name"),
        (#""phone": "0912 000 002""#, #""phone": "  ""#, "room.technicians[0].phone: is empty"),
        (#""email": "dung@tanlap.example.vn""#, #""email": "dung at tanlap""#, #"room.technicians[1].email: "dung at tanlap" is not an email address"#),
        (#""path": "/run/diemcau-demo/camera""#, #""path": "ttyUSB0""#, #"cameras[0].link.path: "ttyUSB0" is not an absolute path"#),
        (#""unixSocket": "/run/diemcau-demo/control.sock""#, "\"unixSocket\": \"/run/" + String(repeating: "x", count: 120) + "\"",
         "control.unixSocket: \"/run/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\" (125 characters) is 125 bytes long: a Unix socket path has at most 107"),
        (#""host": "127.0.0.1""#, #""host": "codec_1.example""#, #"terminal.host: "codec_1.example" is neither an IP address nor a host name"#),
        (#""profile": "sony-evi-d70""#, #""profile": "../../etc/passwd""#, #"cameras[0].profile: "../../etc/passwd" is a path, not a profile name"#),
        (#""mic2", "mic3"]"#, #""mic2", "mic9"]"#, #"groups.delegates[1]: "mic9" is not a microphone"#),
        (#""delegates": ["#, #""chair": ["#, "groups.chair: has the name of a microphone"),
        (#""wide": "wide""#, #""wide": "overview""#, #"framing.wide: "overview" is not a preset of any camera: the named presets are chair, left, privacy, right, wide"#),
    ])
    func refusedBeforeTheDaemonNeedsIt(_ old: String, _ new: String, _ message: String) {
        let found = Self.problems(Self.demo([(old, new)]))
        #expect(found.count == 1, "\(found)")
        #expect(found.first.map { "\($0)" }?.hasPrefix(message) == true, "\(found)")
    }

    @Test func aPresetNameThatIsNotANameIsNamedQuoted() {
        let found = Self.problems(Self.demo([(#""left": 2"#, #""le\nft": 2"#)]))
        #expect(found.map(\.field) == [#"cameras[0].presets["le\nft"]"#, "microphones[1].preset"], "\(found)")
        #expect(found.first?.problem.hasPrefix("the name \"le\\nft\" has a control character") == true, "\(found)")
    }

    @Test func localhostIsAPlaceToListen() throws {
        let text = Self.demo([(#""address": "127.0.0.1""#, #""address": "localhost""#)])
        #expect(try ConfigurationFile.parse(Data(text.utf8), file: "room.json").control.tcp?.address == "localhost")
    }

    @Test func aFieldGivenTwiceIsPointedAt() {
        let text = Self.demo([(#""port": 4510,"#, #""port": 4510, "port": 4511,"#)])
        #expect {
            _ = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
        } throws: { error in
            "\(error)".contains(#"the field "port" of control.tcp is given twice: keep one at line 30, column 52"#)
        }
    }

    @Test func aUTF16FileIsNamed() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.demoText.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect {
            _ = try ConfigurationFile.parse(Data(bytes), file: "room.json")
        } throws: { error in
            "\(error)".contains("save it as UTF-8 at line 1, column 1")
        }
    }

    /// What only the room PC can judge is listed, field by field.
    @Test func theDemoRoomLeavesItsDevicesAndSecretsToTheRoomPC() throws {
        let configuration = try ConfigurationFile.parse(Data(Self.demoText.utf8), file: "room.json")
        #expect(configuration.machineChecks.map(\.field) == [
            "stateDirectory", "cameras[0].profile", "cameras[0].link.path",
            "microphones[0].device", "microphones[1].device", "microphones[2].device",
            "terminal.secrets", "control.tcp", "control.unixSocket", "control.secrets",
        ])
    }
}
