import DemoRoom
import Foundation
import Testing

/// Issue 15 on the real daemon: what the daemon itself answers (a name the
/// room does not have) is said in the connection's language, as the
/// server's own grammar errors are.
@Suite(.serialized)
struct LanguageRoomTests {
    @Test("a Vietnamese connection hears the daemon's not-found in Vietnamese, an English one in English")
    func theDaemonAnswersInTheConnectionsLanguage() async throws {
        let room = try RoomFixture.make("language")
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.technician("language vi") else { Issue.record("language vi refused"); return }
        guard case .error(let code, let vietnamese) = try await room.technician("mute nosuch") else { Issue.record("mute nosuch done"); return }
        #expect(code == .notFound && vietnamese.hasPrefix("không có micrô tên 'nosuch': điểm cầu có "), "\(vietnamese)")
        guard case .error(_, let grammar) = try await room.technician("camera recall") else { Issue.record("camera recall done"); return }
        #expect(grammar == "thiếu vị trí đặt sẵn: camera recall <preset>")
        guard case .ok = try await room.technician("language en") else { Issue.record("language en refused"); return }
        guard case .error(_, let english) = try await room.technician("mute nosuch") else { Issue.record("mute nosuch done"); return }
        #expect(english.hasPrefix("no microphone called 'nosuch': the room has "), "\(english)")
        #expect(await room.stop() == 0)
    }
}
