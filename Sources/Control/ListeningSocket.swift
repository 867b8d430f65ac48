import Glibc

/// Opening the server's listening sockets, thin over Glibc: each failure
/// becomes a `ControlError` that names the endpoint and the fix.
enum ListeningSocket {
    /// A non-blocking TCP listener; returns the descriptor and the port it got.
    static func tcp(address: String, port: Int) throws(ControlError) -> (descriptor: Int32, port: Int) {
        guard (0...65535).contains(port) else { throw .cannotListen(endpoint: "\(address):\(port)", errno: EINVAL) }
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            family = AF_INET
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
            socketAddress.sin_addr = v4
            withUnsafeBytes(of: &socketAddress) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        } else if inet_pton(AF_INET6, address, &v6) == 1 {
            family = AF_INET6
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = in_port_t(UInt16(port).bigEndian)
            socketAddress.sin6_addr = v6
            withUnsafeBytes(of: &socketAddress) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            throw .badListenAddress(address)
        }
        let endpoint = family == AF_INET6 ? "[\(address)]:\(port)" : "\(address):\(port)"

        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .cannotListen(endpoint: endpoint, errno: errno) }
        var yes: Int32 = 1
        var no: Int32 = 0
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if family == AF_INET6 {
            // `::` takes IPv4 clients too, as IPv4-mapped addresses.
            setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &no, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, SOMAXCONN) == 0 else {
            let code = errno
            close(descriptor)
            throw .cannotListen(endpoint: endpoint, errno: code)
        }
        return (descriptor, localPort(of: descriptor) ?? port)
    }

    /// A non-blocking Unix-socket listener at `path`, with `permissions`.
    /// A stale socket file (no one listening) is replaced; a live one is not.
    static func unix(path: String, permissions: UInt32) throws(ControlError) -> Int32 {
        var socketAddress = sockaddr_un()
        let limit = MemoryLayout.size(ofValue: socketAddress.sun_path) - 1
        guard path.utf8.count <= limit, !path.isEmpty else { throw .socketPathTooLong(path: path, limit: limit) }
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
        }

        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFSOCK else { throw .socketPathNotASocket(path: path) }
            if someoneListens(at: socketAddress) { throw .socketPathInUse(path: path) }
            unlink(path)
        }

        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .cannotListen(endpoint: path, errno: errno) }
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw .cannotListen(endpoint: path, errno: code)
        }
        // Before listen(), so no one connects while the mode is still the umask's.
        guard chmod(path, mode_t(permissions)) == 0, listen(descriptor, SOMAXCONN) == 0 else {
            let code = errno
            close(descriptor)
            unlink(path)
            throw .cannotListen(endpoint: path, errno: code)
        }
        return descriptor
    }

    private static func someoneListens(at address: sockaddr_un) -> Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        var address = address
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }

    static func localPort(of descriptor: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { return nil }
        return endpoint(of: storage)?.port
    }

    /// The address and port in a socket address, for TCP peers.
    static func endpoint(of storage: sockaddr_storage) -> (address: String, port: Int)? {
        var storage = storage
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin_addr
                    inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
                    return (string(buffer), Int(UInt16(bigEndian: pointer.pointee.sin_port)))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin6_addr
                    inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
                    var text = string(buffer)
                    // An IPv4 client of a `::` listener: show it as IPv4.
                    if text.hasPrefix("::ffff:"), text.contains(".") { text.removeFirst(7) }
                    return (text, Int(UInt16(bigEndian: pointer.pointee.sin6_port)))
                }
            }
        default:
            return nil
        }
    }

    /// The Unix-socket client's process and user, as the kernel gives them (SO_PEERCRED).
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
