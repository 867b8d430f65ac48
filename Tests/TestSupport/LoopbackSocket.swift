import Glibc

/// Why a loopback socket for a test could not be made.
public struct LoopbackSocketError: Error, CustomStringConvertible {
    public let description: String
}

/// A socket bound to 127.0.0.1 on a free port, for a test's stand-in peer:
/// `SOCK_STREAM` (listening) or `SOCK_DGRAM`. Returns the descriptor and the port.
public func loopbackSocket(_ type: __socket_type) throws -> (fd: Int32, port: UInt16) {
    let fd = socket(AF_INET, Int32(type.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && (type != SOCK_STREAM || listen(fd, 4) == 0)
                && getsockname(fd, pointer, &length) == 0
        }
    }
    guard fd >= 0, bound else {
        let reason = String(cString: strerror(errno))
        if fd >= 0 { close(fd) }
        throw LoopbackSocketError(description: "cannot bind a loopback socket: \(reason)")
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}
