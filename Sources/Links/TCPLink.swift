import Glibc

/// Raw VISCA over TCP (no header): PTZOptics and many others on port 5678,
/// and serial servers that bridge a camera's RS-232 port to a TCP socket.
public final class TCPLink: ByteLink {
    /// PTZOptics' raw VISCA port.
    public static let defaultPort: UInt16 = 5678

    private let channel: DescriptorChannel

    /// Connects, waiting at most `timeout` ms for the camera to accept.
    public init(_ address: HostAndPort, timeout: Int32 = 2000) throws {
        let endpoint = "tcp \(address)"
        let fd = try connectedSocket(to: address, type: Int32(SOCK_STREAM.rawValue), timeout: timeout, endpoint: endpoint)
        // A VISCA message is a handful of bytes that must leave now, not with the next one.
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        channel = DescriptorChannel(descriptor: fd, endpoint: endpoint) { Glibc.close(fd) }
    }

    public var endpoint: String { channel.endpoint }
    public var incoming: AsyncStream<[UInt8]> { channel.incoming }

    public func send(_ bytes: [UInt8]) throws { try channel.send(bytes) }

    public func close() { channel.close(shuttingDown: true) }
}
