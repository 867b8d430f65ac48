import CameraSimulator
import Foundation
import Glibc
import Links
import Testing
import VISCA
@testable import Camera

@Suite("Driver and simulated camera over UDP (VISCA over IP) and TCP (raw VISCA) on loopback")
struct NetworkSimulatorTests {
    @Test("VISCA over IP: presets, motion, inquiries and a refusal, address fixed at 1")
    func udp() async throws {
        let room = try await SimulatedRoom.start(.udp, model: .srg300se, profile: "sony-srg-300se", motion: .instant)
        let driver = room.driver
        #expect(await driver.status == .online(cameras: 1))
        _ = try await driver.execute(.absolutePosition(pan: 700, tilt: -100, panSpeed: 5, tiltSpeed: 5))
        try await driver.store(preset: 200)
        try await driver.home()
        try await driver.recall(preset: 200)
        #expect(try await driver.inquire(.panTiltPosition) == .panTiltPosition(pan: 700, tilt: -100))
        try await driver.power(.standby)
        await #expect { try await driver.home() } throws: { error in
            guard case CameraError.rejected(_, _, .notExecutable) = error else { return false }
            return true
        }
        await #expect(throws: CameraError.self) { try await driver.recall(preset: 1, camera: 2) }
        // No AddressSet over IP; IF_Clear went to camera 1.
        let commands = await room.commands()
        #expect(!commands.contains(.addressSet))
        let first = await room.simulator.receivedMessages().first { $0.command != nil }
        #expect(first?.command == .interfaceClear)
        #expect(first?.recipient == .camera(try CameraAddress(1)))
        // As Sony documents them: IF_Clear a device setting command (0120), inquiries 0110, commands 0100.
        #expect(first?.payloadType == .deviceSetting)
        #expect(try await driver.inquire(.version) == .version(CameraModel.srg300se.version))
        let types = Dictionary(await room.simulator.receivedMessages().compactMap { message in
            message.command.map { ($0.name, message.payloadType) }
        }, uniquingKeysWith: { first, _ in first })
        #expect(types["version inquiry"] == .inquiry)
        #expect(types["preset recall 200"] == .command)
        #expect(await room.simulator.receivedMessages().allSatisfy { $0.payloadType != nil })
        await room.stop()
    }

    @Test("a camera that answers to a fixed port (Sony: 52381) whatever port the controller sent from")
    func fixedReplyPort() async throws {
        // A free UDP port stands in for 52381, which another test or program may hold.
        let probe = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0 }
        }
        let replyPort = UInt16(bigEndian: address.sin_port)
        close(probe)

        let simulator = CameraSimulator(SimulatorConfiguration(model: .srg300se, timing: .instant, ipReplyPort: replyPort))
        let port = try await simulator.startUDP()
        let driver = CameraDriver(.udp(HostAndPort(host: "127.0.0.1", port: port), localPort: replyPort),
                                  profile: try SimulatedRoom.library.profile(named: "sony-srg-300se"), timing: testTiming())
        try await driver.start()
        try await driver.recall(preset: 7)
        #expect(try await driver.inquire(.power) == .power(.on))
        await driver.close()
        await simulator.stop()
    }

    @Test("raw VISCA over TCP (PTZOptics): presets, zoom, inquiries")
    func tcp() async throws {
        let room = try await SimulatedRoom.start(.tcp, model: .ptzOptics, profile: "ptzoptics", motion: .instant)
        let driver = room.driver
        try await driver.zoom(to: 0x3000)
        try await driver.store(preset: 101)
        try await driver.zoom(to: 0)
        try await driver.recall(preset: 101)
        #expect(try await driver.inquire(.zoomPosition) == .zoomPosition(0x3000))
        #expect(try await driver.inquire(.version) == .version(CameraModel.ptzOptics.version))
        await room.stop()
    }

    @Test("a camera silent from the start does not answer, over UDP as over TCP: not a link that cannot be opened",
          arguments: [SimulatedRoom.Transport.udp, .tcp])
    func silentFromTheStart(transport: SimulatedRoom.Transport) async throws {
        let simulator = CameraSimulator(SimulatorConfiguration(model: .srg300se, timing: .instant))
        await simulator.setSilent(true)
        let connection: CameraConnection = transport == .udp
            ? .udp(HostAndPort(host: "127.0.0.1", port: try await simulator.startUDP()))
            : .tcp(HostAndPort(host: "127.0.0.1", port: try await simulator.startTCP(port: 0)))
        let driver = CameraDriver(connection, timing: testTiming())
        await #expect { try await driver.start() } throws: { error in
            guard case CameraError.noAnswer(_, _, _, _, let hint) = error else { return false }
            return hint.description.contains("network cable")
        }
        #expect(await driver.status.isOffline)
        await driver.close()
        await simulator.stop()
    }

    @Test("a silent IP camera is reported offline within 2 s and comes back by itself")
    func udpSilence() async throws {
        let room = try await SimulatedRoom.start(.udp, model: .srg300se, profile: "sony-srg-300se", motion: .instant)
        let updates = await room.driver.statusUpdates()
        await room.simulator.setSilent(true)
        let since = ContinuousClock.now
        let offline = try #require(await nextStatus(updates, within: 5) { $0.isOffline })
        #expect(offline.1 - since < .milliseconds(2000), "offline after \(offline.1 - since)")
        await room.simulator.setSilent(false)
        #expect(await nextStatus(updates, within: 5) { $0.isOnline } != nil)
        try await room.driver.recall(preset: 1)
        await room.stop()
    }
}

@Suite("Simulated outages over a pseudo-terminal", .serialized)
struct SimulatorOutageTests {
    @Test("the simulator goes silent: offline within 2 s, commands refused, then online again by itself")
    func silent() async throws {
        let room = try await SimulatedRoom.start(motion: .instant)
        let updates = await room.driver.statusUpdates()
        try await room.driver.recall(preset: 1)
        await room.simulator.setSilent(true)
        let since = ContinuousClock.now
        let offline = try #require(await nextStatus(updates, within: 5) { $0.isOffline })
        #expect(offline.1 - since < .milliseconds(2000), "offline after \(offline.1 - since)")
        await #expect { try await room.driver.recall(preset: 2) } throws: { error in
            guard case CameraError.offline = error else { return false }
            return "\(error)".contains("reconnects by itself")
        }
        await room.simulator.setSilent(false)
        #expect(await nextStatus(updates, within: 5) { $0.isOnline } != nil)
        try await room.driver.recall(preset: 2)
        #expect(try await room.state().lastRecalledPreset == 2)
        await room.stop()
    }

    @Test("the simulator pauses and catches up: every answer it owed comes at once, and the chain is still 1 camera")
    func pausedAndResumed() async throws {
        // Paced like a 9600 bit/s line, the answers it owed come one by one, as from a real camera.
        let room = try await SimulatedRoom.start(motion: .instant, baudRate: .b9600)
        let updates = await room.driver.statusUpdates()
        let onlines = Task {
            var seen: [CameraStatus] = []
            for await status in updates where status.isOnline { seen.append(status) }
            return seen
        }
        await room.simulator.setPaused(true)
        // The driver misses its power inquiries (offline), then tries IF_Clear:
        // resume while that IF_Clear waits, with the old answers ahead of its echo.
        let ifClear: [UInt8] = [0x88, 0x01, 0x00, 0x01, 0xFF]
        #expect(await eventually(within: 5) { await room.simulator.heldMessages().contains(ifClear) })
        #expect(await room.driver.status.isOffline)
        await room.simulator.setPaused(false)
        #expect(await eventually(within: 5) { await room.driver.status.isOnline })
        try await room.driver.recall(preset: 1)
        #expect(await room.driver.status == .online(cameras: 1))
        #expect(await room.driver.cameraCount == 1)
        await room.stop()
        let seen = await onlines.value
        #expect(seen.allSatisfy { $0 == .online(cameras: 1) }, "\(seen)")
    }

    @Test("the adapter is unplugged (the device path vanishes) and plugged back: reconnected, presets intact")
    func vanishedPath() async throws {
        let directory = NSTemporaryDirectory() + "diemcau-dev-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = directory + "/diemcau-camera1"

        let simulator = CameraSimulator(SimulatorConfiguration(model: .eviD70, timing: .instant))
        try await simulator.startPseudoTerminal(linkPath: name)
        let driver = CameraDriver(.serial(name), profile: try SimulatedRoom.library.profile(named: "sony-evi-d70"),
                                  timing: testTiming())
        try await driver.start()
        let updates = await driver.statusUpdates()
        _ = try await driver.execute(.absolutePosition(pan: 900, tilt: 0, panSpeed: 1, tiltSpeed: 1))
        try await driver.store(preset: 5)

        await simulator.stopPseudoTerminal()
        #expect(!FileManager.default.fileExists(atPath: name))
        let offline = try #require(await nextStatus(updates, within: 5) { $0.isOffline })
        if case .offline(let reason) = offline.0 { #expect(reason.description.contains("lost")) }
        await #expect(throws: CameraError.self) { try await driver.recall(preset: 5) }

        try await simulator.startPseudoTerminal(linkPath: name)
        #expect(await nextStatus(updates, within: 5) { $0.isOnline } != nil)
        try await driver.home()
        try await driver.recall(preset: 5)
        #expect(try #require(await simulator.state(of: try CameraAddress(1))).pan == 900)
        #expect(await driver.statistics.reconnects >= 1)
        await driver.close()
        await simulator.stop()
    }
}
