import FoundationEssentials
import Room
import Localization

/// What the driver tells the daemon, as it happens.
public enum TerminalEvent: Sendable, Hashable {
    /// The API session is open, logged in, notifications registered.
    case connected(TerminalIdentity)
    /// The API session dropped; the client opens it again by itself (the
    /// API session only: it never redials a call).
    case connectionLost(reason: Message)
    /// The client gave up: it will not try again (a refused password, `stop()`).
    case stopped(reason: Message)
    /// The session is open but the terminal stopped answering: a probe got
    /// nothing back within the watch's wait (a hung unit, a stalled network).
    case silent(reason: Message)
    /// A silent terminal answers again.
    case answering
    /// A call appeared or its status changed.
    case callChanged(Call)
    /// A call ended, whoever ended it; `cause` is the terminal's word when it gives one.
    case callDropped(Call, cause: String?)
    case nearMuteChanged(Bool)
    case farMuteChanged(callID: String, muted: Bool)
    case registrationChanged(Registration)
    /// A registration that was up is not any more.
    case registrationLost(RegistrationService, RegistrationStatus)
    /// The unit restarted: its API connection dropped, and the session that
    /// opened again shows a restart (a Cisco's uptime shorter than the
    /// outage; for a terminal that does not tell its uptime, it ended the
    /// connection itself). A welcome banner on an open connection is not a
    /// restart: Poly units print it again mid-session.
    case unitRestarted(TerminalIdentity)
    /// The terminal placed an outgoing call that no `CallAuthorization`
    /// asked for (someone used its remote control): rule R1.
    case unauthorisedOutgoingCall(Call)
    /// A call-control command went (or failed to go) to the terminal.
    case callControl(CallControlReport)
    /// Something the terminal sent broke the protocol (the connection is reset).
    case protocolError(Message)
}

/// The record of one use of the call-control gate (rule R1): who asked, when
/// it was granted, what was sent, and what came of it.
public struct CallControlReport: Sendable, Hashable, CustomStringConvertible, Sayable {
    public enum Outcome: Sendable, Hashable {
        /// The terminal accepted the command, with its answer.
        case accepted(String)
        /// The terminal answered with an error.
        case refused(String)
        /// The command could not be sent or was not answered.
        case failed(String)
    }

    public let authorization: CallAuthorization
    /// The exact command line sent, or that would have been sent.
    public let command: String
    public let sentAt: Date
    public let outcome: Outcome

    public var message: Message {
        let values: KeyValuePairs<String, String> = ["command": command, "who": authorization.requestedBy, "time": "\(authorization.grantedAt)"]
        return switch outcome {
        case let .accepted(answer):
            Message("call control '{command}' asked by {who} at {time}, accepted: {answer}", values, parts: ["answer": .verbatim(answer)])
        case let .refused(answer):
            Message("call control '{command}' asked by {who} at {time}, refused: {answer}", values, parts: ["answer": .verbatim(answer)])
        case let .failed(reason):
            Message("call control '{command}' asked by {who} at {time}, failed: {reason}", values, parts: ["reason": .verbatim(reason)])
        }
    }

    public var description: String { message.description }
}
