import Localization

/// A command about the connection itself, answered by the server without
/// the daemon.
enum SessionCommand: Sendable, Hashable {
    /// Present a role's token.
    case login(token: String)
    /// Start or stop pushing `EVENT` lines to this connection.
    case events(Bool)
    /// Switch between text lines and JSON lines.
    case mode(WireMode)
    /// The language of the replies' human-readable reasons (keywords and
    /// field names stay ASCII).
    case language(Language)
    /// What a command does and who may send it; every command when `topic` is empty.
    case help(topic: [String])
    /// Say goodbye and close the connection.
    case quit
}

/// How a connection's requests and replies are written.
public enum WireMode: String, Sendable, Hashable, CaseIterable {
    /// One line of words per request, `OK`/`ERR`/`EVENT` lines back (for `nc` and Companion).
    case text
    /// One JSON object per line each way (for programs).
    case json
}

/// One line a client sent, understood.
enum ControlLine: Sendable, Hashable {
    case session(SessionCommand)
    case room(ControlCommand)
}
