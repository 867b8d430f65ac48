import Codec
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import Support

/// A listening TCP socket on 127.0.0.1. A thread of its own blocks in
/// `accept` and hands each new connection over through `connections`.
final class LoopbackListener: Sendable {
    let port: UInt16
    let connections: AsyncStream<Int32>
    private let descriptor: Mutex<Int32>

    init(port: UInt16) throws(SimulatorError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .socket("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .socket("bind to 127.0.0.1:\(port)", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        self.descriptor = Mutex(fd)
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.connections = stream
        let thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client >= 0 {
                    continuation.yield(client)
                } else if errno != EINTR && errno != ECONNABORTED {
                    break
                }
            }
            continuation.finish()
            Glibc.close(fd)
        }
        thread.name = "codec-sim accept"
        thread.start()
    }

    /// Stops accepting; the accepting thread then closes the socket.
    func close() {
        descriptor.withLock { fd in
            if fd >= 0 { _ = shutdown(fd, Int32(SHUT_RDWR)) }
            fd = -1
        }
    }
}

public enum SimulatorError: Error, CustomStringConvertible, Sendable {
    case socket(String, Int32)

    public var description: String {
        switch self {
        case let .socket(operation, code): "codec-sim: \(operation) failed: \(Errno(rawValue: code).description)"
        }
    }
}
