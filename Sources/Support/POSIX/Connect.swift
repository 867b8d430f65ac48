#if canImport(Glibc)
import Glibc
#endif

/// Why `connectedSocket` found no way to the far end.
public enum ConnectFailure: Error, Equatable, Sendable {
    /// The host name does not resolve (`gai_strerror`'s text).
    case unresolved(message: String)
    /// Every address refused, or could not be reached; the last one's error.
    case failed(Errno)
    /// No address answered the handshake within the time given.
    case timedOut
}

/// Opens a socket of `type` (`SOCK_STREAM`, `SOCK_DGRAM`) connected to
/// `host:port`, trying each address the name resolves to, and waiting at
/// most `timeout` ms for each TCP handshake.
///
/// The one connect of the daemon: the socket is non-blocking (the
/// `Reactor` reads it) and closes on exec (a child the daemon starts, the
/// SSH client, must not inherit the camera's or the terminal's socket).
/// - Parameter localPort: binds there first (VISCA over IP's replies come to
///   a fixed port); 0 for any.
public func connectedSocket(
    host: String, port: UInt16, type: Int32, timeout: Int32, localPort: UInt16 = 0
) throws(ConnectFailure) -> FileDescriptor {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = type
    var found: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &found)
    guard status == 0, let first = found else {
        throw .unresolved(message: String(cString: gai_strerror(status)))
    }
    defer { freeaddrinfo(first) }
    var last = ConnectFailure.failed(Errno(rawValue: EHOSTUNREACH))
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    while let info = candidate {
        candidate = info.pointee.ai_next
        let raw = socket(info.pointee.ai_family, type | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard raw >= 0 else {
            last = .failed(.current)
            continue
        }
        let descriptor = FileDescriptor(adopting: raw)
        if localPort != 0 && !bindLocal(raw, family: info.pointee.ai_family, port: localPort) {
            last = .failed(.current)
            descriptor.close()
            continue
        }
        switch handshake(raw, to: info.pointee, timeout: timeout) {
        case nil:
            return descriptor
        case let failure?:
            last = failure
            descriptor.close()
        }
    }
    throw last
}

/// Connects, waiting for a handshake in progress; nil once connected.
private func handshake(_ fd: Int32, to info: addrinfo, timeout: Int32) -> ConnectFailure? {
    if connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return nil }
    let code = Errno.current
    guard code == .inProgress || code == .interrupted else { return .failed(code) }
    var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout))
    while true {
        let ready = poll(&waiting, 1, WakePipe.timeout(until: deadline))
        if ready == 0 { return .timedOut }
        if ready < 0 {
            if errno == EINTR { continue }
            return .failed(.current)
        }
        var soError: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
        return soError == 0 ? nil : .failed(Errno(rawValue: soError))
    }
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
