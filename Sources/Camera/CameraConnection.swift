import Links

/// How to reach a camera (or a daisy chain of them), and how to reach it again
/// after the adapter was unplugged or the network dropped.
public struct CameraConnection: Sendable, CustomStringConvertible {
    public enum Transport: Sendable {
        /// A serial port: libserialport, falling back to termios for
        /// pseudo-terminals and serial servers that libserialport refuses.
        case serial(path: String, baud: Int)
        /// A tty opened through termios only (pseudo-terminals, ser2net, socat).
        case tty(path: String, baud: Int)
        /// Sony VISCA over IP.
        case udp(HostAndPort, localPort: UInt16)
        /// Raw VISCA over TCP (PTZOptics 5678, serial servers).
        case tcp(HostAndPort)
        /// Any other way of opening a link (tests, a link handed over by the daemon).
        case custom(name: String, daisyChain: Bool, open: @Sendable () async throws -> any ByteLink)
    }

    public var transport: Transport

    public init(_ transport: Transport) { self.transport = transport }

    public static func serial(_ path: String, baud: Int = 9600) -> CameraConnection { .init(.serial(path: path, baud: baud)) }
    public static func tty(_ path: String, baud: Int = 9600) -> CameraConnection { .init(.tty(path: path, baud: baud)) }
    public static func udp(_ address: HostAndPort, localPort: UInt16 = 0) -> CameraConnection {
        .init(.udp(address, localPort: localPort))
    }
    public static func tcp(_ address: HostAndPort) -> CameraConnection { .init(.tcp(address)) }

    /// Whether cameras are numbered by AddressSet (serial daisy chains) or the
    /// address is fixed at 1 (`81`) as over IP.
    public var isDaisyChain: Bool {
        switch transport {
        case .serial, .tty: return true
        case .udp, .tcp: return false
        case .custom(_, let daisyChain, _): return daisyChain
        }
    }

    /// Where the camera is, as a technician names it.
    public var description: String {
        switch transport {
        case .serial(let path, _), .tty(let path, _): return path
        case .udp(let address, _): return "udp \(address)"
        case .tcp(let address): return "tcp \(address)"
        case .custom(let name, _, _): return name
        }
    }

    /// Opens the link; a `LinkError` says why not.
    public func open() async throws -> any ByteLink {
        switch transport {
        case .serial(let path, let baud):
            do {
                return try SerialPortLink(path: path, baud: baud)
            } catch let error as LinkError {
                switch error {
                case .portMissing, .permissionDenied, .portBusy, .unsupportedBaudRate: throw error
                default:
                    // A pseudo-terminal or serial server: termios can open what libserialport refuses.
                    guard let link = try? TTYLink(path: path, baud: baud) else { throw error }
                    return link
                }
            }
        case .tty(let path, let baud):
            return try TTYLink(path: path, baud: baud)
        case .udp(let address, let localPort):
            return try await UDPLink(address, localPort: localPort)
        case .tcp(let address):
            return try TCPLink(address)
        case .custom(_, _, let open):
            return try await open()
        }
    }
}
