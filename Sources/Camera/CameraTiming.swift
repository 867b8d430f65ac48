import VISCA

/// How long the driver waits for each kind of reply, and how it watches the
/// camera. The defaults report a silent camera offline within 2 s.
public struct CameraTiming: Sendable {
    /// ACK or error after a command (Sony cameras answer in a few ms; the wire
    /// takes ~15 ms at 9600 bit/s).
    public var acknowledgement: Duration = .milliseconds(500)
    /// An inquiry's answer; an inquiry is asked again `inquiryAttempts` times in all.
    public var inquiry: Duration = .milliseconds(400)
    public var inquiryAttempts = 2
    /// IF_Clear and AddressSet (they travel round the whole chain).
    public var chainSetup: Duration = .milliseconds(700)
    /// Completion of a short command (focus, zoom drive, preset store and reset).
    public var shortCompletion: Duration = .seconds(3)
    /// Completion of power on/standby (a Sony camera takes several seconds to wake).
    public var powerCompletion: Duration = .seconds(20)
    /// Silence after which the driver asks the camera something to know it is there.
    public var heartbeat: Duration = .milliseconds(700)
    /// Between attempts to reopen a lost link or to wake a silent camera.
    public var reconnect: Duration = .milliseconds(500)
    /// How many commands may be executing in one camera at once (its sockets).
    public var socketsPerCamera = 2

    public init() {}

    /// How long to wait for the Completion of `command` on a camera of `profile`.
    func completion(for command: Command, profile: CameraProfile) -> Duration {
        switch command {
        case .power: return powerCompletion
        case .preset(.recall, _), .absolutePosition, .relativePosition, .home, .panTiltReset:
            return .seconds(profile.recallSeconds) + .seconds(2)
        default: return shortCompletion
        }
    }
}

extension Duration {
    /// Whole milliseconds, for messages.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
