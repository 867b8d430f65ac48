import DemoRoom
import Foundation
import TestSupport
import Testing

/// The technician's `diemcau` against the real daemon, over the room's Unix
/// socket as a technician at the room PC uses it: what it prints, its exit
/// status, and what reaches the logbook.
@Suite("diemcau against the running room", .serialized)
struct CommandLineRoomTests {
    static var tool: String { CommandLineToolTests.tool }

    @Test func statusSendAndRefusalsOverTheUnixSocket() async throws {
        let room = try RoomFixture.make("cli")
        try await room.start()
        let configuration = room.options.runDirectory + "/room.json"
        do {
            let status = try runToEnd(Self.tool, ["status", "--config", configuration])
            #expect(status.status == 0, "\(status.output)")
            #expect(status.output.hasPrefix("OK status "), "\(status.output)")
            #expect(status.output.contains("phase=idle") && status.output.contains("camera=online"), "\(status.output)")

            let note = try runToEnd(Self.tool, ["send", "--config", configuration, "note", "microphone 3 replaced"])
            #expect(note.status == 0, "\(note.output)")

            // An observer may look but not give the floor: ERR, exit status 1.
            let refused = try runToEnd(Self.tool, ["send", "--config", configuration, "--role", "observer", "floor", "grant", "mic2"])
            #expect(refused.status == 1, "\(refused.output)")
            #expect(refused.output.hasPrefix("ERR "), "\(refused.output)")

            let usage = try runToEnd(Self.tool, ["send", "--config", configuration, "--role", "chairman", "status"])
            #expect(usage.status == 64, "\(usage.output)")
            #expect(usage.output.contains("--role takes mcu, technician or observer"), "\(usage.output)")
        } catch {
            Issue.record("\(error)\n--- diemcaud's log ---\n\(room.daemonLog())")
        }
        #expect(await room.stop() == 0)
        await room.tearDown()

        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("microphone 3 replaced"), "\(logbook.entries)")

        // The daemon is gone: the tool says so, with its own exit status.
        let unreachable = try runToEnd(Self.tool, ["status", "--config", configuration])
        #expect(unreachable.status == 69, "\(unreachable.output)")
        #expect(unreachable.output.hasPrefix("diemcau status: "), "\(unreachable.output)")
    }

    /// `diemcau check` in the technician's language (LANG=vi_VN.UTF-8): the
    /// checks, verdicts and the last line in Vietnamese, the exit status the same.
    @Test func theReadinessTableInVietnamese() async throws {
        let room = try RoomFixture.make("cli-vi")
        try await room.start()
        let configuration = room.options.runDirectory + "/room.json"
        do {
            let check = try LogbookCommandLineTests.run(["check", "--config", configuration], lang: "vi_VN.UTF-8")
            let lines = check.output.split(separator: "\n").map(String.init)
            #expect(lines.last == (check.status == 0 ? "SẴN SÀNG" : "CHƯA SẴN SÀNG"), "\(check.output)\(check.errors)")
            // The details come said in the connection's language, set from LANG (issue 15).
            #expect(lines.contains { $0.hasPrefix("camera trả lời và đang bật") && $0.contains("  đang bật, tại ") }, "\(check.output)")
            #expect(lines.contains { $0.hasPrefix("micro mic2 liên lạc được và đang tắt") && $0.contains("  đạt  ") && $0.hasSuffix("đang tắt") }, "\(check.output)")
            #expect(lines.contains { $0.hasPrefix("sổ theo dõi còn dung lượng đĩa") && $0.contains("  còn trống ") && $0.contains(" MB trong ") }, "\(check.output)")
            #expect(!check.output.contains("MB free") && !check.output.contains("on, at "), "\(check.output)")
            #expect(!check.output.contains("pass") && !check.output.contains("READY"), "\(check.output)")
        } catch {
            Issue.record("\(error)\n--- diemcaud's log ---\n\(room.daemonLog())")
        }
        #expect(await room.stop() == 0)
        await room.tearDown()
        let unreachable = try LogbookCommandLineTests.run(["status", "--config", configuration], lang: "vi_VN.UTF-8")
        #expect(unreachable.status == 69)
        #expect(unreachable.errors.contains("không liên lạc được với diemcaud tại ") && unreachable.errors.contains("diemcaud có đang chạy không?"), "\(unreachable.errors)")
    }

    /// A technician at the room PC is who the kernel says: root or a member
    /// of the technician group runs `diemcau status` with no token to read,
    /// and the logbook names the user; a stranger is asked for a token.
    @Test func theTechnicianGroupNeedsNoToken() async throws {
        let group = "diemcau-test-tech"
        if (try? runToEnd("/usr/bin/getent", ["group", group]))?.status != 0 {
            let made = try runToEnd("/usr/sbin/groupadd", ["--system", group])
            #expect(made.status == 0, "groupadd: \(made.output)")
        }
        let groupID = try #require(try runToEnd("/usr/bin/getent", ["group", group]).output.split(separator: ":").dropFirst(2).first.flatMap { UInt32($0) })
        let room = try RoomFixture.make("cli-group") { $0.control.technicianGroup = group }
        try await room.start()
        let run = room.options.runDirectory
        let configuration = run + "/room.json"
        // Let others reach the socket and read the room file, as the unit's group would.
        chmod(run, 0o755)
        chmod(run + "/control.sock", 0o666)
        do {
            let member = try runToEnd("/usr/bin/setpriv", [
                "--reuid=4242", "--regid=4242", "--groups=\(groupID)", Self.tool, "send", "--config", configuration, "note", "from a member of the group",
            ])
            #expect(member.status == 0, "a member of \(group): \(member.output)")
            let stranger = try runToEnd("/usr/bin/setpriv", ["--reuid=4243", "--regid=4243", "--clear-groups", Self.tool, "status", "--config", configuration])
            #expect(stranger.status != 0, "a stranger got in: \(stranger.output)")
            #expect(stranger.output.contains("control.tokens"), "the stranger is told about the token file: \(stranger.output)")
        } catch {
            Issue.record("\(error)\n--- diemcaud's log ---\n\(room.daemonLog())")
        }
        #expect(await room.stop() == 0)
        await room.tearDown()
        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("note by technician local uid 4242 pid"), "\(logbook.entries)")
    }
}
