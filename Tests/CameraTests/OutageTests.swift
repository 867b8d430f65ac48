import Foundation
import Links
import Testing
import VISCA
@testable import Camera

@Suite("Offline and back: a silent camera, an adapter unplugged and plugged back", .serialized)
struct OutageTests {
    @Test("a camera that stops answering is reported offline within 2 s, and online again by itself")
    func silentCamera() async throws {
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: testTiming())
        try await chain.start()
        let updates = await chain.statusUpdates()
        try await chain.recall(preset: 1)
        await peer.setAnswer { _ in [] }
        let silentSince = ContinuousClock.now
        let offline = try #require(await nextStatus(updates, within: 5) { $0.isOffline })
        let took = offline.1 - silentSince
        #expect(took < .milliseconds(2000), "offline after \(took)")
        if case .offline(let reason) = offline.0 {
            #expect(reason.description.contains("camera 1 stopped answering"))
            #expect(reason.description.contains("baud-rate switch"))
        }
        await #expect { try await chain.recall(preset: 2) } throws: { error in
            guard case CameraError.offline = error else { return false }
            return true
        }
        await peer.setAnswer(ScriptedPeer.sonyCamera)
        let online = await nextStatus(updates, within: 5) { $0.isOnline }
        #expect(online?.0 == .online(cameras: 1))
        try await chain.recall(preset: 2)
        #expect(await chain.statistics.outages == 1)
        await chain.close()
        await peer.close()
    }

    @Test("an idle room watches the camera rarely; watching closely again finds a silent camera within 2 s")
    func watchingRarelyThenClosely() async throws {
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: testTiming())
        try await chain.start()
        await chain.watch(every: .seconds(30))
        try await chain.recall(preset: 1)
        let heardBefore = await peer.received.count
        await peer.setAnswer { _ in [] }
        // Rarely: nobody asks the silent camera anything, so it is not found out yet.
        #expect(await nextStatus(await chain.statusUpdates(), within: 2.5) { $0.isOffline } == nil)
        #expect(await peer.received.count == heardBefore, "the driver probed although it was told to watch every 30 s")
        // Closely again: the nap is cut short and the silence found within 2 s.
        let updates = await chain.statusUpdates()
        let closely = ContinuousClock.now
        await chain.watch(every: .milliseconds(700))
        let offline = try #require(await nextStatus(updates, within: 5) { $0.isOffline })
        #expect(offline.1 - closely < .milliseconds(2000), "offline after \(offline.1 - closely)")
        await chain.close()
        await peer.close()
    }

    @Test("the device path vanishes (adapter unplugged) and returns behind the same name: reconnected by itself")
    func vanishedDevicePath() async throws {
        let directory = NSTemporaryDirectory() + "diemcau-dev-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = directory + "/diemcau-camera1"

        let first = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await first.start()
        try FileManager.default.createSymbolicLink(atPath: name, withDestinationPath: first.terminal.slavePath)
        let chain = CameraDriver(.serial(name), timing: testTiming())
        try await chain.start()
        let updates = await chain.statusUpdates()
        try await chain.recall(preset: 1)

        // Unplugged: the device closes and its name disappears.
        await first.close()
        try FileManager.default.removeItem(atPath: name)
        let offline = try #require(await nextStatus(updates, within: 5) { $0.isOffline })
        if case .offline(let reason) = offline.0 { #expect(reason.description.contains("lost")) }
        // While it is away, the reason says so.
        let missing = await nextStatus(updates, within: 5) { status in
            if case .offline(let reason) = status { return reason.description.contains("does not exist") }
            return false
        }
        #expect(missing != nil)

        // Plugged back: a new device behind the same name.
        let second = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await second.start()
        try FileManager.default.createSymbolicLink(atPath: name, withDestinationPath: second.terminal.slavePath)
        let online = await nextStatus(updates, within: 5) { $0.isOnline }
        #expect(online?.0 == .online(cameras: 1))
        try await chain.recall(preset: 2)
        #expect(await second.received.contains([0x81, 0x01, 0x04, 0x3F, 0x02, 0x02, 0xFF]))
        #expect(await chain.statistics.reconnects == 1)
        await chain.close()
        await second.close()
    }

    @Test("starting on a missing port throws the link's advice and keeps trying")
    func missingAtStart() async throws {
        let chain = CameraDriver(.serial("/dev/ttyUSB-diemcau-absent"), timing: testTiming())
        await #expect { try await chain.start() } throws: { error in
            (error as? CameraError)?.description.contains("check the USB adapter is plugged in") == true
        }
        #expect(await chain.status.isOffline)
        await chain.close()
        #expect(await chain.status == .closed)
    }
}
