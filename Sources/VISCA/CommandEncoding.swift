/// What VISCA itself can carry in each parameter (a camera model may accept less).
public enum ParameterRange {
    /// Pan speed `VV`: 01 (slowest) to 18 on Sony's widest models; 00 is accepted
    /// by some cameras for a stopped axis and refused by others (BRC-300).
    public static let panSpeed: ClosedRange<Int> = 0x00...0x18
    /// Tilt speed `WW`: up to 17.
    public static let tiltSpeed: ClosedRange<Int> = 0x00...0x17
    /// A preset number `pp`: any byte but the terminator `FF`.
    public static let preset: ClosedRange<Int> = 0x00...0xFE
    /// A pan or tilt position or offset: signed 16 bits over four nibbles.
    public static let position: ClosedRange<Int> = Int(Int16.min)...Int(Int16.max)
    /// A zoom position: 16 bits over four nibbles.
    public static let zoomPosition: ClosedRange<Int> = 0x0000...0xFFFF
    /// Variable zoom speed `p`: 0 (slowest) to 7.
    public static let zoomSpeed: ClosedRange<Int> = 0...7
    /// A command socket `y`.
    public static let socket: ClosedRange<Int> = 1...2
}

extension Command {
    /// The command's bytes for one camera or for the whole chain, from the
    /// first byte `8x` to the terminator `FF`.
    ///
    /// Throws `VISCAError.parameterOutOfRange` for a parameter VISCA cannot
    /// carry, `.broadcastNotAllowed` for a command that needs one camera's
    /// answer, and `.addressSetIsBroadcastOnly` for AddressSet to one camera.
    public func encoded(for recipient: Recipient) throws(VISCAError) -> [UInt8] {
        switch (self, recipient) {
        case (.addressSet, .camera):
            throw .addressSetIsBroadcastOnly
        case (.addressSet, .broadcast), (.interfaceClear, _):
            break
        case (_, .broadcast):
            throw .broadcastNotAllowed(command: name)
        case (_, .camera):
            break
        }
        return [recipient.header] + (try body()) + [0xFF]
    }

    /// The command's bytes for one camera.
    public func encoded(for camera: CameraAddress) throws(VISCAError) -> [UInt8] {
        try encoded(for: .camera(camera))
    }

    /// The bytes between the address byte and `FF`.
    private func body() throws(VISCAError) -> [UInt8] {
        switch self {
        case .addressSet:
            return [0x30, 0x01]
        case .interfaceClear:
            return [0x01, 0x00, 0x01]
        case .cancel(let socket):
            return [0x20 | (try byte(socket, "socket", ParameterRange.socket))]
        case .power(let state):
            return [0x01, 0x04, 0x00, state.code]
        case .preset(let action, let number):
            return [0x01, 0x04, 0x3F, action.rawValue, try byte(number, "preset", ParameterRange.preset)]
        case .panTiltDrive(let pan, let tilt, let panSpeed, let tiltSpeed):
            return [0x01, 0x06, 0x01] + (try speeds(panSpeed, tiltSpeed)) + [pan.rawValue, tilt.rawValue]
        case .absolutePosition(let pan, let tilt, let panSpeed, let tiltSpeed):
            return [0x01, 0x06, 0x02] + (try speeds(panSpeed, tiltSpeed)) + (try position(pan, "pan position"))
                + (try position(tilt, "tilt position"))
        case .relativePosition(let pan, let tilt, let panSpeed, let tiltSpeed):
            return [0x01, 0x06, 0x03] + (try speeds(panSpeed, tiltSpeed)) + (try position(pan, "pan offset"))
                + (try position(tilt, "tilt offset"))
        case .home:
            return [0x01, 0x06, 0x04]
        case .panTiltReset:
            return [0x01, 0x06, 0x05]
        case .zoom(let drive):
            let code: UInt8
            switch drive {
            case .stop: code = 0x00
            case .tele: code = 0x02
            case .wide: code = 0x03
            case .teleVariable(let speed): code = 0x20 | (try byte(speed, "zoom speed", ParameterRange.zoomSpeed))
            case .wideVariable(let speed): code = 0x30 | (try byte(speed, "zoom speed", ParameterRange.zoomSpeed))
            }
            return [0x01, 0x04, 0x07, code]
        case .zoomDirect(let position):
            let value = try byte16(position, "zoom position", ParameterRange.zoomPosition)
            return [0x01, 0x04, 0x47] + Nibbles.encode(value)
        case .focus(let mode):
            return [0x01, 0x04, 0x38, mode.rawValue]
        case .inquiry(let inquiry):
            return [0x09] + inquiry.selector
        }
    }

    private func speeds(_ pan: Int, _ tilt: Int) throws(VISCAError) -> [UInt8] {
        [try byte(pan, "pan speed", ParameterRange.panSpeed), try byte(tilt, "tilt speed", ParameterRange.tiltSpeed)]
    }

    private func position(_ value: Int, _ parameter: String) throws(VISCAError) -> [UInt8] {
        guard ParameterRange.position.contains(value) else {
            throw .parameterOutOfRange(parameter: parameter, value: value, allowed: ParameterRange.position)
        }
        return Nibbles.encode(signed: Int16(value))
    }

    private func byte(_ value: Int, _ parameter: String, _ range: ClosedRange<Int>) throws(VISCAError) -> UInt8 {
        guard range.contains(value) else { throw .parameterOutOfRange(parameter: parameter, value: value, allowed: range) }
        return UInt8(value)
    }

    private func byte16(_ value: Int, _ parameter: String, _ range: ClosedRange<Int>) throws(VISCAError) -> UInt16 {
        guard range.contains(value) else { throw .parameterOutOfRange(parameter: parameter, value: value, allowed: range) }
        return UInt16(value)
    }
}
