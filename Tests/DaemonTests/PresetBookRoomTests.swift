import Camera
import DemoRoom
import Foundation
import Glibc
import TestSupport
import Testing

/// One preset book for the daemon, the keypad and `diemcau camera` (R3):
/// presets.json in the room's state directory, beside the room file's names.
@Suite(.serialized)
struct PresetBookRoomTests {
    @Test("camera store with a new Vietnamese name: stored on the camera, kept in presets.json, still known after a reload")
    func aNewNameIsStoredAndKept() async throws {
        let room = try RoomFixture.make("preset-book")
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.technician("phase preparation") else { Issue.record("phase preparation refused"); return }
        await room.camera.clearReceivedMessages()
        guard case .ok(let stored) = try await room.technician("camera store \"bàn chủ tọa\"") else {
            Issue.record("storing a new name was refused"); return
        }
        #expect(["pending", "done"].contains(stored.value("completion")))
        // CAM_Memory Set for slot 4 (8x 01 04 3F 01 pp FF), the lowest the demo book leaves free.
        let received = await room.camera.receivedMessages().map(\.bytes)
        #expect(received.contains([0x81, 0x01, 0x04, 0x3F, 0x01, 0x04, 0xFF]), "\(received)")
        // The OK came once the book was on the disk.
        let book = try PresetBookFile(path: room.options.runDirectory + "/state/presets.json").load()
        #expect(book.slots(camera: "main")["bàn chủ tọa"] == 4)

        // A reload rebuilds the setup from the room file and the book: the name stays.
        #expect(await room.signal(SIGHUP))
        try await Task.sleep(for: .milliseconds(300))
        await room.camera.clearReceivedMessages()
        guard case .ok = try await room.technician("camera recall \"bàn chủ tọa\"") else {
            Issue.record("the stored name is not known after a reload"); return
        }
        #expect(await room.camera.receivedMessages().map(\.bytes).contains([0x81, 0x01, 0x04, 0x3F, 0x02, 0x04, 0xFF]))
        // Outside preparation a new name is refused (R7).
        guard case .ok = try await room.technician("phase test") else { Issue.record("phase test refused"); return }
        guard case .error(_, let message) = try await room.technician("camera store podium") else { Issue.record("stored outside preparation"); return }
        // The demo room is Vietnamese, and so is the technician's connection.
        #expect(message.contains("giai đoạn chuẩn bị"), "\(message)")
        #expect(await room.stop() == 0)

        // The bring-up tool reads the same book through the room file.
        await room.camera.clearReceivedMessages()
        let run = room.options.runDirectory
        let recalled = try runToEnd(
            CommandLineToolTests.tool,
            ["camera", "recall", "bàn chủ tọa", "--config", run + "/room.json", "--port", run + "/camera", "--profile", "sony-evi-d70"])
        #expect(recalled.status == 0, "\(recalled.output)")
        #expect(recalled.output.contains("at preset 4 (bàn chủ tọa)"), "\(recalled.output)")
        #expect(await room.camera.receivedMessages().map(\.bytes).contains([0x81, 0x01, 0x04, 0x3F, 0x02, 0x04, 0xFF]))
    }

    @Test("a name stored before the daemon starts (by diemcau camera store --name) is known to the daemon")
    func theBookOnDiskIsReadAtStart() async throws {
        let room = try RoomFixture.make("preset-book-start")
        defer { Task { await room.tearDown() } }
        let state = room.options.runDirectory + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try PresetBookFile(path: state + "/presets.json").save(PresetBook(cameras: ["main": ["đại biểu 2": 4]]))
        try await room.start()
        await room.camera.clearReceivedMessages()
        guard case .ok = try await room.technician("camera recall \"đại biểu 2\"") else {
            Issue.record("the daemon does not know the book's name"); return
        }
        #expect(await room.camera.receivedMessages().map(\.bytes).contains([0x81, 0x01, 0x04, 0x3F, 0x02, 0x04, 0xFF]))
        #expect(await room.stop() == 0)
    }
}
