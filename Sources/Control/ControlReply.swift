import Localization

/// The daemon's answer to one request: `OK <topic> key=value ...` or
/// `ERR <code> <message>` on the wire.
public enum ControlReply: Sendable, Hashable {
    /// Done; the message says what about and the room's resulting values.
    case ok(ControlMessage)
    /// Done, with a document that does not fit a line (a report): text mode
    /// writes the message's line ending in `bytes=N`, then exactly N bytes
    /// of the document; JSON mode gives it as the reply's `document` string.
    case document(ControlMessage, String)
    /// Not done: the code a program can test, the message a person can act on.
    case error(ControlErrorCode, String)

    /// `OK <topic> key=value ...`; fields keep their order.
    public static func ok(_ topic: String, _ fields: KeyValuePairs<String, ControlValue> = [:]) -> ControlReply {
        .ok(ControlMessage(topic, fields))
    }
}

/// A topic and its values: the body of an `OK` reply and of an `EVENT` line.
public struct ControlMessage: Sendable, Hashable {
    /// What the message is about, one word: `status`, `mute`, `camera`, `call`, ...
    public var topic: String
    /// The values, in the order they are written.
    public var fields: [ControlField]

    public init(topic: String, fields: [ControlField]) {
        self.topic = topic
        self.fields = fields
    }

    public init(_ topic: String, _ fields: KeyValuePairs<String, ControlValue> = [:]) {
        self.init(topic: topic, fields: fields.map { ControlField($0.key, $0.value) })
    }

    /// The value of a field, by its key.
    public subscript(key: String) -> ControlValue? {
        fields.first { $0.key == key }?.value
    }
}

/// An event the daemon pushes to the clients that sent `events on`:
/// `EVENT <topic> key=value ...` on the wire.
public typealias ControlEvent = ControlMessage

/// One `key=value` of a message.
public struct ControlField: Sendable, Hashable {
    /// A word of letters, digits, `-`, `_` or `.`.
    public var key: String
    public var value: ControlValue

    public init(_ key: String, _ value: ControlValue) {
        self.key = key
        self.value = value
    }
}

/// A value in a message. Text mode writes it as a word (quoted when it has
/// spaces), JSON mode as the matching JSON value.
public enum ControlValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    case text(String)
    /// A message, said to each reader in that reader's language: a control
    /// connection's own (`language vi|en`); English where no one chose (the
    /// broker, `text`). A readiness check's detail.
    case said(Message)
    case number(Int)
    /// `true`/`false` in both modes.
    case flag(Bool)
    /// Comma-separated in text mode (`muted=chair,mic3`), an array in JSON.
    case list([String])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: String...) { self = .list(elements) }
}

/// Why a request was not done. The raw value is the word after `ERR`.
public enum ControlErrorCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The line could not be read (an unclosed quote, a control character).
    case syntax
    /// The first word is not a command.
    case unknownCommand = "unknown-command"
    /// A command's arguments are missing, extra or out of range.
    case badArgument = "bad-argument"
    /// A JSON-mode line is not a request object.
    case badJSON = "bad-json"
    /// The line is not UTF-8.
    case encoding
    /// The command needs a login first.
    case loginRequired = "login-required"
    /// The token matches no role.
    case loginFailed = "login-failed"
    /// The logged-in role is below the command's minimum role.
    case forbidden
    /// The room's rules refused (R1–R11); the message names the rule.
    case refused
    /// No microphone, group, preset, call or fault by that name.
    case notFound = "not-found"
    /// A device (camera, mixer, terminal) failed to carry the command out.
    case device
    /// Not available in this room (no camera, no terminal configured, ...).
    case unavailable
    /// The line is longer than the server accepts; the connection is closed.
    case lineTooLong = "line-too-long"
    /// Nothing was received for the idle time-out; the connection is closed.
    case idle
    /// The client did not read its replies and events; the connection was closed.
    case notReading = "not-reading"
    /// The server already has its maximum number of connections.
    case tooManyConnections = "too-many-connections"
    /// The client's address is not on the allow-list.
    case addressNotAllowed = "address-not-allowed"
    /// The server is shutting down.
    case shuttingDown = "shutting-down"
}
