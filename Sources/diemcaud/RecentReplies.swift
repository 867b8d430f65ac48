/// The replies to the broker's commands of the last few minutes, by request
/// id. A broker delivers a QoS 1 message again when it did not see its
/// acknowledgement (a reconnection, a session resumed), and the centre's
/// tool may send a command again after a time-out: the same id within
/// `window` is answered with the first answer, and not carried out twice (a
/// `note` written twice in the logbook, a floor granted twice).
///
/// Over the broker the account is the fleet section's one command account
/// (the ACL lets only the centre publish on the room's command topic), so
/// the id alone names the request.
struct RecentReplies {
    static let window: Duration = .seconds(600)
    /// Bounds the memory whatever the centre sends: the oldest go first.
    static let capacity = 512
    /// A longer reply (a report's document) is not kept: asking again makes
    /// it again, which changes nothing in the room.
    static let largestKept = 64 * 1024

    private var replies: [(id: String, reply: String, at: ContinuousClock.Instant)] = []

    /// The reply already given to `id` within the window, if any.
    mutating func reply(to id: String, now: ContinuousClock.Instant = .now) -> String? {
        replies.removeAll { now - $0.at > Self.window }
        return replies.last { $0.id == id }?.reply
    }

    mutating func remember(_ reply: String, to id: String, now: ContinuousClock.Instant = .now) {
        guard reply.utf8.count <= Self.largestKept else { return }
        replies.append((id, reply, now))
        if replies.count > Self.capacity { replies.removeFirst(replies.count - Self.capacity) }
    }
}
