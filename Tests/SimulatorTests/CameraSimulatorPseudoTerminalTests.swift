#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import CameraSimulator
import VISCA

/// The simulator on a real pseudo-terminal, driven with raw bytes from the
/// vendor tables (not through our driver).
@Suite struct CameraSimulatorPseudoTerminalTests {
    let camera1 = try! CameraAddress(1)

    /// A simulator where a move of 1000 pan units takes 200 ms, and a controller on its PTY.
    func connected(
        cameras: Int = 1, baudRate: BaudRate? = nil, perUnit: Duration = .microseconds(200)
    ) async throws -> (CameraSimulator, RawController) {
        let simulator = CameraSimulator(SimulatorConfiguration(
            cameras: cameras, timing: MotionTiming(perUnit: perUnit), baudRate: baudRate))
        let path = try await simulator.startPseudoTerminal()
        #expect(path.hasPrefix("/dev/pts/"))
        return (simulator, try RawController(serialPath: path))
    }

    @Test func ackThenCompletionAfterTheMove() async throws {
        let (simulator, controller) = try await connected()
        defer { controller.close() }
        let started = ContinuousClock.now
        // Absolute position pan 1000 (03 0E 08): 200 ms of travel.
        controller.send([0x81, 0x01, 0x06, 0x02, 0x18, 0x17, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF])
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        #expect(await simulator.state(of: camera1)?.pan == 1000)
        let received = await simulator.receivedMessages()
        #expect(received.map(\.command) == [.absolutePosition(pan: 1000, tilt: 0, panSpeed: 0x18, tiltSpeed: 0x17)])
        await simulator.stop()
    }

    @Test func pausedCatchesUpInOrderOnResume() async throws {
        let (simulator, controller) = try await connected()
        defer { controller.close() }
        await simulator.setPaused(true)
        controller.send([0x81, 0x09, 0x04, 0x00, 0xFF])          // power inquiry
        controller.send([0x88, 0x01, 0x00, 0x01, 0xFF])          // IF_Clear (broadcast)
        #expect(await controller.staysQuiet(for: .milliseconds(300)))
        #expect(await simulator.heldMessages() == [[0x81, 0x09, 0x04, 0x00, 0xFF], [0x88, 0x01, 0x00, 0x01, 0xFF]])
        #expect(await simulator.receivedMessages().isEmpty)
        await simulator.setPaused(false)
        #expect(await controller.next() == [0x90, 0x50, 0x02, 0xFF])
        #expect(await controller.next() == [0x88, 0x01, 0x00, 0x01, 0xFF])
        #expect(await simulator.heldMessages().isEmpty)
        #expect(await simulator.receivedMessages().count == 2)
        await simulator.stop()
    }

    @Test func focusModeInquiryFollowsTheFocusCommands() async throws {
        let (simulator, controller) = try await connected()
        defer { controller.close() }
        controller.send([0x81, 0x09, 0x04, 0x38, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x02, 0xFF])      // auto, as after power-on
        controller.send([0x81, 0x01, 0x04, 0x38, 0x03, 0xFF])            // manual
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        controller.send([0x81, 0x09, 0x04, 0x38, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x03, 0xFF])
        controller.send([0x81, 0x01, 0x04, 0x38, 0x10, 0xFF])            // toggle
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        controller.send([0x81, 0x09, 0x04, 0x38, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x02, 0xFF])
        await simulator.stop()
    }

    @Test func twoSocketsInterleaveThenBufferFull() async throws {
        let (simulator, controller) = try await connected(perUnit: .milliseconds(1))
        defer { controller.close() }
        controller.send([0x81, 0x01, 0x06, 0x02, 0x18, 0x17, 0x00, 0x00, 0x0C, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF]) // pan 200: 200 ms
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        controller.send([0x81, 0x01, 0x04, 0x47, 0x00, 0x03, 0x02, 0x00, 0xFF])  // zoom 0x320 = 800 → 200 units: 200 ms
        #expect(await controller.next() == [0x90, 0x42, 0xFF])
        controller.send([0x81, 0x01, 0x04, 0x38, 0x02, 0xFF])
        #expect(await controller.next() == [0x90, 0x60, 0x03, 0xFF])
        let completions = [await controller.next(), await controller.next()]
        #expect(Set(completions) == [[0x90, 0x51, 0xFF], [0x90, 0x52, 0xFF]])
        await simulator.stop()
    }

    @Test func cancelBusyAndEmptySocket() async throws {
        let (simulator, controller) = try await connected(perUnit: .milliseconds(2))
        defer { controller.close() }
        controller.send([0x81, 0x01, 0x04, 0x3F, 0x01, 0x02, 0xFF])   // store preset 2 at home
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        controller.send([0x81, 0x01, 0x06, 0x02, 0x18, 0x17, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF]) // 2 s
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        controller.send([0x81, 0x21, 0xFF])
        #expect(await controller.next() == [0x90, 0x61, 0x04, 0xFF])
        controller.send([0x81, 0x22, 0xFF])
        #expect(await controller.next() == [0x90, 0x62, 0x05, 0xFF])
        #expect(await controller.staysQuiet(for: .milliseconds(300)))
        #expect(await simulator.state(of: camera1)?.busySockets == [])
        await simulator.stop()
    }

    @Test func standbyRefusesRecallWith41() async throws {
        let (simulator, controller) = try await connected()
        defer { controller.close() }
        controller.send([0x81, 0x01, 0x04, 0x00, 0x03, 0xFF])
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        controller.send([0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF])
        #expect(await controller.next() == [0x90, 0x61, 0x41, 0xFF])
        controller.send([0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x03, 0xFF])
        #expect(await simulator.state(of: camera1)?.power == .standby)
        await simulator.stop()
    }

    @Test func syntaxErrorAndMessageLengthError() async throws {
        let (simulator, controller) = try await connected()
        defer { controller.close() }
        controller.send([0x81, 0x01, 0x04, 0x3F, 0x02, 0x09, 0xFF])   // preset 9 on an EVI-D70
        #expect(await controller.next() == [0x90, 0x60, 0x02, 0xFF])
        controller.send([0x81] + [UInt8](repeating: 0x01, count: 18) + [0xFF])
        #expect(await controller.next() == [0x90, 0x60, 0x01, 0xFF])
        await simulator.stop()
    }

    @Test func presetSetAndRecallMoveThePosition() async throws {
        let (simulator, controller) = try await connected()
        defer { controller.close() }
        for command: Command in [
            .absolutePosition(pan: -700, tilt: 300, panSpeed: 0x10, tiltSpeed: 0x10), .zoomDirect(position: 0x2000),
            .preset(.set, 4), .home,
        ] {
            try controller.send(command)
            #expect(await controller.next() == [0x90, 0x41, 0xFF])
            #expect(await controller.next() == [0x90, 0x51, 0xFF])
        }
        #expect(await simulator.state(of: camera1)?.pan == 0)
        try controller.send(.preset(.recall, 4))
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        try controller.send(.inquiry(.panTiltPosition))
        #expect(try Inquiry.panTiltPosition.answer(from: Reply(decoding: await controller.next())) == .panTiltPosition(pan: -700, tilt: 300))
        try controller.send(.inquiry(.zoomPosition))
        #expect(await controller.next() == [0x90, 0x50, 0x02, 0x00, 0x00, 0x00, 0xFF])
        let state = await simulator.state(of: camera1)
        #expect(state?.lastRecalledPreset == 4 && state?.presets[4] == PresetMemory(pan: -700, tilt: 300, zoom: 0x2000))
        await simulator.stop()
    }

    @Test func addressSetOnAThreeCameraChain() async throws {
        let (simulator, controller) = try await connected(cameras: 3)
        defer { controller.close() }
        controller.send([0x88, 0x30, 0x01, 0xFF])
        #expect(await controller.next() == [0x88, 0x30, 0x04, 0xFF])
        controller.send([0x88, 0x01, 0x00, 0x01, 0xFF])
        #expect(await controller.next() == [0x88, 0x01, 0x00, 0x01, 0xFF])
        controller.send([0x83, 0x01, 0x00, 0x01, 0xFF])
        #expect(await controller.next() == [0xB0, 0x50, 0xFF])
        controller.send([0x82, 0x09, 0x00, 0x02, 0xFF])
        #expect(await controller.next() == [0xA0, 0x50, 0x00, 0x20, 0x04, 0x0E, 0x01, 0x00, 0x02, 0xFF])
        await simulator.stop()
    }

    @Test func aCloneSwallowsTheBroadcastInterfaceClearButAnswersTheRest() async throws {
        let simulator = CameraSimulator(SimulatorConfiguration(timing: .instant, echoesBroadcastInterfaceClear: false))
        let controller = try RawController(serialPath: try await simulator.startPseudoTerminal())
        defer { controller.close() }
        controller.send([0x88, 0x01, 0x00, 0x01, 0xFF])
        #expect(await controller.staysQuiet(for: .milliseconds(300)))
        controller.send([0x88, 0x30, 0x01, 0xFF])
        #expect(await controller.next() == [0x88, 0x30, 0x02, 0xFF])
        controller.send([0x81, 0x01, 0x00, 0x01, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0xFF])
        controller.send([0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF])
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        #expect(await controller.next() == [0x90, 0x51, 0xFF])
        await simulator.stop()
    }

    @Test func controlNetworkChangeGarbageAndSilence() async throws {
        let (simulator, controller) = try await connected(cameras: 2)
        defer { controller.close() }
        await simulator.sendNetworkChange(from: try CameraAddress(2))
        #expect(await controller.next() == [0xA0, 0x38, 0xFF])
        await simulator.inject([0x12, 0x34, 0x90, 0x41])   // noise and half an ACK: the controller's framer waits
        await simulator.inject([0xFF])
        #expect(await controller.next() == [0x90, 0x41, 0xFF])
        await simulator.setSilent(true)
        controller.send([0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(await controller.staysQuiet(for: .milliseconds(300)))
        await simulator.setSilent(false)
        controller.send([0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x02, 0xFF])
        #expect(await simulator.receivedMessages().count == 2)
        await simulator.stop()
    }

    @Test func stableLinkVanishesAndReturns() async throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("visca-sim-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let simulator = CameraSimulator()
        #expect(try await simulator.startPseudoTerminal(linkPath: link) == link)
        var controller = try RawController(serialPath: link)
        controller.send([0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x02, 0xFF])
        controller.close()
        await simulator.stopPseudoTerminal()
        #expect(access(link, F_OK) != 0)
        try await simulator.startPseudoTerminal(linkPath: link)
        controller = try RawController(serialPath: link)
        controller.send([0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0x02, 0xFF])
        controller.close()
        await simulator.stop()
        #expect(access(link, F_OK) != 0)
    }

    /// At 9600 bit/s the ACK of a 7-byte command cannot come before 10 byte times on the wire.
    @Test func pacingAt9600() async throws {
        let (simulator, controller) = try await connected(baudRate: .b9600)
        defer { controller.close() }
        var elapsed: [Duration] = []
        for _ in 0..<5 {
            let started = ContinuousClock.now
            controller.send([0x81, 0x01, 0x04, 0x3F, 0x01, 0x01, 0xFF])
            #expect(await controller.next() == [0x90, 0x41, 0xFF])
            elapsed.append(ContinuousClock.now - started)
            #expect(await controller.next() == [0x90, 0x51, 0xFF])
        }
        let wire = BaudRate.b9600.byteTime * 10
        #expect(elapsed.allSatisfy { $0 >= wire }, "ACK after \(elapsed), wire time \(wire)")
        await simulator.stop()
    }
}
