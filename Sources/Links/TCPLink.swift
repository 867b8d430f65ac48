import Glibc

/// Raw VISCA over TCP (no header): PTZOptics and many others on port 5678,
/// and serial servers that bridge a camera's RS-232 port to a TCP socket.
public actor TCPLink: ByteLink {
    /// PTZOptics' raw VISCA port.
    public static let defaultPort: UInt16 = 5678

    public nonisolated let endpoint: String
    public nonisolated let incoming: AsyncStream<[UInt8]>
    private let descriptor: Int32
    private let pump: ReadPump
    private var isOpen = true

    /// Connects, waiting at most `timeout` ms for the camera to accept.
    public init(_ address: HostAndPort, timeout: Int32 = 2000) throws {
        let endpoint = "tcp \(address)"
        let fd = try connectedSocket(to: address, type: Int32(SOCK_STREAM.rawValue), timeout: timeout, endpoint: endpoint)
        // A VISCA message is a handful of bytes that must leave now, not with the next one.
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        self.endpoint = endpoint
        descriptor = fd
        pump = ReadPump(descriptor: fd, name: endpoint) { Glibc.close(fd) }
        incoming = pump.stream
    }

    public func send(_ bytes: [UInt8]) throws {
        guard isOpen else { throw LinkError.closed(endpoint: endpoint) }
        let code = writeAll(descriptor, bytes)
        guard code == 0 else {
            throw LinkError.sendFailed(endpoint: endpoint, message: errorText(code), errno: code)
        }
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        shutdown(descriptor, Int32(SHUT_RDWR))
        pump.stop()
    }
}
