import Localization

/// Whether the cameras on a link answer. The daemon shows it, logs it (R4:
/// every fault and how it was fixed) and waits for `online` before recalling.
public enum CameraStatus: Sendable, Equatable, CustomStringConvertible, Sayable {
    /// Not started yet.
    case connecting
    /// The chain answered: `cameras` cameras were numbered by AddressSet (1 over IP).
    case online(cameras: Int)
    /// Nothing answers; `reason` says what was seen. The driver keeps trying.
    case offline(reason: Message)
    /// Closed by its owner; no more attempts.
    case closed

    public var isOnline: Bool {
        if case .online = self { return true }
        return false
    }

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .connecting: Message("connecting")
        case .online(let cameras): cameras == 1 ? Message("online (1 camera)") : Message("online ({cameras} cameras)", ["cameras": "\(cameras)"])
        case .offline(let reason): Message("offline: {reason}", parts: ["reason": reason])
        case .closed: Message("closed")
        }
    }
}
