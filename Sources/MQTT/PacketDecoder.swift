/// Cuts a byte stream into MQTT packets: bytes go in as they arrive, whole
/// packets come out. Anything MQTT 3.1.1 does not allow is an error, and the
/// connection that sent it is to be closed (section 4.8).
public struct PacketDecoder: Sendable {
    private var buffer: [UInt8] = []

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next whole packet, or `nil` until more bytes arrive.
    public mutating func next() throws(MQTTError) -> Packet? {
        guard buffer.count >= 2 else { return nil }
        guard let (length, size) = try RemainingLength.decode(buffer[...], at: 1) else { return nil }
        let end = 1 + size + length
        guard buffer.count >= end else { return nil }
        let first = buffer[0]
        var reader = FieldReader(bytes: buffer[(1 + size)..<end])
        buffer.removeSubrange(0..<end)
        return try Self.packet(first: first, body: &reader)
    }

    private static func packet(first: UInt8, body: inout FieldReader) throws(MQTTError) -> Packet {
        let flags = first & 0x0F
        func expectFlags(_ wanted: UInt8, _ name: String) throws(MQTTError) {
            guard flags == wanted else { throw .malformed("\(name) with reserved flags \(flags)") }
        }
        switch first >> 4 {
        case 1:
            try expectFlags(0, "CONNECT")
            guard try body.string() == "MQTT", try body.byte() == 4 else {
                throw .malformed("CONNECT that is not MQTT 3.1.1")
            }
            let connectFlags = try body.byte()
            let keepAlive = try body.uint16()
            var connect = Packet.Connect(clientID: try body.string(), cleanSession: connectFlags & 0x02 != 0, keepAlive: keepAlive)
            if connectFlags & 0x04 != 0 {
                guard let qos = QualityOfService(rawValue: (connectFlags >> 3) & 0x03) else { throw .malformed("a will at QoS 2") }
                connect.will = Packet.Publish(topic: try body.string(), payload: try body.data(), qos: qos, retain: connectFlags & 0x20 != 0)
            }
            if connectFlags & 0x80 != 0 { connect.username = try body.string() }
            if connectFlags & 0x40 != 0 { connect.password = try body.data() }
            try body.expectEnd("CONNECT")
            return .connect(connect)
        case 2:
            try expectFlags(0, "CONNACK")
            let acknowledge = try body.byte()
            guard acknowledge & 0xFE == 0 else { throw .malformed("CONNACK with reserved bits \(acknowledge)") }
            guard let code = ConnectReturnCode(rawValue: try body.byte()) else { throw .malformed("CONNACK with an unknown return code") }
            try body.expectEnd("CONNACK")
            return .connack(sessionPresent: acknowledge == 1, code: code)
        case 3:
            guard let qos = QualityOfService(rawValue: (flags >> 1) & 0x03) else {
                throw .malformed("PUBLISH at QoS \((flags >> 1) & 0x03), which this client never subscribes at")
            }
            let topic = try body.string()
            let id = qos == .atMostOnce ? nil : try body.uint16()
            if id == 0 { throw .malformed("PUBLISH with packet identifier 0") }
            return .publish(Packet.Publish(topic: topic, payload: body.rest(), qos: qos, retain: flags & 0x01 != 0,
                                           duplicate: flags & 0x08 != 0, packetID: id))
        case 4:
            try expectFlags(0, "PUBACK")
            let id = try body.uint16()
            try body.expectEnd("PUBACK")
            return .puback(packetID: id)
        case 8:
            try expectFlags(2, "SUBSCRIBE")
            let id = try body.uint16()
            var filters: [Packet.Subscription] = []
            while !body.isAtEnd {
                let filter = try body.string()
                guard let qos = QualityOfService(rawValue: try body.byte()) else { throw .malformed("SUBSCRIBE at QoS 2") }
                filters.append(Packet.Subscription(filter, qos: qos))
            }
            guard !filters.isEmpty else { throw .malformed("SUBSCRIBE without a topic filter") }
            return .subscribe(packetID: id, filters: filters)
        case 9:
            try expectFlags(0, "SUBACK")
            let id = try body.uint16()
            var granted: [QualityOfService?] = []
            while !body.isAtEnd {
                let code = try body.byte()
                if code == 0x80 {
                    granted.append(nil)
                } else if let qos = QualityOfService(rawValue: code) {
                    granted.append(qos)
                } else if code == 2 {
                    granted.append(.atLeastOnce)  // never asked for; treated as the highest this client takes
                } else {
                    throw .malformed("SUBACK with return code \(code)")
                }
            }
            return .suback(packetID: id, granted: granted)
        case 12:
            try expectFlags(0, "PINGREQ")
            try body.expectEnd("PINGREQ")
            return .pingreq
        case 13:
            try expectFlags(0, "PINGRESP")
            try body.expectEnd("PINGRESP")
            return .pingresp
        case 14:
            try expectFlags(0, "DISCONNECT")
            try body.expectEnd("DISCONNECT")
            return .disconnect
        default:
            throw .malformed("packet type \(first >> 4), which this client does not use")
        }
    }
}

/// Reads the fields of one packet's body, refusing to run past its end.
struct FieldReader {
    var bytes: ArraySlice<UInt8>

    var isAtEnd: Bool { bytes.isEmpty }

    mutating func byte() throws(MQTTError) -> UInt8 {
        guard let first = bytes.first else { throw .malformed("a packet shorter than its fields") }
        bytes = bytes.dropFirst()
        return first
    }

    mutating func uint16() throws(MQTTError) -> UInt16 {
        UInt16(try byte()) << 8 | UInt16(try byte())
    }

    mutating func data() throws(MQTTError) -> [UInt8] {
        let count = Int(try uint16())
        guard bytes.count >= count else { throw .malformed("a field longer than its packet") }
        defer { bytes = bytes.dropFirst(count) }
        return Array(bytes.prefix(count))
    }

    mutating func string() throws(MQTTError) -> String {
        let raw = try data()
        guard let text = String(validating: raw, as: UTF8.self), !text.unicodeScalars.contains("\u{0}") else {
            throw .malformed("a string that is not UTF-8 without U+0000")
        }
        return text
    }

    mutating func rest() -> [UInt8] {
        defer { bytes = bytes[bytes.endIndex...] }
        return Array(bytes)
    }

    func expectEnd(_ name: String) throws(MQTTError) {
        guard bytes.isEmpty else { throw .malformed("\(name) with \(bytes.count) bytes too many") }
    }
}
