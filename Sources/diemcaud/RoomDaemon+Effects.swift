import Camera
import Codec
import Control
import Logbook
import FoundationEssentials
import Microphones
import Room
import Support
import VISCA
import Localization

extension RoomDaemon {
    /// Hands one effect to the driver that carries it out, and returns what
    /// a reply can wait for: the device's answer, the logbook's write. What
    /// a device reports back on its own comes in as an input.
    func carryOut(_ effect: Effect) -> Commitment? {
        let log = log
        switch effect {
        case .log(let entry):
            return .logbook(logbookWriter.add(entry))

        case .setMicrophone(let channel, let muted):
            guard let desk = microphoneDesk else {
                return .device(PendingAnswer(.failed(Message("microphone {channel}: the room has no microphones configured", ["channel": channel]))), camera: false)
            }
            return .device(desk.set(channel, muted: muted), camera: false)

        case .camera(let order):
            switch order {
            case .standby, .powerOn:
                // Put away, or woken, every camera of the room.
                for queue in otherCameraQueues.values { _ = queue.send(order) }
            case .recall, .store, .panTiltStart, .panTiltStop, .zoomStart, .zoomStop:
                break
            }
            if let name = order.preset?.camera {
                guard let queue = otherCameraQueues[name] else {
                    log.warning(Message("camera {name}: {order} asked for, but the room has no such camera working", ["name": name, "order": "\(order)"]))
                    return .device(PendingAnswer(.failed(Message("camera {name}: not set up (see the log at start)", ["name": name]))), camera: true)
                }
                return .device(queue.send(order), camera: true)
            }
            guard let cameraQueue else {
                log.warning(Message("camera: {order} asked for, but the room has no camera configured", ["order": "\(order)"]))
                return .device(PendingAnswer(.failed(Message("camera: the room has no camera configured (cameras in the room file)"))), camera: true)
            }
            return .device(cameraQueue.send(order), camera: true)

        case .callControl(let authorization):
            guard let terminal = devices.terminal else {
                log.error(Message("terminal: {order} was authorised, but the room has no terminal API configured", ["order": "\(authorization.order)"]))
                return .device(PendingAnswer(.failed(Message("terminal: the room has no terminal API configured"))), camera: false)
            }
            let answer = PendingAnswer()
            terminalWork.enqueue {
                do {
                    let report = try await terminal.perform(authorization)
                    log.notice(Message("terminal: {report}", parts: ["report": .about(report)]))
                    switch report.outcome {
                    case .accepted: answer.fulfil(.done)
                    case .refused(let text), .failed(let text):
                        answer.fulfil(.failed(Message("terminal: {order}: {answer}", ["order": "\(authorization.order)", "answer": text])))
                    }
                } catch {
                    log.error(Message("terminal: {order} asked by {who} failed: {fault}", ["order": "\(authorization.order)", "who": authorization.requestedBy],
                                      parts: ["fault": .about(error)]))
                    answer.fulfil(.failed(Message("terminal: {order}: {fault}", ["order": "\(authorization.order)"], parts: ["fault": .about(error)])))
                }
            }
            return .device(answer, camera: false)

        case .event(let event):
            let messages = ControlEvents.messages(for: event)
            eventWork.enqueue { [weak self] in
                for message in messages { await self?.publish(message) }
            }
            return nil

        case .keepPreset(let preset):
            guard let presetBook else {
                return .device(PendingAnswer(.failed(Message("preset book: the room has no state directory to keep it in"))), camera: false)
            }
            let camera = preset.camera ?? mainCameraName
            let answer = PendingAnswer()
            // One at a time: each reads the book, adds its name and replaces the file.
            presetBookWork.enqueue {
                do throws(CameraError) {
                    try presetBook.keep(preset, camera: camera)
                    answer.fulfil(.done)
                } catch {
                    log.error(Message("preset book: {preset} not kept: {fault}", ["preset": "\(preset)"], parts: ["fault": .about(error)]))
                    answer.fulfil(.failed(Message("preset book: {fault}", parts: ["fault": .about(error)])))
                }
            }
            return .device(answer, camera: false)

        case .runReadinessCheck(let trigger):
            let devices = devices, logbook = logbook, floor = Set(state.floor.channels.map(\.text))
            Task { [weak self] in
                let report = await SelfTest.run(trigger, devices: devices, logbook: logbook, floor: floor)
                await self?.submit(.readiness(report))
            }
            return nil
        }
    }
}

extension RoomDaemon {
    /// Sends an event once `answer` says the device did it, in its place
    /// among the other events; an event for something that failed is not
    /// sent (the failure is: ERR device, and the device's own events).
    func publish(_ effect: Effect, once answer: PendingAnswer) {
        guard case .event(let event) = effect else { return }
        let messages = ControlEvents.messages(for: event)
        eventWork.enqueue { [weak self] in
            // Failed, or merged into a later opposite change: it did not happen.
            guard case .done = await answer.value else { return }
            for message in messages { await self?.publish(message) }
        }
    }
}

/// What one effect set going that a reply can wait for.
enum Commitment: Sendable {
    /// A device's answer; `camera` says whether it is the camera's (a reply
    /// waits for the camera only when the command was a camera order).
    case device(PendingAnswer, camera: Bool)
    /// The logbook's write: nil once on the disk.
    case logbook(LogbookWriter.Written)
}

/// The camera orders of the rules, in the driver's terms, each for the
/// room's camera at its address on the chain.
enum CameraOrders {
    /// `acknowledged` hears of the camera's ACK of a recall or a store,
    /// which then still moves (or saves) until its Completion.
    static func carryOut(_ order: CameraOrder, on camera: RoomCamera, acknowledged: @escaping @Sendable () -> Void = {}) async throws {
        let chain = camera.chain, address = camera.address
        let profile = chain.profile
        switch order {
        case .recall(let preset):
            try await chain.recall(preset: preset.slot, camera: address, acknowledged: acknowledged)
        case .store(let preset):
            try await chain.store(preset: preset.slot, camera: address, acknowledged: acknowledged)
        case .panTiltStart(let direction):
            let (pan, tilt) = axes(of: direction)
            try await chain.move(
                pan: pan, tilt: tilt, panSpeed: middle(of: profile.panSpeedRange),
                tiltSpeed: middle(of: profile.tiltSpeedRange), camera: address)
        case .panTiltStop:
            try await chain.stopMoving(camera: address)
        case .zoomStart(let direction):
            try await chain.zoom(drive(of: direction), camera: address)
        case .zoomStop:
            try await chain.zoom(.stop, camera: address)
        case .powerOn:
            try await chain.power(.on, camera: address)
        case .standby:
            try await chain.power(.standby, camera: address)
        }
    }

    /// A comfortable speed for a technician holding a key: the middle of the model's range.
    static func middle(of range: ClosedRange<Int>) -> Int {
        (range.lowerBound + range.upperBound) / 2
    }

    static func drive(of direction: CameraOrder.ZoomDirection) -> ZoomDrive {
        switch direction {
        case .tele: .tele
        case .wide: .wide
        }
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
