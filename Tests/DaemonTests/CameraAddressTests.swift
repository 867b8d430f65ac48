import CameraSimulator
import Control
import DemoRoom
import Foundation
import Testing
import VISCA

/// `cameras[].address`: the room's camera at its place on a daisy chain.
@Suite("The daemon drives the camera at its configured address", .serialized)
struct CameraAddressTests {
    @Test("camera 2 of a two-camera chain: every order goes to 82, camera 1 is only asked whether the line lives")
    func secondCameraOnTheChain() async throws {
        let room = try RoomFixture.make("camera-address", chainedCameras: 2) { $0.cameras[0].address = 2 }
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.technician("camera recall chair") else { Issue.record("recall refused"); return }
        let second = try CameraAddress(2), first = try CameraAddress(1)
        #expect(try await HealthTests.eventually(5) { await room.camera.state(of: second)?.lastRecalledPreset == 1 })
        #expect(await room.camera.state(of: first)?.lastRecalledPreset == nil)
        let toFirst = await room.camera.receivedMessages().filter { $0.recipient == .camera(first) }
        #expect(toFirst.allSatisfy { if case .inquiry = $0.command { true } else { false } }, "\(toFirst)")
        #expect(await room.camera.receivedMessages().contains { $0.bytes == [0x82, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF] })
        #expect(await room.stop() == 0)
        #expect(room.daemonLog().contains("đang hoạt động (2 camera)"), "the demo room speaks Vietnamese")
    }

    @Test("camera 2 configured on a one-camera chain: offline with the reason, recall answered ERR device")
    func addressBeyondTheChain() async throws {
        let room = try RoomFixture.make("camera-missing") { $0.cameras[0].address = 2 }
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok(let status) = try await room.technician("status") else { Issue.record("no status"); return }
        #expect(status.value("camera") == "offline", "\(status)")
        let recall = try await room.technician("camera recall chair")
        guard case .error(.device, let message) = recall else { Issue.record("recall: \(recall)"); return }
        #expect(message.contains("camera"), "\(message)")
        #expect(await room.camera.receivedMessages().allSatisfy { $0.recipient != .camera(try! CameraAddress(2)) })
        #expect(await room.stop() == 0)
        // The demo room speaks Vietnamese, and so does its journal.
        #expect(room.daemonLog().contains("không có camera 2"), "\(room.daemonLog())")
    }
}

/// Two cameras on one daisy chain, one per side of the table: each
/// microphone is framed by the camera that has its preset, and the wide
/// shot turns both (R3).
@Suite("Every camera follows the floor", .serialized)
struct TwoCameraRoomTests {
    @Test("mic2's preset is the side camera's: a floor grant turns camera 2; floor end sends both to their wide shot")
    func eachCameraFramesItsMicrophones() async throws {
        let room = try RoomFixture.make("two-cameras", chainedCameras: 2) { configuration in
            var side = configuration.cameras[0]
            side.name = "side"
            side.address = 2
            side.presets = ["wide": 0, "left": 4]
            configuration.cameras[0].presets?["left"] = nil
            configuration.cameras.append(side)
        }
        defer { Task { await room.tearDown() } }
        try await room.start()
        let first = try CameraAddress(1), second = try CameraAddress(2)
        guard case .ok = try await room.mcu("floor grant mic2") else { Issue.record("floor grant refused"); return }
        #expect(try await HealthTests.eventually(5) { await room.camera.state(of: second)?.lastRecalledPreset == 4 }, "the side camera did not frame mic2")
        guard case .ok = try await room.mcu("floor grant chair") else { Issue.record("floor grant refused"); return }
        #expect(try await HealthTests.eventually(5) { await room.camera.state(of: first)?.lastRecalledPreset == 1 }, "the main camera did not frame the chair")
        guard case .ok = try await room.mcu("floor end") else { Issue.record("floor end refused"); return }
        #expect(try await HealthTests.eventually(5) {
            let main = await room.camera.state(of: first)?.lastRecalledPreset, side = await room.camera.state(of: second)?.lastRecalledPreset
            return main == 0 && side == 0
        }, "both cameras go to their wide shot")
        guard case .ok(let recall) = try await room.technician("camera recall left") else { Issue.record("recall by name refused"); return }
        #expect(recall.value("completion") != nil)
        #expect(await room.stop() == 0)
        let logbook = try await room.logbook()
        #expect(logbook.entries.contains("on camera side"), "the logbook names the camera")
    }
}
