/// The replies to the broker's commands of the last few minutes, by request
/// id. A broker delivers a QoS 1 message again when it did not see its
/// acknowledgement (a reconnection, a session resumed), and the centre's
/// tool may send a command again after a time-out: the same id within
/// `window` is answered with the first answer, and not carried out twice (a
/// `note` written twice in the logbook, a floor granted twice).
///
/// A request is its whole message (its id and its command): a tool that
/// reuses an id for another command gets that command carried out, not the
/// old answer. Only what was done is remembered: a refusal or a failure
/// (`ERR unavailable` while two reports are made, `ERR device`) changed
/// nothing, and the centre's retry is asked again (`FleetLink` remembers
/// only an answer `BrokerCommands` says was done).
struct RecentReplies {
    static let window: Duration = .seconds(600)
    /// Bounds the memory whatever the centre sends: the oldest go first.
    static let capacity = 512
    /// A longer reply (a report's document) is not kept: asking again makes
    /// it again, which changes nothing in the room.
    static let largestKept = 64 * 1024

    private var replies: [(request: [UInt8], reply: String, at: ContinuousClock.Instant)] = []

    /// The reply already given to `request` (the whole message) within the window, if any.
    mutating func reply(to request: [UInt8], now: ContinuousClock.Instant = .now) -> String? {
        replies.removeAll { now - $0.at > Self.window }
        return replies.last { $0.request == request }?.reply
    }

    mutating func remember(_ reply: String, to request: [UInt8], now: ContinuousClock.Instant = .now) {
        guard reply.utf8.count <= Self.largestKept else { return }
        replies.append((request, reply, now))
        if replies.count > Self.capacity { replies.removeFirst(replies.count - Self.capacity) }
    }
}
