import Glibc

/// A TCP port on 127.0.0.1 that nothing listens on, for a test's or the
/// demo's own server. Taken below the kernel's ephemeral range: a port the
/// kernel hands out for a bind to 0 may be taken again at once as the local
/// port of some outgoing connection before the server binds it (a CI run
/// saw "Address already in use" so).
public enum LoopbackPort {
    public static func free() -> UInt16? {
        let ephemeralStart = (try? WholeFile.read("/proc/sys/net/ipv4/ip_local_port_range"))
            .flatMap { String(decoding: $0, as: UTF8.self).split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } } ?? 32768
        let low = 10_000, high = max(low + 1000, ephemeralStart) - 1
        for _ in 0..<200 {
            let port = UInt16(Int.random(in: low...high))
            if canBind(port) { return port }
        }
        return nil
    }

    /// Whether 127.0.0.1:`port` can be bound now (with SO_REUSEADDR, as servers do).
    static func canBind(_ port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bind(descriptor, to: port)
    }

    /// Binds a TCP socket to 127.0.0.1:`port` (0: any), with SO_REUSEADDR
    /// so that a server restarted at once gets its port back.
    public static func bind(_ descriptor: Int32, to port: UInt16) -> Bool {
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
