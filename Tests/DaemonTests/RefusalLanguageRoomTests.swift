import Control
import DemoRoom
import Foundation
import Testing

/// A refusal of the rules is said in the language of the connection that
/// reads it (issue 15), on the real daemon; the logbook keeps it in English.
@Suite(.serialized)
struct RefusalLanguageRoomTests {
    @Test("the same refusal reaches a 'language vi' connection in Vietnamese and a 'language en' one in English; the logbook stores English")
    func aRefusalInEachReadersLanguage() async throws {
        let room = try RoomFixture.make("refusal-language")
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.technician("language vi") else { Issue.record("language vi refused"); return }
        guard case .ok = try await room.mcu("language en") else { Issue.record("language en refused"); return }

        // No request to speak is waiting: the rules refuse to withdraw one,
        // with its number filled in after the lookup.
        guard case .error(let viCode, let vietnamese) = try await room.technician("hand withdraw 9") else {
            Issue.record("withdrawing a request that is not there was accepted"); return
        }
        guard case .error(let enCode, let english) = try await room.mcu("hand withdraw 9") else {
            Issue.record("withdrawing a request that is not there was accepted"); return
        }
        #expect(viCode == .refused && enCode == .refused)
        #expect(vietnamese == "không có đăng ký phát biểu số 9 đang chờ; hiện không có đăng ký nào")
        #expect(english == "no request to speak 9 is waiting; none is")

        // Another of the rules' refusals, the same way round.
        guard case .ok = try await room.technician("phase preparation") else { Issue.record("phase preparation refused"); return }
        guard case .error(_, let already) = try await room.technician("phase preparation") else { Issue.record("preparation again was accepted"); return }
        #expect(already == "điểm cầu đã ở giai đoạn preparation")
        guard case .error(_, let alreadyInEnglish) = try await room.mcu("phase preparation") else { Issue.record("preparation again was accepted"); return }
        #expect(alreadyInEnglish == "the room is already in preparation")

        #expect(await room.stop() == 0)
        let entries = try await room.logbook().entries
        let refusals = entries.split(separator: "\n").filter { $0.contains("no request to speak 9 is waiting; none is") }
        #expect(refusals.count == 2, "both refusals are logged with the English reason: \(entries)")
        #expect(!entries.contains("không có đăng ký phát biểu"), "the logbook's records stay English")
    }
}
