import Control
import DemoRoom
import Foundation
import TestSupport
import Testing

/// The technician reads the room in Vietnamese: `diemcau config check` under
/// a Vietnamese locale, the daemon's journal in a `vi` room (its refusal to
/// start included), and the reason of an `ERR device` in the language the
/// connection reads. Keywords and the subsystem at the head of a journal
/// line (`configuration:`, `camera`) stay as they are, for grep.
@Suite("The room's language in the journal, config check and device errors", .serialized)
struct RoomLanguageJournalTests {
    /// The demo room with its TCP port made impossible: one problem.
    static func brokenDemoRoom() throws -> String {
        let demo = try String(contentsOfFile: CommandLineToolTests.demoRoom, encoding: .utf8)
        return try CommandLineToolTests.file(demo.replacingOccurrences(of: "\"port\": 4510", with: "\"port\": 1e308"))
    }

    /// Runs `executable` with `arguments` and this process's environment
    /// less NOTIFY_SOCKET and the locale, plus `environment`; its exit status
    /// and its stdout and stderr together.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        var inherited = ProcessInfo.processInfo.environment.filter {
            !["NOTIFY_SOCKET", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"].contains($0.key)
        }
        inherited.merge(environment) { $1 }
        return try runToEnd(executable, arguments, environment: inherited)
    }

    @Test("config check under LANG=vi_VN.UTF-8: the problem, its fix and the count in Vietnamese; LANG=C: English")
    func configCheckSpeaksTheLocale() throws {
        let path = try Self.brokenDemoRoom()
        defer { unlink(path) }
        let vietnamese = try Self.run(CommandLineToolTests.tool, ["config", "check", path], environment: ["LANG": "vi_VN.UTF-8"])
        #expect(vietnamese.status == 1)
        #expect(vietnamese.output.contains("\(path): control.tcp.port: 1e308 không phải là một số cổng: cho một số nguyên từ 1 đến 65535"),
                "\(vietnamese.output)")
        let english = try Self.run(CommandLineToolTests.tool, ["config", "check", path], environment: ["LANG": "C"])
        #expect(english.output.contains("\(path): control.tcp.port: 1e308 is not a port number: give a whole number from 1 to 65535"), "\(english.output)")
    }

    @Test("a vi room file the daemon refuses: the journal's critical line in Vietnamese whatever LANG says, exit 78")
    func theRefusalToStartIsInTheRoomsLanguage() throws {
        let path = try Self.brokenDemoRoom()
        defer { unlink(path) }
        let refused = try Self.run(RoomFixture.daemon, ["--config", path], environment: ["LANG": "C"])
        #expect(refused.status == 78)
        #expect(refused.output.contains("<2>configuration: \(path): control.tcp.port: 1e308 không phải là một số cổng"), "\(refused.output)")
    }

    @Test("a room file that cannot be read: the daemon says so in the environment's language")
    func anUnreadableFileIsSaidInTheEnvironmentsLanguage() throws {
        let missing = "/nonexistent/diemcau/room.json"
        let vietnamese = try Self.run(RoomFixture.daemon, ["--config", missing], environment: ["LANG": "vi_VN.UTF-8"])
        #expect(vietnamese.status == 78)
        #expect(vietnamese.output.contains("<2>configuration: \(missing): không đọc được: "), "\(vietnamese.output)")
        let english = try Self.run(RoomFixture.daemon, ["--config", missing], environment: ["LANG": "en_US.UTF-8"])
        #expect(english.output.contains("<2>configuration: \(missing): cannot be read: "), "\(english.output)")
    }

    @Test("diemcaud --help and a wrong option in the environment's language")
    func theDaemonsUsageSpeaksTheLocale() throws {
        let help = try Self.run(RoomFixture.daemon, ["--help"], environment: ["LANG": "vi_VN.UTF-8"])
        #expect(help.status == 0)
        #expect(help.output.hasPrefix("cách dùng: diemcaud [--config PATH] [--profiles DIR]"), "\(help.output)")
        #expect(help.output.contains("(mặc định /etc/diemcau/room.json)"), "\(help.output)")
        let wrong = try Self.run(RoomFixture.daemon, ["--room"], environment: ["LANG": "C"])
        #expect(wrong.status == 64)
        #expect(wrong.output.hasPrefix("diemcaud: unknown option '--room'.\n\nusage: diemcaud"), "\(wrong.output)")
    }

    @Test("a vi room: the journal says ready and stopping in Vietnamese; ERR device in Vietnamese, then English after 'language en'")
    func theRunningRoomSpeaksVietnamese() async throws {
        // Camera 2 on a chain of one: the camera is offline, and a recall fails on the device.
        let room = try RoomFixture.make("voice-vi") { $0.cameras[0].address = 2 }
        defer { Task { await room.tearDown() } }
        try await room.start()
        let vietnamese = try await room.technician("camera recall chair")
        guard case .error(.device, let reason) = vietnamese else { Issue.record("recall: \(vietnamese)"); return }
        #expect(reason.hasPrefix("camera ") && reason.contains(": recall preset 1 (chair): không có camera 2 trên "), "\(reason)")
        #expect(reason.contains("kiểm tra cáp nối chuỗi") && !reason.contains("there is no camera"), "\(reason)")

        guard case .ok = try await room.technician("language en") else { Issue.record("language en refused"); return }
        let english = try await room.technician("camera recall chair")
        guard case .error(.device, let reason) = english else { Issue.record("recall: \(english)"); return }
        #expect(reason.contains(": recall preset 1 (chair): there is no camera 2 on "), "\(reason)")

        #expect(await room.stop() == 0)
        let journal = room.daemonLog()
        #expect(journal.contains("<5>điểm cầu \"Demo: UBND xã Tân Lập\" sẵn sàng: 3 micro, camera main, thiết bị đầu cuối poly"), "\(journal)")
        #expect(journal.contains("<5>SIGTERM: đang dừng"), "\(journal)")
        #expect(journal.contains("không có camera 2"), "\(journal)")
    }
}
