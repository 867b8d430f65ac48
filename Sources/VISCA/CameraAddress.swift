/// The address of one camera on a VISCA daisy chain: 1 for the camera nearest
/// the controller, up to 7. The controller itself is address 0.
public struct CameraAddress: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    /// The addresses a chain can hold.
    public static let range: ClosedRange<Int> = 1...7

    public init?(rawValue: UInt8) {
        guard CameraAddress.range.contains(Int(rawValue)) else { return nil }
        self.rawValue = rawValue
    }

    /// A camera address, or `VISCAError.addressOutOfRange` outside 1...7.
    public init(_ number: Int) throws(VISCAError) {
        guard CameraAddress.range.contains(number) else { throw .addressOutOfRange(number) }
        self.rawValue = UInt8(number)
    }

    /// Every address a chain can hold, nearest camera first.
    public static let all: [CameraAddress] = (1...7).map { CameraAddress(rawValue: UInt8($0))! }

    /// The first byte of a command to this camera: `8x`.
    public var commandHeader: UInt8 { 0x80 | rawValue }

    /// The first byte of a reply from this camera: `(x+8)0`, `90` for camera 1 ... `F0` for 7.
    public var replyHeader: UInt8 { (rawValue + 8) << 4 }

    public static func < (lhs: CameraAddress, rhs: CameraAddress) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "camera \(rawValue)" }
}

/// Whom a command is for: one camera, or every camera on the chain (`88`).
public enum Recipient: Hashable, Sendable, CustomStringConvertible {
    case camera(CameraAddress)
    case broadcast

    /// The command's first byte: `8x`, or `88` for broadcast.
    public var header: UInt8 {
        switch self {
        case .camera(let address): address.commandHeader
        case .broadcast: 0x88
        }
    }

    /// The recipient named by a command's first byte, or nil when the byte is not `81`...`88`.
    public init?(header: UInt8) {
        if header == 0x88 { self = .broadcast; return }
        guard header & 0xF0 == 0x80, let address = CameraAddress(rawValue: header & 0x0F) else { return nil }
        self = .camera(address)
    }

    public var description: String {
        switch self {
        case .camera(let address): address.description
        case .broadcast: "broadcast"
        }
    }
}

/// Who sent a reply: one camera (`x0`, x = address + 8), or a message that
/// went round the whole chain and kept the broadcast header `88`
/// (AddressSet's reply and IF_Clear's broadcast echo).
public enum Sender: Hashable, Sendable, CustomStringConvertible {
    case camera(CameraAddress)
    case broadcast

    /// The reply's first byte.
    public var header: UInt8 {
        switch self {
        case .camera(let address): address.replyHeader
        case .broadcast: 0x88
        }
    }

    /// The sender named by a reply's first byte, or nil when the byte is not `88` or `90`...`F0`.
    public init?(header: UInt8) {
        if header == 0x88 { self = .broadcast; return }
        guard header & 0x0F == 0, header >= 0x90,
              let address = CameraAddress(rawValue: (header >> 4) - 8) else { return nil }
        self = .camera(address)
    }

    public var description: String {
        switch self {
        case .camera(let address): address.description
        case .broadcast: "the chain (broadcast)"
        }
    }
}
