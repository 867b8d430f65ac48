/// An inquiry's answer, decoded knowing which inquiry was asked (the answer
/// `y0 50 ... FF` does not say).
public enum InquiryAnswer: Hashable, Sendable {
    case power(PowerState)
    case zoomPosition(Int)
    /// Pan and tilt as signed positions (two's complement over four nibbles each).
    case panTiltPosition(pan: Int, tilt: Int)
    case version(CameraVersion)
    /// Auto or manual; never `.toggle`, which is a command, not a state.
    case focusMode(FocusMode)

    /// The data bytes between `y0 50` and `FF`.
    public var data: [UInt8] {
        switch self {
        case .power(let state):
            return [state.code]
        case .zoomPosition(let position):
            return Nibbles.encode(UInt16(truncatingIfNeeded: position))
        case .panTiltPosition(let pan, let tilt):
            return Nibbles.encode(signed: Int16(truncatingIfNeeded: pan)) + Nibbles.encode(signed: Int16(truncatingIfNeeded: tilt))
        case .version(let version):
            func pair(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
            return pair(version.vendor) + pair(version.model) + pair(version.rom) + [version.maxSocket]
        case .focusMode(let mode):
            return [mode.rawValue]
        }
    }
}

/// The camera's answer to the version inquiry.
public struct CameraVersion: Hashable, Sendable, CustomStringConvertible {
    /// `GG GG`: 0020 is Sony.
    public var vendor: UInt16
    /// `HH HH`: the model code.
    public var model: UInt16
    /// `JJ JJ`: the ROM version.
    public var rom: UInt16
    /// `KK`: how many command sockets the camera has.
    public var maxSocket: UInt8

    public init(vendor: UInt16, model: UInt16, rom: UInt16, maxSocket: UInt8) {
        self.vendor = vendor
        self.model = model
        self.rom = rom
        self.maxSocket = maxSocket
    }

    public var description: String {
        func hex(_ value: UInt16) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - digits.count) + digits
        }
        return "vendor \(hex(vendor)), model \(hex(model)), ROM \(hex(rom)), \(maxSocket) socket(s)"
    }
}

extension Inquiry {
    /// Decodes the data of this inquiry's answer (the bytes between `y0 50` and `FF`).
    public func answer(from data: [UInt8]) throws(VISCAError) -> InquiryAnswer {
        let unexpected = VISCAError.unexpectedAnswer(inquiry: self, data: data)
        switch self {
        case .power:
            guard data.count == 1, let state = PowerState(code: data[0]) else { throw unexpected }
            return .power(state)
        case .zoomPosition:
            guard let position = Nibbles.decode(data) else { throw unexpected }
            return .zoomPosition(Int(position))
        case .panTiltPosition:
            guard data.count == 8, let pan = Nibbles.decodeSigned(data[0..<4]),
                  let tilt = Nibbles.decodeSigned(data[4..<8]) else { throw unexpected }
            return .panTiltPosition(pan: Int(pan), tilt: Int(tilt))
        case .version:
            guard data.count == 7 else { throw unexpected }
            func pair(_ index: Int) -> UInt16 { UInt16(data[index]) << 8 | UInt16(data[index + 1]) }
            return .version(CameraVersion(vendor: pair(0), model: pair(2), rom: pair(4), maxSocket: data[6]))
        case .focusMode:
            guard data.count == 1, let mode = FocusMode(rawValue: data[0]), mode != .toggle else { throw unexpected }
            return .focusMode(mode)
        }
    }

    /// Decodes a reply to this inquiry. A reply that is not an answer (an error,
    /// an ACK) throws `VISCAError.unexpectedAnswer`; look at `reply.kind` first
    /// to report a camera error as such.
    public func answer(from reply: Reply) throws(VISCAError) -> InquiryAnswer {
        guard case .answer(let data) = reply.kind else {
            throw .unexpectedAnswer(inquiry: self, data: Array(reply.encoded.dropFirst().dropLast()))
        }
        return try answer(from: data)
    }
}
