import Glibc
import Support

/// A host and port as a technician types them: `192.168.1.20`, `cam1.local:5678`,
/// `[::1]:52381`.
public struct HostAndPort: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST`, `HOST:PORT`, `[V6]` or `[V6]:PORT`; `nil` if the port is not a number.
    public init?(parsing text: String, defaultPort: UInt16) {
        var host = Substring(text)
        var port = defaultPort
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if rest.hasPrefix(":") {
                guard let value = UInt16(rest.dropFirst()) else { return nil }
                port = value
            } else if !rest.isEmpty { return nil }
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            guard let value = UInt16(host[host.index(after: colon)...]) else { return nil }
            port = value
            host = host[..<colon]
        }
        guard !host.isEmpty else { return nil }
        self.host = String(host)
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Opens a socket of `type` connected to `address`, waiting at most `timeout`
/// ms for a TCP handshake: Support's `connectedSocket` (non-blocking, close
/// on exec), its failures in the words a camera's technician needs.
func connectedSocket(to address: HostAndPort, type: Int32, timeout: Int32, endpoint: String,
                     localPort: UInt16 = 0) throws -> Int32 {
    do throws(ConnectFailure) {
        let socket = try Support.connectedSocket(
            host: address.host, port: address.port, type: type, timeout: timeout, localPort: localPort)
        return socket.takeRawValue()
    } catch {
        switch error {
        case .unresolved(let message):
            throw LinkError.hostUnresolved(host: address.host, message: message)
        case .failed(let code):
            throw LinkError.connectFailed(endpoint: endpoint, message: code.description, errno: code.rawValue)
        case .timedOut:
            throw LinkError.connectFailed(endpoint: endpoint, message: Errno.timedOut.description, errno: ETIMEDOUT)
        }
    }
}
