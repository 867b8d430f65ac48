import Foundation
import TestSupport
import Testing

/// The technician's `diemcau` as a process: what it prints and its exit
/// status for the configuration checks a technician runs before a restart.
@Suite("diemcau config check")
struct CommandLineToolTests {
    static let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("diemcau").path
    static let demoRoom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Hardware/demo/room.json").path

    /// Runs `diemcau` with `arguments`; its exit status and its output (stdout and stderr together).
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runToEnd(tool, arguments)
    }

    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "diemcau-cli-\(UUID().uuidString.prefix(8)).json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theDemoRoomIsValid() throws {
        let (status, output) = try Self.run(["config", "check", "--config", Self.demoRoom])
        #expect(status == 0)
        #expect(output.contains("valid. Room \"Demo: UBND xã Tân Lập\", 1 camera, 3 microphones"))
    }

    @Test func aTrailingCommaIsPointedAt() throws {
        let path = try Self.file("{\n  \"room\": {\"name\": \"Phòng họp\",},\n}\n")
        defer { unlink(path) }
        let (status, output) = try Self.run(["config", "check", "--config", path])
        #expect(status == 1)
        #expect(output.contains("\(path): is not valid JSON: a comma after the last field: JSON allows none, remove it at line 2, column 31"), "\(output)")
    }

    @Test func aMisspelledFieldGetsADidYouMean() throws {
        let demo = try String(contentsOfFile: Self.demoRoom, encoding: .utf8)
        let path = try Self.file(demo.replacingOccurrences(of: "\"maxConnections\"", with: "\"maxConection\""))
        defer { unlink(path) }
        let (status, output) = try Self.run(["config", "check", "--config", path])
        #expect(status == 1)
        #expect(output.contains("control.maxConection: unknown field: did you mean \"maxConnections\"?"), "\(output)")
    }

    @Test func aMissingFileSaysWhy() throws {
        let (status, output) = try Self.run(["config", "check", "--config", "/nonexistent/room.json"])
        #expect(status == 1)
        #expect(output.contains("No such file or directory"), "\(output)")
    }

    @Test func aWrongOptionIsAUsageError() throws {
        let (status, output) = try Self.run(["config", "check", "--room", Self.demoRoom])
        #expect(status == 64)
        #expect(output.contains("unknown option '--room'"), "\(output)")
        #expect(output.contains("usage: diemcau config check [PATH | --config PATH]"), "\(output)")
    }

    /// What a newcomer types first: the path without --config.
    @Test func aPathWithoutConfigIsChecked() throws {
        let (status, output) = try Self.run(["config", "check", Self.demoRoom])
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(Self.demoRoom): valid."), "\(output)")
    }

    @Test func twoPathsAreAUsageErrorThatSaysSo() throws {
        let (status, output) = try Self.run(["config", "check", Self.demoRoom, "--config", "/etc/diemcau/room.json"])
        #expect(status == 64)
        #expect(output.contains("one room file at a time; given 2: \(Self.demoRoom), /etc/diemcau/room.json"), "\(output)")
    }

    /// Devices, secrets and the address to listen on are left to the room PC, and said so.
    @Test func whatOnlyTheRoomPCCanJudgeIsListed() throws {
        let (status, output) = try Self.run(["config", "check", Self.demoRoom])
        #expect(status == 0)
        let folder = URL(fileURLWithPath: Self.demoRoom).deletingLastPathComponent().path
        #expect(output.contains("checked only on the room PC: control.secrets: \(folder)/control.tokens must hold the role tokens"), "\(output)")
        #expect(output.contains("checked only on the room PC: cameras[0].link.path: /run/diemcau-demo/camera must be the camera's serial device"))
    }

    /// Every problem is listed, and counted.
    @Test func everyProblemIsCounted() throws {
        let demo = try String(contentsOfFile: Self.demoRoom, encoding: .utf8)
        let path = try Self.file(
            demo.replacingOccurrences(of: "\"kind\": \"tty\"", with: "\"kind\": \"usb\"")
                .replacingOccurrences(of: "\"port\": 4510", with: "\"port\": 1e308")
                .replacingOccurrences(of: "\"right\": 3", with: "\"right\": 0"))
        defer { unlink(path) }
        let (status, output) = try Self.run(["config", "check", path])
        #expect(status == 1)
        #expect(output.contains("\(path): cameras[0].link.kind: \"usb\" is not a kind of link: give one of serial, tty, udp, tcp"), "\(output)")
        #expect(output.contains("\(path): cameras[0].presets.wide: is slot 0, which \"right\" has too"), "\(output)")
        #expect(output.contains("\(path): control.tcp.port: 1e308 is not a port number: give a whole number from 1 to 65535"), "\(output)")
        #expect(output.contains("3 problems found; the daemon will not start with this file."), "\(output)")
    }

    /// `config init` writes a commented file that `config check` accepts, and
    /// never replaces a technician's file unasked.
    @Test func initWritesARoomFileThatCheckAccepts() throws {
        let path = NSTemporaryDirectory() + "diemcau-init-\(UUID().uuidString.prefix(8)).json"
        defer { unlink(path) }
        let (status, output) = try Self.run([
            "config", "init", "--name", "UBND xã \"Tân Lập\"", "--lead", "Nguyễn Văn An", "--lead-position", "Chủ tịch",
            "--lead-phone", "0912 000 001", "--camera-port", "/dev/ttyUSB0", "--camera-profile", "sony-evi-d70",
            "--mic", "chair=hw:CARD=Device:Mic", "--mic", "mic2=hw:CARD=Device", "--terminal", "poly",
            "--terminal-host", "192.168.1.20", "--output", path,
        ])
        #expect(status == 0, "\(output)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"//\": "), "\(text)")
        #expect(text.contains("\"language\": \"vi\""), "the room speaks Vietnamese unless the technician changes it:\n\(text)")
        let (checked, report) = try Self.run(["config", "check", path])
        #expect(checked == 0, "\(report)")
        #expect(report.contains("valid. Room \"UBND xã \"Tân Lập\"\", 1 camera, 2 microphones, poly terminal at 192.168.1.20."), "\(report)")

        let (again, refusal) = try Self.run(["config", "init", "--name", "Other", "--no-camera", "--output", path])
        #expect(again == 1)
        #expect(refusal.contains("exists; it is kept (--force replaces it)"), "\(refusal)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func initWithoutARoomNameIsAUsageError() throws {
        let (status, output) = try Self.run(["config", "init", "--no-camera"])
        #expect(status == 64)
        #expect(output.contains("the room needs a name"), "\(output)")
    }
}
