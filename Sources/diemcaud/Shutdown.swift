import Control
import FoundationEssentials
import Glibc
import Room
import Service
import Support
import Synchronization
import Localization

/// SIGTERM: every microphone muted first, straight on the mixer; then no
/// more control commands; then the same through the rules (so the logbook
/// says so), the camera to its privacy preset when the room has one, the
/// logbook written out, the control sockets closed.
///
/// Bounded: whatever is queued, the process ends within `limit` (5 s), well
/// inside the unit's `TimeoutStopSec=`, so systemd never has to SIGKILL it
/// with the microphones in whatever state they were in.
enum Shutdown {
    static let limit: Duration = .seconds(5)

    static func run(room: RoomDaemon, devices: RoomDevices, server: ControlServer, signal: ServiceSignal, log: ServiceLog) async {
        let started = ContinuousClock.now
        log.notice(Message("{signal}: stopping", ["signal": "\(signal)"]))
        // A last resort the main loop cannot hold up: a flood of work, a hung
        // camera or disk, and the process still ends, its status 0 only if
        // the microphones were muted.
        let muted = Atomic<Bool>(false)
        let seconds = UInt32(limit.components.seconds)
        DetachedThread.start(name: "stop deadline") {
            sleep(seconds)
            log.error(Message("stopping took longer than {seconds} s: exiting now", ["seconds": "\(seconds)"]))
            exit(muted.load(ordering: .acquiring) ? 0 : 1)
        }
        // Through the desk, so an unmute still waiting there is merged into
        // the mute and never reaches the mixer after it.
        await waitAtMost(.seconds(2)) { await room.muteEveryMicrophoneNow(log: log) }
        // No new commands from here on: the centre is told the room is stopping.
        await waitAtMost(.seconds(1)) { await server.stop() }
        // The fleet hears the room go offline (the retained state says so) after the mute.
        if let fleet = await room.fleet { await waitAtMost(.seconds(1)) { await fleet.stop() } }

        let daemon = Client(role: .technician, identity: "diemcaud (\(signal))")
        let remaining = { limit - (ContinuousClock.now - started) - .milliseconds(500) }
        await waitAtMost(remaining()) {
            // The rules' mute, confirmed by the mixer, is the one the exit status stands for.
            let mute = await room.perform(.command(.muteAll, from: daemon), waitingForCamera: false)
            if mute.problems.allSatisfy({ $0.template.hasPrefix("logbook") }) { muted.store(true, ordering: .releasing) }
            // A camera already in standby was sent to privacy by the end of the
            // meeting; one that is on is turned away from the room now.
            let state = await room.state
            if !state.cameraInStandby {
                for privacy in state.setup.presets(named: state.setup.privacyPreset) where state.cameraAnswers(privacy.camera) {
                    _ = await room.perform(.command(.camera(.recall(preset: privacy)), from: daemon), waitingForCamera: true)
                }
            }
            _ = await room.perform(.command(.note("diemcaud stopping on \(signal)"), from: daemon), waitingForCamera: false)
            await room.settle()
        }
        if let microphones = devices.microphones {
            for error in await microphones.stop() { log.error(Message("microphones: {fault}", parts: ["fault": .about(error)])) }
        }
        await room.stopTasks()
        await waitAtMost(.milliseconds(300)) {
            for chain in devices.cameraChains { await chain.close() }
            await devices.terminal?.stop()
        }
        let took = ContinuousClock.now - started
        log.notice(Message("stopped in {milliseconds} ms", ["milliseconds": "\(took.components.seconds * 1000 + took.components.attoseconds / 1_000_000_000_000_000)"]))
    }

    /// Runs `work`, giving up after `limit` so a camera that never completes
    /// cannot keep systemd waiting for the stop.
    ///
    /// Not a task group: a group waits for all its children, and `work` may
    /// wait on something cancelling does not end (a device's answer, a hung
    /// `fsync`). The loser is left to finish, or not, on its own.
    static func waitAtMost(_ limit: Duration, _ work: @escaping @Sendable () async -> Void) async {
        guard limit > .zero else { return }
        let over = Promise<Bool>()
        Task {
            await work()
            over.fulfil(true)
        }
        Task {
            try? await Task.sleep(for: limit)
            over.fulfil(false)
        }
        _ = await over.value
    }
}
