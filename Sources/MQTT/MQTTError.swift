/// Why the MQTT client could not do what it was asked; every case says what
/// to check.
public enum MQTTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes from the broker that MQTT 3.1.1 does not allow.
    case malformed(String)
    /// Nothing answered at the broker's address.
    case unreachable(broker: String, reason: String)
    /// The broker answered CONNECT with a refusal.
    case refused(broker: String, ConnectReturnCode)
    /// The broker did not answer CONNECT, SUBSCRIBE or a PINGREQ in time.
    case noAnswer(broker: String, waitingFor: String, seconds: Double)
    /// The connection was lost before the request was answered.
    case connectionLost(broker: String)
    /// The outgoing queue is full: the broker has been away too long.
    case outboxFull(limit: Int)
    /// A topic or a topic filter MQTT does not allow.
    case badTopic(String, reason: String)
    /// The client was stopped.
    case stopped
    /// The broker refused a subscription (SUBACK 0x80): the ACL does not allow it.
    case subscriptionRefused(filter: String)

    public var description: String {
        switch self {
        case let .malformed(what):
            "the broker sent a malformed MQTT packet (\(what)): check that the port is an MQTT 3.1.1 listener"
        case let .unreachable(broker, reason):
            "cannot reach the MQTT broker at \(broker) (\(reason)): check that Mosquitto runs there (`systemctl status mosquitto`) and the fleet section's host and port"
        case let .refused(broker, code):
            "the MQTT broker at \(broker) refused the connection: \(code)"
        case let .noAnswer(broker, waiting, seconds):
            "the MQTT broker at \(broker) did not answer \(waiting) within \(seconds) s: check the broker's log; the client will reconnect"
        case let .connectionLost(broker):
            "the connection to the MQTT broker at \(broker) was lost before the answer came; it will be tried again"
        case let .outboxFull(limit):
            "the MQTT outbox holds \(limit) messages the broker has not taken: the broker has been unreachable too long; check the link to it"
        case let .badTopic(topic, reason):
            "the MQTT topic '\(topic)' is not allowed: \(reason)"
        case .stopped:
            "the MQTT client was stopped"
        case let .subscriptionRefused(filter):
            "the broker refused the subscription to '\(filter)': its ACL does not let this account read it"
        }
    }
}
