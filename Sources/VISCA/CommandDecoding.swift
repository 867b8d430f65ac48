extension Command {
    /// Decodes one framed command (first byte to `FF`), as a camera reads it.
    ///
    /// Checks the structure only (known command, nibble bytes below 10,
    /// direction bytes 01-03); parameter ranges are the camera model's
    /// business, so a decoded speed or preset may still be one the camera
    /// refuses with a syntax error. A cancel's socket is returned as sent,
    /// even when it names no socket (the camera answers `x0 6y 05 FF`).
    public static func decode<C: Collection<UInt8>>(_ message: C) throws(VISCAError) -> (recipient: Recipient, command: Command) {
        let bytes = Array(message)
        func malformed(_ reason: String) -> VISCAError { .malformedCommand(bytes, reason: reason) }
        guard bytes.count >= 3 else { throw malformed("a command has at least 3 bytes") }
        guard bytes.last == 0xFF else { throw malformed("it does not end with FF") }
        guard let recipient = Recipient(header: bytes[0]) else {
            throw malformed("the first byte \([bytes[0]].viscaHex) names no camera (expected 81 to 88)")
        }
        let body = Array(bytes[1..<(bytes.count - 1)])
        guard let command = try decodeBody(body, malformed: malformed) else { throw malformed("unknown command") }
        return (recipient, command)
    }

    private static func decodeBody(_ body: [UInt8], malformed: (String) -> VISCAError) throws(VISCAError) -> Command? {
        func nibbles(_ range: Range<Int>) throws(VISCAError) -> UInt16 {
            guard let value = Nibbles.decode(body[range]) else { throw malformed("a position byte is above 0F") }
            return value
        }
        switch body.count {
        case 1 where body[0] & 0xF0 == 0x20:
            return .cancel(socket: Int(body[0] & 0x0F))
        case 2 where body == [0x30, 0x01]:
            return .addressSet
        case 3:
            switch body {
            case [0x01, 0x00, 0x01]: return .interfaceClear
            case [0x01, 0x06, 0x04]: return .home
            case [0x01, 0x06, 0x05]: return .panTiltReset
            case [0x09, 0x04, 0x00]: return .inquiry(.power)
            case [0x09, 0x04, 0x47]: return .inquiry(.zoomPosition)
            case [0x09, 0x06, 0x12]: return .inquiry(.panTiltPosition)
            case [0x09, 0x00, 0x02]: return .inquiry(.version)
            case [0x09, 0x04, 0x38]: return .inquiry(.focusMode)
            default: return nil
            }
        case 4 where body[0...2] == [0x01, 0x04, 0x00]:
            return PowerState(code: body[3]).map { .power($0) }
        case 4 where body[0...2] == [0x01, 0x04, 0x07]:
            let code = body[3]
            switch code {
            case 0x00: return .zoom(.stop)
            case 0x02: return .zoom(.tele)
            case 0x03: return .zoom(.wide)
            case 0x20...0x27: return .zoom(.teleVariable(speed: Int(code & 0x0F)))
            case 0x30...0x37: return .zoom(.wideVariable(speed: Int(code & 0x0F)))
            default: return nil
            }
        case 4 where body[0...2] == [0x01, 0x04, 0x38]:
            return FocusMode(rawValue: body[3]).map { .focus($0) }
        case 5 where body[0...2] == [0x01, 0x04, 0x3F]:
            guard let action = PresetAction(rawValue: body[3]) else { return nil }
            return .preset(action, Int(body[4]))
        case 7 where body[0...2] == [0x01, 0x04, 0x47]:
            return .zoomDirect(position: Int(try nibbles(3..<7)))
        case 7 where body[0...2] == [0x01, 0x06, 0x01]:
            guard let pan = PanDirection(rawValue: body[5]), let tilt = TiltDirection(rawValue: body[6]) else {
                throw malformed("pan direction must be 01-03 and tilt direction 01-03")
            }
            return .panTiltDrive(pan: pan, tilt: tilt, panSpeed: Int(body[3]), tiltSpeed: Int(body[4]))
        case 13 where body[0...1] == [0x01, 0x06] && (body[2] == 0x02 || body[2] == 0x03):
            let pan = Int(Int16(bitPattern: try nibbles(5..<9)))
            let tilt = Int(Int16(bitPattern: try nibbles(9..<13)))
            let panSpeed = Int(body[3]), tiltSpeed = Int(body[4])
            return body[2] == 0x02
                ? .absolutePosition(pan: pan, tilt: tilt, panSpeed: panSpeed, tiltSpeed: tiltSpeed)
                : .relativePosition(pan: pan, tilt: tilt, panSpeed: panSpeed, tiltSpeed: tiltSpeed)
        default:
            return nil
        }
    }
}
