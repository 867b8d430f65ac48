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
        guard LoopbackPort.bind(fd, to: port), listen(fd, 16) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .socket("bind to 127.0.0.1:\(port)", code)
        }
        var address = sockaddr_in()
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
