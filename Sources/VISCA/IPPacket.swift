/// The payload types of Sony's VISCA over IP (UDP 52381).
public enum PayloadType: UInt16, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `0100`: a VISCA command.
    case command = 0x0100
    /// `0110`: a VISCA inquiry.
    case inquiry = 0x0110
    /// `0111`: a VISCA reply (ACK, Completion, error, answer).
    case reply = 0x0111
    /// `0120`: a device setting command.
    case deviceSetting = 0x0120
    /// `0200`: a control command (RESET).
    case controlCommand = 0x0200
    /// `0201`: a control reply (RESET's reply, or an error 0F 01 / 0F 02).
    case controlReply = 0x0201

    public var description: String {
        let digits = String(rawValue, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// One VISCA-over-IP datagram: an 8-byte big-endian header (payload type,
/// payload length, sequence number) and 1 to 16 payload bytes.
public struct IPPacket: Hashable, Sendable, CustomStringConvertible {
    public var payloadType: PayloadType
    /// The controller adds 1 per message; the camera echoes it in its replies.
    public var sequenceNumber: UInt32
    public var payload: [UInt8]

    /// The header's size in bytes.
    public static let headerLength = 8
    /// The payload sizes the header allows.
    public static let payloadLengthRange: ClosedRange<Int> = 1...16

    public init(_ payloadType: PayloadType, sequenceNumber: UInt32, payload: [UInt8]) {
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.payload = payload
    }

    /// Header and payload; throws `.payloadLengthOutOfRange` for an empty or over-long payload.
    public func encoded() throws(VISCAError) -> [UInt8] {
        guard IPPacket.payloadLengthRange.contains(payload.count) else { throw .payloadLengthOutOfRange(payload.count) }
        let type = payloadType.rawValue
        let length = UInt16(payload.count)
        let sequence = sequenceNumber
        return [
            UInt8(type >> 8), UInt8(type & 0xFF),
            UInt8(length >> 8), UInt8(length & 0xFF),
            UInt8(sequence >> 24), UInt8((sequence >> 16) & 0xFF), UInt8((sequence >> 8) & 0xFF), UInt8(sequence & 0xFF),
        ] + payload
    }

    /// Decodes one datagram. Throws for a datagram shorter than a header and one
    /// byte, an unknown payload type, a length outside 1...16, or a length that
    /// disagrees with the bytes that follow.
    public init<C: Collection<UInt8>>(decoding datagram: C) throws(VISCAError) {
        let bytes = Array(datagram)
        guard bytes.count > IPPacket.headerLength else { throw .packetTooShort(bytes) }
        let type = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        guard let payloadType = PayloadType(rawValue: type) else { throw .unknownPayloadType(type) }
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        guard IPPacket.payloadLengthRange.contains(length) else { throw .payloadLengthOutOfRange(length) }
        let actual = bytes.count - IPPacket.headerLength
        guard actual == length else { throw .payloadLengthMismatch(declared: length, actual: actual) }
        self.payloadType = payloadType
        self.sequenceNumber = bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        self.payload = Array(bytes[IPPacket.headerLength...])
    }

    /// The control message this packet carries, when it is a control command or reply.
    public var control: ControlMessage? {
        switch payloadType {
        case .controlCommand: payload == [0x01] ? .reset : nil
        case .controlReply: ControlMessage(replyPayload: payload)
        default: nil
        }
    }

    /// A control packet: RESET with `0200`, the others with `0201`.
    public static func control(_ message: ControlMessage, sequenceNumber: UInt32) -> IPPacket {
        IPPacket(message == .reset ? .controlCommand : .controlReply, sequenceNumber: sequenceNumber, payload: message.payload)
    }

    public var description: String {
        "\(payloadType) #\(sequenceNumber): \(payload.viscaHex)"
    }
}

/// VISCA-over-IP control messages.
public enum ControlMessage: Hashable, Sendable, CustomStringConvertible {
    /// RESET (`0200`, payload `01`): the camera sets its expected sequence number back to 0.
    case reset
    /// RESET's reply (`0201`, payload `01`).
    case resetAcknowledged
    /// `0201`, payload `0F 01`: the sequence number was not the one expected.
    /// After a resend with the same number it means the first copy was executed.
    case sequenceNumberAbnormal
    /// `0201`, payload `0F 02`: the payload type was not one the camera accepts here.
    case messageTypeAbnormal

    public var payload: [UInt8] {
        switch self {
        case .reset, .resetAcknowledged: [0x01]
        case .sequenceNumberAbnormal: [0x0F, 0x01]
        case .messageTypeAbnormal: [0x0F, 0x02]
        }
    }

    init?(replyPayload: [UInt8]) {
        switch replyPayload {
        case [0x01]: self = .resetAcknowledged
        case [0x0F, 0x01]: self = .sequenceNumberAbnormal
        case [0x0F, 0x02]: self = .messageTypeAbnormal
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .reset: "RESET"
        case .resetAcknowledged: "RESET acknowledged"
        case .sequenceNumberAbnormal:
            "sequence number abnormal (0F 01): the camera expected another sequence number; send RESET, or after a resend treat the command as executed"
        case .messageTypeAbnormal:
            "message type abnormal (0F 02): the camera does not accept this payload type; check the controller's VISCA-over-IP settings"
        }
    }
}
