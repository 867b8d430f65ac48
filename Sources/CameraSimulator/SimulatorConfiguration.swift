import VISCA

/// How a simulated chain is built.
public struct SimulatorConfiguration: Hashable, Sendable {
    /// Cameras on the chain, 1...7 (over IP only camera 1 is reachable, as on a real IP camera).
    public var cameras: Int
    public var model: CameraModel
    /// How long moves take; by default a full pan sweep takes 2 s.
    public var timing: MotionTiming
    /// Pace the pseudo-terminal like a serial line at this rate (nil: as fast as the PTY goes).
    public var baudRate: BaudRate?
    /// Over UDP, send replies to this port whatever the controller's port
    /// (Sony cameras answer to 52381); nil answers to the sender's port.
    public var ipReplyPort: UInt16?
    /// Whether the broadcast IF_Clear (`88 01 00 01 FF`) comes back round the
    /// chain, as Sony's guides describe. `false` is a cheap PTZ clone: it
    /// neither passes the broadcast on nor acts on it, yet answers AddressSet
    /// and addressed commands, IF_Clear to itself (`8x 01 00 01 FF`) with `x0 50 FF`.
    public var echoesBroadcastInterfaceClear: Bool

    public init(
        cameras: Int = 1, model: CameraModel = .eviD70, timing: MotionTiming? = nil,
        baudRate: BaudRate? = nil, ipReplyPort: UInt16? = nil, echoesBroadcastInterfaceClear: Bool = true
    ) {
        self.cameras = cameras
        self.model = model
        self.timing = timing ?? .fullPan(.seconds(2), of: model)
        self.baudRate = baudRate
        self.ipReplyPort = ipReplyPort
        self.echoesBroadcastInterfaceClear = echoesBroadcastInterfaceClear
    }
}

/// One message the simulator received, for tests that check what a driver sent.
public struct ReceivedMessage: Hashable, Sendable, CustomStringConvertible {
    /// Time since the simulator started.
    public var time: Duration
    public var bytes: [UInt8]
    /// The decoded command, when the bytes are one this library knows.
    public var command: Command?
    public var recipient: Recipient?
    /// `pty`, `udp` or `tcp`.
    public var transport: String
    /// Over UDP, the VISCA-over-IP payload type it came in.
    public var payloadType: PayloadType?

    public var description: String {
        "\(transport) \(bytes.viscaHex)" + (command.map { " (\($0.name))" } ?? "")
    }
}
