/// The MQTT 3.1.1 control packets the client sends and receives (section 3),
/// with their encoding to bytes. Decoding is `PacketDecoder`'s job.
public enum Packet: Sendable, Equatable {
    case connect(Connect)
    case connack(sessionPresent: Bool, code: ConnectReturnCode)
    case publish(Publish)
    case puback(packetID: UInt16)
    case subscribe(packetID: UInt16, filters: [Subscription])
    /// One granted QoS per filter, or `nil` where the broker refused it (0x80).
    case suback(packetID: UInt16, granted: [QualityOfService?])
    case pingreq
    case pingresp
    case disconnect

    /// CONNECT's variable header and payload (section 3.1).
    public struct Connect: Sendable, Equatable {
        public var clientID: String
        public var cleanSession: Bool
        /// Seconds; 0 turns keep-alive off.
        public var keepAlive: UInt16
        public var username: String?
        public var password: [UInt8]?
        public var will: Publish?

        public init(clientID: String, cleanSession: Bool, keepAlive: UInt16,
                    username: String? = nil, password: [UInt8]? = nil, will: Publish? = nil) {
            self.clientID = clientID
            self.cleanSession = cleanSession
            self.keepAlive = keepAlive
            self.username = username
            self.password = password
            self.will = will
        }
    }

    /// A PUBLISH (section 3.3); `packetID` is set only at QoS 1.
    public struct Publish: Sendable, Equatable {
        public var topic: String
        public var payload: [UInt8]
        public var qos: QualityOfService
        public var retain: Bool
        public var duplicate: Bool
        public var packetID: UInt16?

        public init(topic: String, payload: [UInt8], qos: QualityOfService = .atMostOnce, retain: Bool = false,
                    duplicate: Bool = false, packetID: UInt16? = nil) {
            self.topic = topic
            self.payload = payload
            self.qos = qos
            self.retain = retain
            self.duplicate = duplicate
            self.packetID = packetID
        }
    }

    /// One topic filter of a SUBSCRIBE with the QoS asked for it.
    public struct Subscription: Sendable, Equatable {
        public var filter: String
        public var qos: QualityOfService

        public init(_ filter: String, qos: QualityOfService) {
            self.filter = filter
            self.qos = qos
        }
    }

    /// The packet as it goes on the wire: fixed header, variable header, payload.
    public var bytes: [UInt8] {
        var body: [UInt8] = []
        let first: UInt8
        switch self {
        case let .connect(connect):
            first = 0x10
            body.appendString("MQTT")
            body.append(4)  // protocol level 4: MQTT 3.1.1
            var flags: UInt8 = connect.cleanSession ? 0x02 : 0
            if let will = connect.will {
                flags |= 0x04 | will.qos.rawValue << 3 | (will.retain ? 0x20 : 0)
            }
            if connect.password != nil { flags |= 0x40 }
            if connect.username != nil { flags |= 0x80 }
            body.append(flags)
            body.appendUInt16(connect.keepAlive)
            body.appendString(connect.clientID)
            if let will = connect.will {
                body.appendString(will.topic)
                body.appendData(will.payload)
            }
            if let username = connect.username { body.appendString(username) }
            if let password = connect.password { body.appendData(password) }
        case let .connack(sessionPresent, code):
            first = 0x20
            body = [sessionPresent ? 1 : 0, code.rawValue]
        case let .publish(publish):
            first = 0x30 | (publish.duplicate ? 0x08 : 0) | publish.qos.rawValue << 1 | (publish.retain ? 0x01 : 0)
            body.appendString(publish.topic)
            if publish.qos != .atMostOnce { body.appendUInt16(publish.packetID ?? 0) }
            body.append(contentsOf: publish.payload)
        case let .puback(id):
            first = 0x40
            body.appendUInt16(id)
        case let .subscribe(id, filters):
            first = 0x82  // the reserved bits of SUBSCRIBE are 0010 (section 3.8.1)
            body.appendUInt16(id)
            for subscription in filters {
                body.appendString(subscription.filter)
                body.append(subscription.qos.rawValue)
            }
        case let .suback(id, granted):
            first = 0x90
            body.appendUInt16(id)
            body.append(contentsOf: granted.map { $0?.rawValue ?? 0x80 })
        case .pingreq: first = 0xC0
        case .pingresp: first = 0xD0
        case .disconnect: first = 0xE0
        }
        return [first] + RemainingLength.encode(body.count) + body
    }
}

extension [UInt8] {
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    /// A UTF-8 string with its two-byte length (section 1.5.3).
    mutating func appendString(_ text: String) {
        appendData(Array(text.utf8))
    }

    /// Binary data with its two-byte length (the will message, the password).
    mutating func appendData(_ data: [UInt8]) {
        appendUInt16(UInt16(data.count))
        append(contentsOf: data)
    }
}
