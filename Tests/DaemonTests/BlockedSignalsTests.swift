import Foundation
import Testing

/// A daemon started by a program whose thread had SIGTERM and SIGHUP
/// blocked inherits that mask (as it does from a Dispatch worker thread,
/// which blocks them). It must still hear systemd's signals.
@Suite("signals reach a daemon started with them blocked")
struct BlockedSignalsTests {
    static let daemon = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("diemcaud").path

    @Test func sigtermStillStopsItCleanly() async throws {
        let directory = NSTemporaryDirectory() + "diemcaud-blocked-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tokens = directory + "/control.tokens"
        _ = FileManager.default.createFile(
            atPath: tokens, contents: Data("mcu mcu-token-0123456789\ntechnician tech-token-0123456789\nobserver obs-token-0123456789\n".utf8),
            attributes: [.posixPermissions: 0o600])
        let room = directory + "/room.json"
        try Data("""
            {
              "room": { "name": "Blocked", "lead": { "name": "A", "position": "B", "phone": "1" },
                        "technician": { "name": "C", "position": "D", "phone": "2" } },
              "cameras": [], "microphones": [],
              "control": { "unixSocket": "\(directory)/control.sock", "secrets": "\(tokens)" },
              "stateDirectory": "\(directory)/state"
            }
            """.utf8).write(to: URL(fileURLWithPath: room))
        let log = directory + "/diemcaud.log"

        // posix_spawn with every catchable signal blocked in the child.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var blocked = sigset_t()
        sigfillset(&blocked)
        posix_spawnattr_setsigmask(&attributes, &blocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let arguments = [Self.daemon, "--config", room]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, Self.daemon, &actions, &attributes, &argv, environ) == 0)

        let ready = try await Self.wait(seconds: 10) { (try? String(contentsOfFile: log, encoding: .utf8))?.contains("ready") == true }
        #expect(ready, "the daemon did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        let status = try #require(try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))
        #expect(!status.contains("SigBlk:\t0000000000000000"), "the main thread inherited the blocked mask, which is what this test is about")

        kill(pid, SIGTERM)
        var exitStatus: Int32 = 0
        let ended = try await Self.wait(seconds: 10) { waitpid(pid, &exitStatus, WNOHANG) == pid }
        if !ended { kill(pid, SIGKILL); waitpid(pid, &exitStatus, 0) }
        #expect(ended, "SIGTERM did not end it")
        #expect(exitStatus == 0, "exit status \(exitStatus)")
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(text.contains("SIGTERM: stopping"), "\(text)")
    }

    static func wait(seconds: Double, until condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
