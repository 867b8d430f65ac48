import Localization

/// The broker's answer to CONNECT (MQTT 3.1.1 section 3.2.2.3), each
/// refusal saying what the technician should check.
public enum ConnectReturnCode: UInt8, Sendable, Equatable, CustomStringConvertible, Sayable {
    case accepted = 0
    case unacceptableProtocolVersion = 1
    case identifierRejected = 2
    case serverUnavailable = 3
    case badUserNameOrPassword = 4
    case notAuthorized = 5

    /// A refusal that trying again cannot change: the configuration must.
    public var isPermanent: Bool {
        switch self {
        case .accepted, .serverUnavailable: false
        default: true
        }
    }

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .accepted: Message("connection accepted")
        case .unacceptableProtocolVersion: Message("the broker does not speak MQTT 3.1.1 (return code 1): use Mosquitto 1.4 or later")
        case .identifierRejected: Message("the broker rejected the client identifier (return code 2): check the room id in the fleet section")
        case .serverUnavailable: Message("the broker is up but unavailable (return code 3): it will be tried again")
        case .badUserNameOrPassword:
            Message("the broker refused the user name or password (return code 4): check the credentials file of the fleet section against the broker's password file")
        case .notAuthorized:
            Message("the broker refused the account (return code 5, which Mosquitto also answers to a wrong password): check the credentials file of the fleet section against the broker's password file, and ask the centre whether the room's account is enabled")
        }
    }
}
