/// Whether the cameras on a link answer. The daemon shows it, logs it (R4:
/// every fault and how it was fixed) and waits for `online` before recalling.
public enum CameraStatus: Sendable, Equatable, CustomStringConvertible {
    /// Not started yet.
    case connecting
    /// The chain answered: `cameras` cameras were numbered by AddressSet (1 over IP).
    case online(cameras: Int)
    /// Nothing answers; `reason` says what was seen. The driver keeps trying.
    case offline(reason: String)
    /// Closed by its owner; no more attempts.
    case closed

    public var isOnline: Bool {
        if case .online = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .connecting: return "connecting"
        case .online(let cameras): return cameras == 1 ? "online (1 camera)" : "online (\(cameras) cameras)"
        case .offline(let reason): return "offline: \(reason)"
        case .closed: return "closed"
        }
    }
}
