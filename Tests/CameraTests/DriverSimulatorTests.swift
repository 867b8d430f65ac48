import CameraSimulator
import Foundation
import Links
import Testing
import VISCA
@testable import Camera

/// The driver against the simulated camera, which follows Sony's tables, over
/// a real pseudo-terminal pair (TTYLink).
@Suite("Driver and simulated camera over a pseudo-terminal")
struct DriverSimulatorTests {
    @Test("store, recall and reset presets: the camera goes where it was when stored")
    func presets() async throws {
        let room = try await SimulatedRoom.start(motion: .instant)
        let driver = room.driver
        _ = try await driver.execute(.absolutePosition(pan: 500, tilt: 200, panSpeed: 0x10, tiltSpeed: 0x10))
        try await driver.zoom(to: 0x1000)
        try await driver.store(preset: 2)
        try await driver.home()
        #expect(try await room.state().pan == 0)
        try await driver.recall(preset: 2)
        let state = try await room.state()
        #expect(state.pan == 500 && state.tilt == 200 && state.zoom == 0x1000)
        #expect(state.lastRecalledPreset == 2)
        #expect(await driver.lastRecalledPreset() == 2)
        try await driver.reset(preset: 2)
        #expect(try await room.state().presets[2] == nil)
        // Out of the EVI-D70's range: refused before anything is sent.
        let sent = await room.simulator.receivedMessages().count
        await #expect(throws: CameraError.self) { try await driver.recall(preset: 6) }
        #expect(await room.simulator.receivedMessages().count == sent)
        await room.stop()
    }

    @Test("move, stop, zoom, focus and power change the camera; motion in standby is refused with error 41")
    func moveZoomFocusPower() async throws {
        let room = try await SimulatedRoom.start(motion: .instant)
        let driver = room.driver
        try await driver.move(pan: .right, tilt: .up, panSpeed: 0x18, tiltSpeed: 0x17)
        try await Task.sleep(for: .milliseconds(150))
        try await driver.stopMoving()
        let moved = try await room.state()
        #expect(moved.pan > 0 && moved.tilt > 0)
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await room.state().pan == moved.pan)

        try await driver.zoom(to: 0x2000)
        #expect(try await room.state().zoom == 0x2000)
        #expect(try await driver.inquire(.focusMode) == .focusMode(.auto))
        try await driver.focus(.manual)
        #expect(try await room.state().focus == .manual)
        #expect(try await driver.inquire(.focusMode) == .focusMode(.manual))

        try await driver.power(.standby)
        #expect(try await room.state().power == .standby)
        await #expect { try await driver.recall(preset: 1) } throws: { error in
            guard case CameraError.rejected(_, _, .notExecutable) = error else { return false }
            return "\(error)".contains("standby")
        }
        try await driver.power(.on)
        try await driver.recall(preset: 1)
        await room.stop()
    }

    @Test("inquiries: power, zoom, pan-tilt position and version, as the camera holds them")
    func inquiries() async throws {
        let room = try await SimulatedRoom.start(motion: .instant)
        let driver = room.driver
        _ = try await driver.execute(.absolutePosition(pan: -300, tilt: 100, panSpeed: 1, tiltSpeed: 1))
        try await driver.zoom(to: 0x0ABC)
        #expect(try await driver.inquire(.power) == .power(.on))
        #expect(try await driver.inquire(.zoomPosition) == .zoomPosition(0x0ABC))
        #expect(try await driver.inquire(.panTiltPosition) == .panTiltPosition(pan: -300, tilt: 100))
        #expect(try await driver.inquire(.version) == .version(CameraModel.eviD70.version))
        await room.stop()
    }

    @Test("a long recall and a short command interleave: ACK 1, ACK 2, Completion 2, Completion 1")
    func interleavedSockets() async throws {
        let room = try await SimulatedRoom.start(motion: .fullPan(.seconds(2), of: .eviD70))
        let driver = room.driver
        await room.simulator.setMotionTiming(.instant)
        _ = try await driver.execute(.absolutePosition(pan: 2000, tilt: 0, panSpeed: 0x18, tiltSpeed: 0x17))
        try await driver.store(preset: 3)
        try await driver.home()
        await room.simulator.setMotionTiming(.fullPan(.seconds(2), of: .eviD70))

        let recall = Task { try await driver.recall(preset: 3) }
        #expect(await eventually { await driver.executingCommands()[1] == .preset(.recall, 3) })
        try await driver.focus(.manual)
        #expect(await driver.executingCommands()[1] == .preset(.recall, 3))
        try await recall.value
        #expect(try await room.state().pan == 2000)
        #expect(await driver.statistics.strayReplies == 0)
        await room.stop()
    }

    @Test("a camera that already executes two commands answers Buffer Full; the driver says so")
    func bufferFull() async throws {
        // Another controller on the chain (an IR remote, a second control
        // system) can hold a socket the driver does not know about: let the
        // driver send a third command to see the camera's own answer.
        var timing = testTiming()
        timing.socketsPerCamera = 3
        let room = try await SimulatedRoom.start(timing: timing, motion: .fullPan(.seconds(4), of: .eviD70))
        let driver = room.driver
        let first = Task { try await driver.execute(.absolutePosition(pan: 2000, tilt: 0, panSpeed: 1, tiltSpeed: 1)) }
        #expect(await eventually { await driver.executingCommands().count == 1 })
        let second = Task { try await driver.execute(.zoomDirect(position: 0x4000)) }
        #expect(await eventually { await driver.executingCommands().count == 2 })
        await #expect { try await driver.recall(preset: 0) } throws: { error in
            guard case CameraError.rejected(let command, _, .bufferFull) = error else { return false }
            return command == "preset recall 0" && "\(error)".contains("buffer full")
        }
        try await driver.cancel(socket: 1)
        try await driver.cancel(socket: 2)
        await #expect(throws: CameraError.self) { try await first.value }
        await #expect(throws: CameraError.self) { try await second.value }
        await room.stop()
    }

    @Test("Command Cancel stops a recall in its socket; cancelling an empty socket is 'no socket'")
    func cancel() async throws {
        let room = try await SimulatedRoom.start(motion: .fullPan(.seconds(4), of: .eviD70))
        let driver = room.driver
        let move = Task { try await driver.execute(.absolutePosition(pan: 2200, tilt: 0, panSpeed: 1, tiltSpeed: 1)) }
        #expect(await eventually { await driver.executingCommands()[1] != nil })
        try await Task.sleep(for: .milliseconds(100))
        try await driver.cancel(socket: 1)
        await #expect { try await move.value } throws: { error in
            guard case CameraError.rejected(_, _, .cancelled) = error else { return false }
            return true
        }
        let stoppedAt = try await room.state().pan
        #expect(stoppedAt > 0 && stoppedAt < 2200)
        await #expect { try await driver.cancel(socket: 2) } throws: { error in
            guard case CameraError.rejected(_, _, .noSocket) = error else { return false }
            return true
        }
        await room.stop()
    }

    @Test("a Network Change while a recall executes: the recall completes and AddressSet runs again")
    func networkChangeMidCommand() async throws {
        let room = try await SimulatedRoom.start(motion: .fullPan(.seconds(2), of: .eviD70))
        let driver = room.driver
        await room.simulator.setMotionTiming(.instant)
        _ = try await driver.execute(.absolutePosition(pan: 1500, tilt: 0, panSpeed: 1, tiltSpeed: 1))
        try await driver.store(preset: 4)
        try await driver.home()
        await room.simulator.setMotionTiming(.fullPan(.seconds(2), of: .eviD70))
        let recall = Task { try await driver.recall(preset: 4) }
        #expect(await eventually { await driver.executingCommands()[1] != nil })
        await room.simulator.sendNetworkChange()
        try await recall.value
        #expect(await eventually { await room.commands().filter { $0 == .addressSet }.count == 2 })
        #expect(await driver.statistics.networkChanges == 1)
        #expect(await driver.status == .online(cameras: 1))
        try await driver.recall(preset: 0)
        await room.stop()
    }

    @Test("line noise and a bogus message between replies are skipped; work goes on")
    func garbage() async throws {
        let room = try await SimulatedRoom.start(motion: .instant)
        let driver = room.driver
        await room.simulator.inject([0x00, 0x13, 0x7F, 0xFF, 0x41])
        try await driver.recall(preset: 1)
        await room.simulator.inject([0x90, 0x77, 0x77, 0xFF])
        #expect(try await driver.inquire(.power) == .power(.on))
        let statistics = await driver.statistics
        #expect(statistics.discardedBytes >= 5)
        #expect(statistics.malformedReplies == 1)
        await room.stop()
    }

    @Test("three cameras on a daisy chain are numbered; each answers for itself; camera 4 does not exist")
    func daisyChain() async throws {
        let room = try await SimulatedRoom.start(cameras: 3, motion: .instant)
        let driver = room.driver
        #expect(await driver.status == .online(cameras: 3))
        try await driver.zoom(to: 0x0300, camera: 3)
        try await driver.zoom(to: 0x0100, camera: 1)
        #expect(try await room.state(3).zoom == 0x0300)
        #expect(try await room.state(2).zoom == 0)
        #expect(try await driver.inquire(.zoomPosition, camera: 3) == .zoomPosition(0x0300))
        await #expect { try await driver.recall(preset: 1, camera: 4) } throws: { error in
            guard case CameraError.notOnChain(4, _, 3) = error else { return false }
            return true
        }
        await room.stop()
    }

    @Test("a chain of two clones that swallow the broadcast IF_Clear: numbered, each cleared by address, each driven")
    func cloneChain() async throws {
        let notes = Notes()
        let room = try await SimulatedRoom.start(cameras: 2, motion: .instant, echoesBroadcastInterfaceClear: false, notes: notes)
        let driver = room.driver
        #expect(await driver.status == .online(cameras: 2))
        let setUp = await room.simulator.receivedMessages().map(\.bytes)
        #expect(setUp == [[0x88, 0x01, 0x00, 0x01, 0xFF], [0x88, 0x30, 0x01, 0xFF],
                          [0x81, 0x01, 0x00, 0x01, 0xFF], [0x82, 0x01, 0x00, 0x01, 0xFF]])
        try await driver.recall(preset: 3, camera: 2)
        #expect(try await room.state(2).lastRecalledPreset == 3)
        #expect(try await room.state(1).lastRecalledPreset == nil)
        #expect(notes.all.count == 1 && notes.all[0].contains("one of cameras 1-2"), "\(notes.all)")
        await room.stop()
    }

    @Test("the BRC-300 refuses speed 00 on a stopped axis: its profile sends 01, another profile's 00 is refused")
    func brc300Quirk() async throws {
        let right = try await SimulatedRoom.start(model: .brc300, profile: "sony-brc-300", motion: .instant)
        try await right.driver.move(pan: .left, tilt: .stop, panSpeed: 5, tiltSpeed: 0)
        try await right.driver.stopMoving()
        await right.stop()

        let wrong = try await SimulatedRoom.start(model: .brc300, profile: "sony-evi-d70", motion: .instant)
        await #expect { try await wrong.driver.move(pan: .left, tilt: .stop, panSpeed: 5, tiltSpeed: 0) } throws: { error in
            guard case CameraError.rejected(_, _, .syntax) = error else { return false }
            return true
        }
        await wrong.stop()
    }

    @Test("PTZOptics: presets 100-254 work, 90-99 are refused before sending")
    func ptzopticsPresets() async throws {
        let room = try await SimulatedRoom.start(model: .ptzOptics, profile: "ptzoptics", motion: .instant)
        try await room.driver.store(preset: 120)
        try await room.driver.recall(preset: 120)
        await #expect(throws: CameraError.self) { try await room.driver.recall(preset: 95) }
        #expect(await !room.commands().contains(.preset(.recall, 95)))
        await room.stop()
    }

    @Test("paced at 9600 bit/s, two commands to a camera in standby both come back as error 41, each to its caller")
    func pacedNotExecutable() async throws {
        let room = try await SimulatedRoom.start(motion: .instant, baudRate: .b9600)
        let driver = room.driver
        try await driver.power(.standby)
        let recall = Task { try await driver.recall(preset: 1) }
        let focus = Task { try await driver.focus(.auto) }
        await #expect { try await recall.value } throws: { error in
            guard case CameraError.rejected(let command, _, .notExecutable) = error else { return false }
            return command == "preset recall 1"
        }
        await #expect { try await focus.value } throws: { error in
            guard case CameraError.rejected(let command, _, .notExecutable) = error else { return false }
            return command == "focus auto"
        }
        try await driver.power(.on)
        try await driver.recall(preset: 1)
        #expect(await driver.statistics.strayReplies == 0)
        await room.stop()
    }
}
