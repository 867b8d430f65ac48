import CodecSimulator
import Foundation
import TestSupport
import Testing

/// `diemcau codec` as a process against the terminal simulator: what it
/// prints and its exit status, as its `--help` documents them.
@Suite("diemcau codec", .serialized)
struct CodecCommandLineToolTests {
    /// Runs `diemcau` on a thread of its own, so that the simulator in this
    /// process answers it meanwhile.
    /// With `locale`, under `LANG=locale` (see `RoomLanguageJournalTests.run`).
    static func run(_ arguments: [String], locale: String? = nil) async -> (status: Int32, output: String) {
        await withCheckedContinuation { continuation in
            Thread {
                let result = (try? locale.map { try RoomLanguageJournalTests.run(CommandLineToolTests.tool, arguments, environment: ["LANG": $0]) }
                    ?? CommandLineToolTests.run(arguments)) ?? (-1, "diemcau did not start")
                continuation.resume(returning: result)
            }.start()
        }
    }

    /// Runs `diemcau codec ACTION` against a simulated `unit`, with a
    /// secrets file holding `password` when one is given.
    static func codec(_ action: String, _ unit: CodecSimulator.Configuration, password: String?, locale: String? = nil) async throws -> (status: Int32, output: String) {
        let simulator = CodecSimulator(unit)
        let port = try await simulator.start()
        defer { Task { await simulator.stop() } }
        var secrets = "/nonexistent/codec.secret"
        if let password {
            secrets = NSTemporaryDirectory() + "diemcau-codec-\(UUID().uuidString.prefix(8)).secret"
            try Data("password = \(password)\n".utf8).write(to: URL(fileURLWithPath: secrets))
            chmod(secrets, 0o600)
        }
        defer { if password != nil { unlink(secrets) } }
        return await run(["codec", action, "--host", "127.0.0.1", "--port", "\(port)", "--dialect", unit.dialect.rawValue, "--secrets", secrets], locale: locale)
    }

    @Test func helpDocumentsTheExitStatusesAndEveryDialect() async {
        let (status, output) = await Self.run(["codec", "--help"])
        #expect(status == 0)
        #expect(output.contains("exit status: 0 done; 64 bad command line; 68 the terminal's address does not\nresolve; 69 the terminal cannot be reached"), "\(output)")
        #expect(output.contains("77 the terminal refused the API user, password or key"))
        #expect(output.contains("78 the secrets file is missing"))
        #expect(output.contains("nothing is tried again"))
        for dialect in ["poly", "cisco", "yealink"] { #expect(output.contains("  \(dialect) ")) }
    }

    @Test func aRefusedQueryIsShownAndTheStatusIsStillRead() async throws {
        var unit = CodecSimulator.Configuration(dialect: .poly, password: "pw-1")
        unit.refusedCommands = ["whoami": "error: command not found"]
        let (status, output) = try await Self.codec("status", unit, password: "pw-1")
        #expect(status == 0, "\(output)")
        #expect(output.contains("H.323:         registered gatekeeper 10.10.0.1"), "\(output)")
        #expect(output.contains("refused:       'whoami' (error: command not found)"), "\(output)")
    }

    /// The technician's language: the table's labels and words in Vietnamese, the terminal's own words as they are.
    @Test func theStatusInVietnamese() async throws {
        var unit = CodecSimulator.Configuration(dialect: .poly, password: "pw-1")
        unit.refusedCommands = ["whoami": "error: command not found"]
        let (status, output) = try await Self.codec("status", unit, password: "pw-1", locale: "vi_VN.UTF-8")
        #expect(status == 0, "\(output)")
        #expect(output.contains("thiết bị đầu cuối: "), "\(output)")
        // The labels line up after the longest, "thiết bị đầu cuối:".
        #expect(output.contains("\nH.323:             đã đăng ký, gatekeeper 10.10.0.1\n"), "\(output)")
        #expect(output.contains("\nbị từ chối:        'whoami' (error: command not found)"), "\(output)")
    }

    @Test func aYealinkNeedsNoSecretsFile() async throws {
        let (status, output) = try await Self.codec("status", CodecSimulator.Configuration(dialect: .yealink, password: ""), password: nil)
        #expect(status == 0, "\(output)")
        #expect(output.contains("VC800, software 63.345.0.5"), "\(output)")
        #expect(output.contains("H.323:         ?"), "the API does not tell: \(output)")
    }

    @Test func aWrongPasswordIs77() async throws {
        let (status, output) = try await Self.codec("status", CodecSimulator.Configuration(dialect: .cisco, password: "right"), password: "wrong")
        #expect(status == 77, "\(output)")
        #expect(output.contains("refused the API password"))
    }

    @Test func anUnreachableTerminalIs69AndNothingPromisesAnotherTry() async throws {
        // A port that was just free: nothing listens there.
        let simulator = CodecSimulator(CodecSimulator.Configuration(dialect: .yealink, password: ""))
        let port = try await simulator.start()
        await simulator.stop()
        let (status, output) = await Self.run(["codec", "calls", "--host", "127.0.0.1", "--port", "\(port)", "--dialect", "yealink"])
        #expect(status == 69, "\(output)")
        #expect(output.contains("cannot connect to the terminal at 127.0.0.1:\(port)"), "\(output)")
        #expect(!output.contains("again"), "a one-shot command makes no second try, and says none: \(output)")
    }

    @Test func aCiscoOverSSH() async throws {
        let codecSim = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("codec-sim").path
        let door = try await SSHFrontDoor(codecSim: codecSim, password: "pw-ssh")
        defer { door.stop() }
        let secrets = door.folder + "/codec.secret"
        try Data("user = root\npassword = pw-ssh\n".utf8).write(to: URL(fileURLWithPath: secrets))
        chmod(secrets, 0o600)
        let common = ["codec", "status", "--host", "127.0.0.1", "--port", "\(door.port)", "--dialect", "cisco", "--secrets", secrets]
        let (status, output) = await Self.run(common + ["--ssh", "--known-hosts", door.knownHosts])
        #expect(status == 0, "\(output)")
        #expect(output.contains("UBND xa Tan Phu (Cisco Codec SX80"), "\(output)")
        let (keyStatus, keyOutput) = await Self.run(common + ["--ssh", "--known-hosts", door.knownHosts, "--ssh-key", door.clientKey])
        #expect(keyStatus == 0, "\(keyOutput)")
        let (usage, said) = await Self.run(common + ["--ssh"])
        #expect(usage == 64)
        #expect(said.contains("--ssh needs --known-hosts FILE"))
    }

    @Test func aMissingSecretsFileIs78() async {
        let (status, output) = await Self.run(["codec", "status", "--host", "127.0.0.1", "--dialect", "poly", "--secrets", "/nonexistent/codec.secret"])
        #expect(status == 78, "\(output)")
        #expect(output.contains("does not exist"))
    }
}
