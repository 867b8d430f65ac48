import Localization

/// Why the MQTT client could not do what it was asked; every case says what
/// to check.
public enum MQTTError: Error, Sendable, Equatable, CustomStringConvertible, Sayable {
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

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case let .malformed(what):
            Message("the broker sent a malformed MQTT packet ({what}): check that the port is an MQTT 3.1.1 listener", ["what": what])
        case let .unreachable(broker, reason):
            Message("cannot reach the MQTT broker at {broker} ({reason}): check that Mosquitto runs there (`systemctl status mosquitto`) and the fleet section's host and port",
                    ["broker": broker, "reason": reason])
        case let .refused(broker, code):
            Message("the MQTT broker at {broker} refused the connection: {code}", ["broker": broker], parts: ["code": code.message])
        case let .noAnswer(broker, waiting, seconds):
            Message("the MQTT broker at {broker} did not answer {request} within {seconds} s: check the broker's log; the client will reconnect",
                    ["broker": broker, "request": waiting, "seconds": "\(seconds)"])
        case let .connectionLost(broker):
            Message("the connection to the MQTT broker at {broker} was lost before the answer came; it will be tried again", ["broker": broker])
        case let .outboxFull(limit):
            Message("the MQTT outbox holds {limit} messages the broker has not taken: the broker has been unreachable too long; check the link to it", ["limit": "\(limit)"])
        case let .badTopic(topic, reason):
            Message("the MQTT topic '{topic}' is not allowed: {reason}", ["topic": topic, "reason": reason])
        case .stopped:
            Message("the MQTT client was stopped")
        case let .subscriptionRefused(filter):
            Message("the broker refused the subscription to '{filter}': its ACL does not let this account read it", ["filter": filter])
        }
    }
}
