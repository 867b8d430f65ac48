import Control
import FoundationEssentials
import Room
import Service

/// SIGTERM: every microphone muted (through the rules, so the logbook says
/// so), the camera to its privacy preset when the room has one, the
/// logbook written out, the control sockets closed.
enum Shutdown {
    static func run(room: RoomDaemon, devices: RoomDevices, server: ControlServer, signal: ServiceSignal, log: ServiceLog) async {
        log.notice("\(signal): stopping")
        let daemon = Client(role: .technician, identity: "diemcaud (\(signal))")
        await room.submit(.command(.muteAll, from: daemon))
        // A camera already in standby was sent to privacy by the end of the
        // meeting; one that is on is turned away from the room now.
        let state = await room.state
        if !state.cameraInStandby, let privacy = state.setup.preset(named: state.setup.privacyPreset) {
            await room.submit(.command(.camera(.recall(preset: privacy)), from: daemon))
        }
        await room.submit(.command(.note("diemcaud stopping on \(signal)"), from: daemon))
        await waitAtMost(.seconds(5)) { await room.settle() }
        if let microphones = devices.microphones {
            for error in await microphones.stop() { log.error("microphones: \(error)") }
        }
        await server.stop()
        await room.stopTasks()
        if let camera = devices.camera { await camera.close() }
        await devices.terminal?.stop()
        log.notice("stopped")
    }

    /// Runs `work`, giving up after `limit` so a camera that never completes
    /// cannot keep systemd waiting for the stop.
    static func waitAtMost(_ limit: Duration, _ work: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await work() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }
}
