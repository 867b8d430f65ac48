import FoundationEssentials
import Glibc

/// How an API session ended, kept until the next one opens: what tells a
/// restart of the unit from a network hiccup. A restart drops the
/// connection; a welcome banner on an open connection is not one (Poly
/// units print it again in the middle of a session).
struct SessionEnd: Sendable {
    /// The terminal ended the connection itself (closed or reset it), rather
    /// than this client giving up on an unanswered keep-alive or a bad line.
    let closedByTerminal: Bool
    /// When the terminal last said anything on the old session.
    let lastHeard: ContinuousClock.Instant
    let reason: String

    init(_ error: CodecError, lastHeard: ContinuousClock.Instant) {
        switch error {
        case .connectionClosed, .socketFailed(operation: "read", errno: ECONNRESET): closedByTerminal = true
        // A send can be the first to find the connection closed at the far end.
        case .socketFailed(operation: "send", errno: EPIPE), .socketFailed(operation: "send", errno: ECONNRESET): closedByTerminal = true
        // ssh's last words when the far end ended the SSH connection.
        case let .sshFailed(_, _, detail): closedByTerminal = detail.contains("closed by remote host")
        default: closedByTerminal = false
        }
        self.lastHeard = lastHeard
        reason = error.description
    }

    /// Why the session that just opened follows a restart, or nil when it
    /// does not. A terminal that tells its uptime (Cisco) restarted when it
    /// has been up for less time than since it last spoke; one that does
    /// not tell restarted when it ended the connection itself.
    func restartEvidence(uptime: Int?, now: ContinuousClock.Instant = .now) -> String? {
        if let uptime {
            let silence = (now - lastHeard).seconds
            guard Double(uptime) < silence else { return nil }
            return "up for \(uptime) s, and last heard \(Int(silence.rounded())) s ago"
        }
        guard closedByTerminal else { return nil }
        return "it ended the API connection and accepts a new one"
    }
}
