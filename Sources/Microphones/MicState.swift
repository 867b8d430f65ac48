/// Whether a microphone passes sound.
public enum MicState: String, Codable, Sendable, Hashable {
    case muted
    case live
}

/// What is known about a channel right now.
public enum MicStatus: Sendable, Hashable, CustomStringConvertible {
    case muted
    case live
    /// The channel cannot be reached: its card is gone, its sound server is
    /// down, or it is configured wrong. The reason says which.
    case unavailable(reason: String)

    public init(_ state: MicState) {
        self = state == .muted ? .muted : .live
    }

    /// The state, when the channel is available.
    public var state: MicState? {
        switch self {
        case .muted: .muted
        case .live: .live
        case .unavailable: nil
        }
    }

    public var description: String {
        switch self {
        case .muted: "muted"
        case .live: "live"
        case .unavailable(let reason): "unavailable: \(reason)"
        }
    }
}

/// Something that happened to a channel without the driver being asked:
/// a change made behind its back, a card or server that went away, a
/// channel re-attached.
public struct MicEvent: Sendable, Hashable, CustomStringConvertible {
    public enum Cause: String, Sendable, Hashable {
        /// Someone else changed the mute (alsamixer, pactl, a button on the interface).
        case outsideChange
        /// The card or the sound server went away.
        case lost
        /// The card or the sound server is back; the desired state was re-asserted,
        /// and `status` is what the mixer reads now.
        case reattached
    }

    /// The channel's name (`MicChannel.name`).
    public let channel: String
    /// The channel's new status.
    public let status: MicStatus
    public let cause: Cause

    public init(channel: String, status: MicStatus, cause: Cause) {
        self.channel = channel
        self.status = status
        self.cause = cause
    }

    public var description: String { "\(channel): \(status) (\(cause.rawValue))" }
}
