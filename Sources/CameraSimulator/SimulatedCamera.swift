import VISCA

/// Who sent a message to the simulator (a pseudo-terminal, a TCP connection,
/// one UDP datagram); replies to that message go back the same way.
public typealias Requester = Int

/// Bytes the simulator sends, to the requester of the message that caused
/// them, or to every controller when `requester` is nil (Network Change).
public struct Outgoing: Hashable, Sendable {
    public var bytes: [UInt8]
    public var requester: Requester?
}

/// One camera of the chain, held to the vendor's documented behaviour: two
/// sockets, ACK then Completion, errors 02/03/04/05/41, inquiries answered
/// without ACK.
struct SimulatedCamera: Sendable {
    var address: CameraAddress
    let model: CameraModel
    var power: PowerState = .on
    var pan: Axis
    var tilt: Axis
    var zoom: Axis
    var focus: FocusMode = .auto
    var presets: [Int: PresetMemory] = [:]
    var lastRecalledPreset: Int?
    /// Commands executing, by socket (1 and 2).
    var sockets: [Int: Job] = [:]
    /// A silent camera neither executes nor answers (a hung or unpowered camera).
    var isSilent = false

    struct Job: Sendable {
        var command: Command
        var requester: Requester
        var due: Duration
    }

    /// Pan and tilt speed in position units per second per speed step (EVI-D70: 0x18 ≈ 100°/s).
    static let panTiltUnitsPerSpeedStep = 55.0
    /// Zoom speed in units per second: standard, and per variable speed step (0...7).
    static let zoomStandardUnitsPerSecond = 5000.0
    static let zoomUnitsPerSpeedStep = 900.0

    init(address: CameraAddress, model: CameraModel) {
        self.address = address
        self.model = model
        pan = Axis(range: model.panRange, position: 0)
        tilt = Axis(range: model.tiltRange, position: 0)
        zoom = Axis(range: model.zoomRange, position: model.zoomRange.lowerBound)
    }

    func state(at now: Duration) -> CameraState {
        CameraState(
            address: address, power: power, pan: pan.position(at: now), tilt: tilt.position(at: now),
            zoom: zoom.position(at: now), focus: focus, presets: presets, lastRecalledPreset: lastRecalledPreset,
            busySockets: sockets.keys.sorted(), isSilent: isSilent)
    }

    private func reply(_ kind: Reply.Kind, to requester: Requester) -> Outgoing {
        Outgoing(bytes: Reply(sender: .camera(address), kind: kind).encoded, requester: requester)
    }

    /// `x0 60 01 FF`: a message longer than the camera takes.
    func messageLengthError(to requester: Requester) -> Outgoing {
        reply(.failed(socket: 0, .messageLength), to: requester)
    }

    /// `x0 60 02 FF`.
    func syntaxError(to requester: Requester) -> Outgoing {
        reply(.failed(socket: 0, .syntax), to: requester)
    }

    func networkChange() -> Outgoing {
        Outgoing(bytes: Reply(sender: .camera(address), kind: .networkChange).encoded, requester: nil)
    }

    /// Empties both sockets (their Completions are never sent) and stops the motors.
    mutating func clearInterface(at now: Duration) {
        sockets.removeAll()
        stopAll(at: now)
    }

    /// A command addressed to this camera.
    mutating func handle(_ command: Command, from requester: Requester, at now: Duration, timing: MotionTiming) -> [Outgoing] {
        switch command {
        case .addressSet:
            return []  // only ever broadcast; the chain handles it
        case .interfaceClear:
            clearInterface(at: now)
            return [reply(.completed(socket: 0), to: requester)]
        case .cancel(let socket):
            guard let job = sockets.removeValue(forKey: socket) else {
                return [reply(.failed(socket: socket, .noSocket), to: requester)]
            }
            if job.command.isMotion { stopAll(at: now) }
            return [reply(.failed(socket: socket, .cancelled), to: requester)]
        case .inquiry(let inquiry):
            return [reply(.answer(data: answer(inquiry, at: now).data), to: requester)]
        default:
            break
        }
        guard accepts(command, at: now) else { return [syntaxError(to: requester)] }
        guard let socket = [1, 2].first(where: { sockets[$0] == nil }) else {
            return [reply(.failed(socket: 0, .bufferFull), to: requester)]
        }
        if power == .standby, command != .power(.on), command != .power(.standby) {
            // Sony's tables (EVI-H100S, FCB, SRG) list `90 61 41 FF` / `90 62 41 FF` as the
            // whole reply: no ACK, and y is the socket the command would have taken.
            return [reply(.failed(socket: socket, .notExecutable), to: requester)]
        }
        var out = [reply(.acknowledged(socket: socket), to: requester)]
        let duration = execute(command, at: now, timing: timing)
        if duration <= .zero {
            out.append(reply(.completed(socket: socket), to: requester))
        } else {
            sockets[socket] = Job(command: command, requester: requester, due: now + duration)
        }
        return out
    }

    /// Completions of the jobs due by `now`, earliest first.
    mutating func completions(dueBy now: Duration) -> [Outgoing] {
        let due = sockets.filter { $0.value.due <= now }.sorted { ($0.value.due, $0.key) < ($1.value.due, $1.key) }
        return due.map { socket, job in
            sockets[socket] = nil
            return reply(.completed(socket: socket), to: job.requester)
        }
    }

    var nextDeadline: Duration? { sockets.values.map(\.due).min() }

    // MARK: - What the camera accepts and does

    private func accepts(_ command: Command, at now: Duration) -> Bool {
        switch command {
        case .preset(_, let number):
            return model.hasPreset(number)
        case .panTiltDrive(let panDirection, let tiltDirection, let panSpeed, let tiltSpeed):
            return speedAccepted(panSpeed, model.panSpeeds, stopped: panDirection == .stop)
                && speedAccepted(tiltSpeed, model.tiltSpeeds, stopped: tiltDirection == .stop)
        case .absolutePosition(let panTarget, let tiltTarget, let panSpeed, let tiltSpeed):
            return model.panSpeeds.contains(panSpeed) && model.tiltSpeeds.contains(tiltSpeed)
                && model.panRange.contains(panTarget) && model.tiltRange.contains(tiltTarget)
        case .relativePosition(let panOffset, let tiltOffset, let panSpeed, let tiltSpeed):
            return model.panSpeeds.contains(panSpeed) && model.tiltSpeeds.contains(tiltSpeed)
                && model.panRange.contains(pan.position(at: now) + panOffset)
                && model.tiltRange.contains(tilt.position(at: now) + tiltOffset)
        case .zoomDirect(let position):
            return model.zoomRange.contains(position)
        default:
            return true
        }
    }

    private func speedAccepted(_ speed: Int, _ range: ClosedRange<Int>, stopped: Bool) -> Bool {
        range.contains(speed) || (stopped && speed == 0 && model.acceptsZeroSpeedOnStoppedAxis)
    }

    /// Carries the command out; returns how long until its Completion.
    private mutating func execute(_ command: Command, at now: Duration, timing: MotionTiming) -> Duration {
        switch command {
        case .power(let state):
            power = state
            if state == .standby { stopAll(at: now) }
            return .zero
        case .preset(.set, let number):
            presets[number] = PresetMemory(pan: pan.position(at: now), tilt: tilt.position(at: now), zoom: zoom.position(at: now))
            return .zero
        case .preset(.reset, let number):
            presets[number] = nil
            return .zero
        case .preset(.recall, let number):
            // A preset never set holds the camera's initial position.
            let memory = presets[number] ?? PresetMemory(pan: 0, tilt: 0, zoom: model.zoomRange.lowerBound)
            lastRecalledPreset = number
            return moveAll(to: memory, at: now, timing: timing)
        case .panTiltDrive(let panDirection, let tiltDirection, let panSpeed, let tiltSpeed):
            Self.drive(&pan, panDirection == .stop ? 0 : (panDirection == .right ? 1 : -1), speed: panSpeed, at: now)
            Self.drive(&tilt, tiltDirection == .stop ? 0 : (tiltDirection == .up ? 1 : -1), speed: tiltSpeed, at: now)
            return .zero
        case .absolutePosition(let panTarget, let tiltTarget, _, _):
            return moveAll(to: PresetMemory(pan: panTarget, tilt: tiltTarget, zoom: zoom.position(at: now)), at: now, timing: timing)
        case .relativePosition(let panOffset, let tiltOffset, _, _):
            let target = PresetMemory(pan: pan.position(at: now) + panOffset, tilt: tilt.position(at: now) + tiltOffset,
                                      zoom: zoom.position(at: now))
            return moveAll(to: target, at: now, timing: timing)
        case .home, .panTiltReset:
            return moveAll(to: PresetMemory(pan: 0, tilt: 0, zoom: zoom.position(at: now)), at: now, timing: timing)
        case .zoom(let drive):
            switch drive {
            case .stop: zoom.stop(at: now)
            case .tele: zoom.drive(unitsPerSecond: Self.zoomStandardUnitsPerSecond, at: now)
            case .wide: zoom.drive(unitsPerSecond: -Self.zoomStandardUnitsPerSecond, at: now)
            case .teleVariable(let speed): zoom.drive(unitsPerSecond: Double(speed + 1) * Self.zoomUnitsPerSpeedStep, at: now)
            case .wideVariable(let speed): zoom.drive(unitsPerSecond: -Double(speed + 1) * Self.zoomUnitsPerSpeedStep, at: now)
            }
            return .zero
        case .zoomDirect(let position):
            let here = zoom.position(at: now)
            let duration = timing.duration(pan: 0, tilt: 0, zoom: position - here)
            zoom.move(to: position, at: now, taking: duration)
            return duration
        case .focus(let mode):
            switch mode {
            case .auto, .manual: focus = mode
            case .toggle: focus = focus == .auto ? .manual : .auto
            }
            return .zero
        case .addressSet, .interfaceClear, .cancel, .inquiry:
            return .zero
        }
    }

    private static func drive(_ axis: inout Axis, _ sign: Double, speed: Int, at now: Duration) {
        if sign == 0 {
            axis.stop(at: now)
        } else {
            axis.drive(unitsPerSecond: sign * Double(speed) * panTiltUnitsPerSpeedStep, at: now)
        }
    }

    private mutating func moveAll(to memory: PresetMemory, at now: Duration, timing: MotionTiming) -> Duration {
        let duration = timing.duration(
            pan: memory.pan - pan.position(at: now), tilt: memory.tilt - tilt.position(at: now),
            zoom: memory.zoom - zoom.position(at: now))
        pan.move(to: memory.pan, at: now, taking: duration)
        tilt.move(to: memory.tilt, at: now, taking: duration)
        zoom.move(to: memory.zoom, at: now, taking: duration)
        return duration
    }

    private mutating func stopAll(at now: Duration) {
        pan.stop(at: now)
        tilt.stop(at: now)
        zoom.stop(at: now)
    }

    private func answer(_ inquiry: Inquiry, at now: Duration) -> InquiryAnswer {
        switch inquiry {
        case .power: .power(power)
        case .zoomPosition: .zoomPosition(zoom.position(at: now))
        case .panTiltPosition: .panTiltPosition(pan: pan.position(at: now), tilt: tilt.position(at: now))
        case .version: .version(model.version)
        case .focusMode: .focusMode(focus)
        }
    }
}
