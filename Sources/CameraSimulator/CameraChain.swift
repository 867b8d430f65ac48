import VISCA

/// A daisy chain of 1 to 7 simulated cameras as the controller sees it: a
/// one-way ring where every message passes camera 1, then 2, ..., and what
/// comes out of the last camera returns to the controller.
///
/// Pure and clock-free: every call says what time it is (time since the
/// simulator started), and the chain says when it next has something to
/// send (`nextDeadline`). The `CameraSimulator` actor drives it with a clock.
public struct CameraChain: Sendable {
    private(set) var cameras: [SimulatedCamera]
    public var timing: MotionTiming
    public let model: CameraModel
    /// Whether the broadcast IF_Clear comes back (false: a clone that swallows it).
    public let echoesBroadcastInterfaceClear: Bool

    /// A chain of `count` cameras of one model, already numbered 1...count
    /// (as after AddressSet; AddressSet renumbers them).
    public init(count: Int, model: CameraModel, timing: MotionTiming, echoesBroadcastInterfaceClear: Bool = true) {
        precondition(CameraAddress.range.contains(count), "a VISCA chain holds 1 to 7 cameras")
        self.model = model
        self.timing = timing
        self.echoesBroadcastInterfaceClear = echoesBroadcastInterfaceClear
        cameras = CameraAddress.all.prefix(count).map { SimulatedCamera(address: $0, model: model) }
    }

    public var count: Int { cameras.count }

    public func state(of address: CameraAddress, at now: Duration) -> CameraState? {
        cameras.first { $0.address == address }?.state(at: now)
    }

    public func states(at now: Duration) -> [CameraState] { cameras.map { $0.state(at: now) } }

    /// One framed message from the controller.
    public mutating func receive(_ message: [UInt8], from requester: Requester, at now: Duration) -> [Outgoing] {
        var out = advance(to: now)
        guard let recipient = Recipient(header: message[0]) else {
            // Not a command: it passes every camera and comes back unchanged.
            return out + [Outgoing(bytes: message, requester: requester)]
        }
        let decoded = try? Command.decode(message)
        switch recipient {
        case .broadcast:
            out += broadcast(decoded?.command, message, from: requester, at: now)
        case .camera(let address):
            guard let index = cameras.firstIndex(where: { $0.address == address }) else {
                // No camera has this address: the message goes round the ring and back.
                return out + [Outgoing(bytes: message, requester: requester)]
            }
            guard !cameras[index].isSilent else { return out }
            guard let command = decoded?.command else { return out + [cameras[index].syntaxError(to: requester)] }
            out += cameras[index].handle(command, from: requester, at: now, timing: timing)
        }
        return out
    }

    /// A message the framer dropped as longer than 16 bytes: the camera it was
    /// for (or camera 1) answers `x0 60 01 FF`.
    public mutating func receiveTooLong(_ message: [UInt8], from requester: Requester, at now: Duration) -> [Outgoing] {
        let address = message.first.flatMap { Recipient(header: $0) }.flatMap { recipient -> CameraAddress? in
            if case .camera(let address) = recipient { address } else { nil }
        }
        let camera = cameras.first { $0.address == address } ?? cameras[0]
        guard !camera.isSilent else { return advance(to: now) }
        return advance(to: now) + [camera.messageLengthError(to: requester)]
    }

    private mutating func broadcast(_ command: Command?, _ message: [UInt8], from requester: Requester, at now: Duration) -> [Outgoing] {
        switch command {
        case .addressSet:
            // Each camera takes the number it receives and passes on the next one.
            var next = Int(message[2])
            for index in cameras.indices {
                if let address = CameraAddress(rawValue: UInt8(truncatingIfNeeded: next)) { cameras[index].address = address }
                next += 1
            }
            return [Outgoing(bytes: Reply(sender: .broadcast, kind: .addressSet(nextAddress: next)).encoded, requester: requester)]
        case .interfaceClear:
            guard echoesBroadcastInterfaceClear else { return [] }
            for index in cameras.indices where !cameras[index].isSilent { cameras[index].clearInterface(at: now) }
            return [Outgoing(bytes: message, requester: requester)]
        default:
            // Other broadcasts are not modelled: the message comes back round the ring.
            return [Outgoing(bytes: message, requester: requester)]
        }
    }

    /// Completions due by `now`, in time order.
    public mutating func advance(to now: Duration) -> [Outgoing] { completions(dueBy: now).map(\.outgoing) }

    /// Completions due by `now`, in time order, each with the time it fell due.
    public mutating func completions(dueBy now: Duration) -> [(due: Duration, outgoing: Outgoing)] {
        var due: [(due: Duration, outgoing: Outgoing)] = []
        for index in cameras.indices {
            let deadlines = cameras[index].sockets.mapValues(\.due)
            let completions = cameras[index].completions(dueBy: now)
            // A silent camera finishes its moves but tells nobody.
            guard !cameras[index].isSilent else { continue }
            for outgoing in completions {
                let socket = Int(outgoing.bytes[1] & 0x0F)
                due.append((deadlines[socket] ?? now, outgoing))
            }
        }
        return due.sorted { $0.due < $1.due }
    }

    /// When the next Completion is due, if any command is executing.
    public var nextDeadline: Duration? { cameras.compactMap(\.nextDeadline).min() }

    /// `x0 38 FF` from one camera, as after its power was cycled.
    public func networkChange(from address: CameraAddress) -> Outgoing? {
        cameras.first { $0.address == address && !$0.isSilent }?.networkChange()
    }

    public mutating func setSilent(_ silent: Bool, camera address: CameraAddress?) {
        for index in cameras.indices where address == nil || cameras[index].address == address {
            cameras[index].isSilent = silent
        }
    }

    /// Puts a camera in a power state directly (a technician at the camera's remote).
    public mutating func setPower(_ power: PowerState, camera address: CameraAddress) {
        for index in cameras.indices where cameras[index].address == address { cameras[index].power = power }
    }
}
