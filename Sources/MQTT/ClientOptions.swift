/// How an `MQTTClient` connects: where, as whom, and how it behaves when
/// the broker goes away.
public struct ClientOptions: Sendable {
    public var host: String
    public var port: UInt16
    /// The session's name at the broker; a persistent session is found again by it.
    public var clientID: String
    public var username: String?
    public var password: String?
    /// PINGREQ when nothing else was sent for half of it; the broker drops a
    /// client silent for one and a half times it (section 3.1.2.10).
    public var keepAlive: Duration
    /// `false`: the broker keeps the subscriptions and the QoS 1 messages
    /// that arrive while the client is away (section 3.1.2.4).
    public var cleanSession: Bool
    /// What the broker publishes when the connection ends without DISCONNECT.
    public var will: Packet.Publish?
    /// How many messages may wait for the broker (queued while it is away,
    /// or sent at QoS 1 and not yet acknowledged); one more is refused.
    public var outboxLimit: Int
    /// The first wait before reconnecting, doubled after each failure up to `longestRetry`.
    public var firstRetry: Duration
    public var longestRetry: Duration
    /// How long CONNACK, SUBACK and a connection may take.
    public var answerTimeout: Duration

    public init(host: String, port: UInt16, clientID: String, username: String? = nil, password: String? = nil,
                keepAlive: Duration = .seconds(30), cleanSession: Bool = true, will: Packet.Publish? = nil,
                outboxLimit: Int = 1000, firstRetry: Duration = .milliseconds(100), longestRetry: Duration = .seconds(10),
                answerTimeout: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.username = username
        self.password = password
        self.keepAlive = keepAlive
        self.cleanSession = cleanSession
        self.will = will
        self.outboxLimit = outboxLimit
        self.firstRetry = firstRetry
        self.longestRetry = longestRetry
        self.answerTimeout = answerTimeout
    }

    var broker: String { "\(host):\(port)" }
}

/// Where the client's connection stands.
public enum ConnectionState: Sendable, Equatable, CustomStringConvertible {
    case connecting
    case connected(sessionPresent: Bool)
    /// The last attempt failed or the connection was lost; the next one is due after the wait.
    case waiting(retryIn: Duration, reason: MQTTError)
    /// The broker refused the credentials or the client: retrying cannot help.
    case refused(MQTTError)
    case stopped

    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .connecting: "connecting"
        case let .connected(present): present ? "connected (session resumed)" : "connected"
        case let .waiting(delay, reason): "away (\(reason)); retrying in \(delay)"
        case let .refused(error): "refused: \(error)"
        case .stopped: "stopped"
        }
    }
}
