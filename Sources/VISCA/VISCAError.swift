import Localization

/// Everything that can be wrong with a VISCA value: a parameter a camera
/// would reject, bytes that are not a VISCA message, an IP packet that does
/// not add up. Each message says what was wrong and what to look at.
public enum VISCAError: Error, Hashable, Sendable, CustomStringConvertible, Sayable {
    /// A camera address outside 1...7.
    case addressOutOfRange(Int)
    /// A command parameter outside what VISCA can carry.
    case parameterOutOfRange(parameter: String, value: Int, allowed: ClosedRange<Int>)
    /// A command that only makes sense for one camera was addressed to broadcast (`88`).
    case broadcastNotAllowed(command: String)
    /// AddressSet was addressed to one camera; it only exists as broadcast.
    case addressSetIsBroadcastOnly
    /// Bytes from a camera that are not a VISCA reply.
    case malformedReply([UInt8], reason: String)
    /// Bytes from a controller that are not a VISCA command this library knows.
    case malformedCommand([UInt8], reason: String)
    /// An inquiry's answer whose data does not fit the inquiry that was asked.
    case unexpectedAnswer(inquiry: Inquiry, data: [UInt8])
    /// A VISCA-over-IP packet shorter than its 8-byte header plus one payload byte.
    case packetTooShort([UInt8])
    /// A VISCA-over-IP payload type that is none of 0100, 0110, 0111, 0120, 0200, 0201.
    case unknownPayloadType(UInt16)
    /// A VISCA-over-IP payload length outside 1...16.
    case payloadLengthOutOfRange(Int)
    /// A VISCA-over-IP header whose length field disagrees with the bytes that follow it.
    case payloadLengthMismatch(declared: Int, actual: Int)

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .addressOutOfRange(let number):
            Message("camera address {number} is out of range: a VISCA chain holds cameras 1 to 7", ["number": "\(number)"])
        case .parameterOutOfRange(let parameter, let value, let allowed):
            Message("{parameter} {value} is out of range: VISCA accepts {lowest} to {highest} (check the camera profile for this model's narrower range)",
                    ["parameter": parameter, "value": "\(value)", "lowest": "\(allowed.lowerBound)", "highest": "\(allowed.upperBound)"])
        case .broadcastNotAllowed(let command):
            Message("{command} must be sent to one camera (address 1 to 7), not broadcast: every camera on the chain would answer it", ["command": command])
        case .addressSetIsBroadcastOnly:
            Message("AddressSet is always broadcast (88 30 01 FF): it numbers every camera on the chain")
        case .malformedReply(let bytes, let reason):
            Message("the camera sent bytes that are not a VISCA reply ({bytes}): {reason}; check the baud rate (9600 or 38400, 8N1) and that nothing else shares the line",
                    ["bytes": bytes.viscaHex, "reason": reason])
        case .malformedCommand(let bytes, let reason):
            Message("not a VISCA command ({bytes}): {reason}", ["bytes": bytes.viscaHex, "reason": reason])
        case .unexpectedAnswer(let inquiry, let data):
            Message("the answer to the {inquiry} inquiry does not fit it (data {data}); the camera may be a model that answers differently, or the reply belongs to another request",
                    ["inquiry": "\(inquiry)", "data": data.viscaHex])
        case .packetTooShort(let bytes):
            Message("VISCA-over-IP packet of {count} bytes is too short: it needs an 8-byte header and 1 to 16 payload bytes", ["count": "\(bytes.count)"])
        case .unknownPayloadType(let type):
            Message("VISCA-over-IP payload type {type} is unknown (expected 0100, 0110, 0111, 0120, 0200 or 0201); is this really a Sony VISCA-over-IP camera on port 52381?",
                    ["type": Self.hex(type)])
        case .payloadLengthOutOfRange(let length):
            Message("VISCA-over-IP payload length {length} is out of range: it must be 1 to 16 bytes", ["length": "\(length)"])
        case .payloadLengthMismatch(let declared, let actual):
            Message("VISCA-over-IP header declares {declared} payload bytes but {actual} follow it", ["declared": "\(declared)", "actual": "\(actual)"])
        }
    }

    /// `0300`: a payload type as the VISCA-over-IP specification writes it.
    private static func hex(_ type: UInt16) -> String {
        let hex = String(type, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
