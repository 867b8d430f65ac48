import Localization

/// Whether a microphone passes sound.
public enum MicState: String, Codable, Sendable, Hashable {
    case muted
    case live
}

/// What is known about a channel right now.
public enum MicStatus: Sendable, Hashable, CustomStringConvertible, Sayable {
    case muted
    case live
    /// The channel cannot be reached: its card is gone, its sound server is
    /// down, or it is configured wrong. The reason says which.
    case unavailable(reason: Message)

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

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .muted: Message("muted")
        case .live: Message("live")
        case .unavailable(let reason): Message("unavailable: {reason}", parts: ["reason": reason])
        }
    }
}

/// Something that happened to a channel without the driver being asked:
/// a change made behind its back, a card or server that went away, a
/// channel re-attached.
public struct MicEvent: Sendable, Hashable, CustomStringConvertible, Sayable {
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

    /// For the journal: what happened, in words, the status as the mixer reads it.
    public var message: Message {
        switch cause {
        case .outsideChange: Message("{channel}: changed outside the daemon, now {status}", ["channel": channel], parts: ["status": status.message])
        case .lost: Message("{channel}: its card or sound server went away: {status}", ["channel": channel], parts: ["status": status.message])
        case .reattached: Message("{channel}: back, {status}", ["channel": channel], parts: ["status": status.message])
        }
    }
}
