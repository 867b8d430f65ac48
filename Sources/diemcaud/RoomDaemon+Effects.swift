import Camera
import Codec
import Control
import FoundationEssentials
import Microphones
import Room
import VISCA

extension RoomDaemon {
    /// Hands one effect to the driver that carries it out. Device work is
    /// queued per device; what a device reports back comes in as an input.
    func carryOut(_ effect: Effect) {
        let log = log
        switch effect {
        case .log(let entry):
            logbookWriter.add(entry)

        case .setMicrophone(let channel, let muted):
            guard let microphones = devices.microphones else { return }
            microphoneWork.enqueue {
                do {
                    try await microphones.set(channel, to: muted ? .muted : .live)
                } catch {
                    log.error("microphone \(channel): \(error)")
                }
            }

        case .camera(let order):
            guard let camera = devices.camera else {
                log.warning("camera: \(order) asked for, but the room has no camera configured")
                return
            }
            cameraWork.enqueue { [weak self] in
                do {
                    try await CameraOrders.carryOut(order, on: camera)
                } catch {
                    log.error("camera: \(order): \(error)")
                    await self?.submit(.camera(.fault("\(order): \(error)")))
                }
            }

        case .callControl(let authorization):
            guard let terminal = devices.terminal else {
                log.error("terminal: \(authorization.order) was authorised, but the room has no terminal API configured")
                return
            }
            terminalWork.enqueue {
                do {
                    let report = try await terminal.perform(authorization)
                    log.notice("terminal: \(report)")
                } catch {
                    log.error("terminal: \(authorization.order) asked by \(authorization.requestedBy) failed: \(error)")
                }
            }

        case .event(let event):
            let messages = ControlEvents.messages(for: event)
            eventWork.enqueue { [weak self] in
                for message in messages { await self?.publish(message) }
            }

        case .runReadinessCheck(let trigger):
            let devices = devices, logbook = logbook
            Task { [weak self] in
                let report = await SelfTest.run(trigger, devices: devices, logbook: logbook)
                await self?.submit(.readiness(report))
            }
        }
    }
}

/// The camera orders of the rules, in the driver's terms.
enum CameraOrders {
    static func carryOut(_ order: CameraOrder, on camera: CameraDriver) async throws {
        let profile = camera.profile
        switch order {
        case .recall(let preset):
            try await camera.recall(preset: preset.slot)
        case .store(let preset):
            try await camera.store(preset: preset.slot)
        case .panTiltStart(let direction):
            let (pan, tilt) = axes(of: direction)
            try await camera.move(
                pan: pan, tilt: tilt, panSpeed: middle(of: profile.panSpeedRange),
                tiltSpeed: middle(of: profile.tiltSpeedRange))
        case .panTiltStop:
            try await camera.stopMoving()
        case .zoomStart(let direction):
            try await camera.zoom(direction == .tele ? .tele : .wide)
        case .zoomStop:
            try await camera.zoom(.stop)
        case .powerOn:
            try await camera.power(.on)
        case .standby:
            try await camera.power(.standby)
        }
    }

    /// A comfortable speed for a technician holding a key: the middle of the model's range.
    static func middle(of range: ClosedRange<Int>) -> Int {
        (range.lowerBound + range.upperBound) / 2
    }

    static func axes(of direction: CameraOrder.PanTiltDirection) -> (PanDirection, TiltDirection) {
        switch direction {
        case .up: (.stop, .up)
        case .down: (.stop, .down)
        case .left: (.left, .stop)
        case .right: (.right, .stop)
        case .upLeft: (.left, .up)
        case .upRight: (.right, .up)
        case .downLeft: (.left, .down)
        case .downRight: (.right, .down)
        }
    }
}
