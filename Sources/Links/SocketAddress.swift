import Glibc

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
/// ms for a TCP handshake. Returns a non-blocking descriptor.
func connectedSocket(to address: HostAndPort, type: Int32, timeout: Int32, endpoint: String,
                     localPort: UInt16 = 0) throws -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = type
    var found: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(address.host, String(address.port), &hints, &found)
    guard status == 0, let first = found else {
        throw LinkError.hostUnresolved(host: address.host, message: String(cString: gai_strerror(status)))
    }
    defer { freeaddrinfo(first) }
    var lastError: Int32 = EHOSTUNREACH
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    while let info = candidate {
        candidate = info.pointee.ai_next
        let fd = socket(info.pointee.ai_family, type | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { lastError = errno; continue }
        if localPort != 0 && !bindLocal(fd, family: info.pointee.ai_family, port: localPort) {
            lastError = errno
            Glibc.close(fd)
            continue
        }
        if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
            return fd
        }
        var code = errno
        if code == EINPROGRESS {
            var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&waiting, 1, timeout)
            if ready == 1 {
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                if soError == 0 { return fd }
                code = soError
            } else {
                code = ready == 0 ? ETIMEDOUT : errno
            }
        }
        lastError = code
        Glibc.close(fd)
    }
    throw LinkError.connectFailed(endpoint: endpoint, message: errorText(lastError), errno: lastError)
}

/// Binds `fd` to `port` on every local address of `family`.
private func bindLocal(_ fd: Int32, family: Int32, port: UInt16) -> Bool {
    var reuse: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
    if family == AF_INET6 {
        var local = sockaddr_in6()
        local.sin6_family = sa_family_t(AF_INET6)
        local.sin6_port = port.bigEndian
        return withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0 }
        }
    }
    var local = sockaddr_in()
    local.sin_family = sa_family_t(AF_INET)
    local.sin_port = port.bigEndian
    return withUnsafePointer(to: &local) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}
