import Foundation
import Testing
@testable import CameraSimulator
import VISCA

/// The simulator on loopback: Sony VISCA over IP on UDP, raw VISCA on TCP.
@Suite struct CameraSimulatorNetworkTests {
    let camera1 = try! CameraAddress(1)

    func simulator() -> CameraSimulator {
        CameraSimulator(SimulatorConfiguration(model: .srg300se, timing: MotionTiming(perUnit: .microseconds(200))))
    }

    @Test func udpEchoesSequenceNumbersOnAckAndCompletion() async throws {
        let simulator = simulator()
        let port = try await simulator.startUDP(port: 0)
        let controller = try UDPController(cameraPort: port)
        defer { controller.close() }
        try controller.send(IPPacket(.command, sequenceNumber: 0x0102_0304, payload: [0x81, 0x01, 0x04, 0x3F, 0x02, 0x07, 0xFF]))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 0x0102_0304, payload: [0x90, 0x41, 0xFF]))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 0x0102_0304, payload: [0x90, 0x51, 0xFF]))
        try controller.send(IPPacket(.inquiry, sequenceNumber: 0x0102_0305, payload: [0x81, 0x09, 0x04, 0x00, 0xFF]))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 0x0102_0305, payload: [0x90, 0x50, 0x02, 0xFF]))
        #expect(await simulator.state(of: camera1)?.lastRecalledPreset == 7)
        await simulator.stop()
    }

    @Test func udpResendResetAndWrongTypes() async throws {
        let simulator = simulator()
        let port = try await simulator.startUDP(port: 0)
        let controller = try UDPController(cameraPort: port)
        defer { controller.close() }
        let standby = IPPacket(.command, sequenceNumber: 10, payload: [0x81, 0x01, 0x04, 0x00, 0x03, 0xFF])
        try controller.send(standby)
        #expect(try await controller.next()?.payload == [0x90, 0x41, 0xFF])
        #expect(try await controller.next()?.payload == [0x90, 0x51, 0xFF])
        // The same packet again (a resend after a lost reply): 0F 01, not executed twice.
        try controller.send(standby)
        #expect(try await controller.next() == IPPacket(.controlReply, sequenceNumber: 10, payload: [0x0F, 0x01]))
        #expect(await simulator.receivedMessages().filter { $0.command == .power(.standby) }.count == 2)
        // RESET: 02 00 00 01 <seq> 01 → 02 01 00 01 <seq> 01, then the counter starts again.
        controller.send([0x02, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01])
        #expect(try await controller.next() == IPPacket(.controlReply, sequenceNumber: 0, payload: [0x01]))
        try controller.send(IPPacket(.inquiry, sequenceNumber: 1, payload: [0x81, 0x09, 0x04, 0x00, 0xFF]))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 1, payload: [0x90, 0x50, 0x03, 0xFF]))
        // An inquiry sent with the command type, and a packet of an unknown type: 0F 02.
        try controller.send(IPPacket(.command, sequenceNumber: 2, payload: [0x81, 0x09, 0x04, 0x00, 0xFF]))
        #expect(try await controller.next() == IPPacket(.controlReply, sequenceNumber: 2, payload: [0x0F, 0x02]))
        controller.send([0x05, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x01])
        #expect(try await controller.next() == IPPacket(.controlReply, sequenceNumber: 3, payload: [0x0F, 0x02]))
        await simulator.stop()
    }

    /// IF_Clear in 0120 (Sony's "device setting command") or 0100; the version
    /// inquiry in 0110 or 0120 (libvisca-ip, obs-ptz); other inquiries only in 0110.
    @Test func udpPayloadTypesRealClientsSend() async throws {
        let simulator = simulator()
        let port = try await simulator.startUDP(port: 0)
        let controller = try UDPController(cameraPort: port)
        defer { controller.close() }
        let ifClear: [UInt8] = [0x81, 0x01, 0x00, 0x01, 0xFF]
        let version: [UInt8] = [0x81, 0x09, 0x00, 0x02, 0xFF]
        let versionAnswer: [UInt8] = [0x90, 0x50, 0x00, 0x20, 0x06, 0x17, 0x01, 0x00, 0x02, 0xFF]
        try controller.send(IPPacket(.deviceSetting, sequenceNumber: 1, payload: ifClear))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 1, payload: [0x90, 0x50, 0xFF]))
        try controller.send(IPPacket(.command, sequenceNumber: 2, payload: ifClear))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 2, payload: [0x90, 0x50, 0xFF]))
        try controller.send(IPPacket(.deviceSetting, sequenceNumber: 3, payload: version))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 3, payload: versionAnswer))
        try controller.send(IPPacket(.inquiry, sequenceNumber: 4, payload: version))
        #expect(try await controller.next() == IPPacket(.reply, sequenceNumber: 4, payload: versionAnswer))
        try controller.send(IPPacket(.deviceSetting, sequenceNumber: 5, payload: [0x81, 0x09, 0x04, 0x00, 0xFF]))
        #expect(try await controller.next() == IPPacket(.controlReply, sequenceNumber: 5, payload: [0x0F, 0x02]))
        try controller.send(IPPacket(.inquiry, sequenceNumber: 6, payload: [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF]))
        #expect(try await controller.next() == IPPacket(.controlReply, sequenceNumber: 6, payload: [0x0F, 0x02]))
        let types = await simulator.receivedMessages().map(\.payloadType)
        #expect(types == [.deviceSetting, .command, .deviceSetting, .inquiry, .deviceSetting, .inquiry])
        await simulator.stop()
    }

    @Test func udpRepliesToAFixedPortLikeSony() async throws {
        let listener = try UDPController(cameraPort: 9)   // only receives here
        defer { listener.close() }
        let simulator = CameraSimulator(SimulatorConfiguration(ipReplyPort: listener.port))
        let port = try await simulator.startUDP(port: 0)
        let sender = try UDPController(cameraPort: port)
        defer { sender.close() }
        try sender.send(IPPacket(.inquiry, sequenceNumber: 5, payload: [0x81, 0x09, 0x04, 0x00, 0xFF]))
        #expect(try await listener.next() == IPPacket(.reply, sequenceNumber: 5, payload: [0x90, 0x50, 0x02, 0xFF]))
        await simulator.stop()
    }

    @Test func tcpRawVISCA() async throws {
        let simulator = simulator()
        let port = try await simulator.startTCP(port: 0)
        let controller = try RawController(tcpPort: port)
        defer { controller.close() }
        controller.send([0x81, 0x01, 0x06, 0x02, 0x18, 0x17, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF])
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        controller.send([0x81, 0x09, 0x06, 0x12, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF])
        controller.send([0x81, 0x01, 0x04, 0x3F, 0x02, 0xFF, 0xFF])   // FF as the preset: the command ends early
        #expect(await controller.next() == [0x90, 0x60, 0x02, 0xFF])
        await simulator.sendNetworkChange()
        #expect(await controller.next() == [0x90, 0x38, 0xFF])
        await simulator.stop()
    }

    @Test func tcpPortInUseIsAClearError() async throws {
        let first = simulator()
        let port = try await first.startTCP(port: 0)
        let second = simulator()
        await #expect {
            try await second.startTCP(port: port)
        } throws: { error in
            "\(error)".contains("is another simulator or camera program using the port?")
        }
        await first.stop()
    }
}
