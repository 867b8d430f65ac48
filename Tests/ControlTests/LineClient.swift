import Dispatch
import Foundation
import Glibc
import Synchronization

/// A control client as `nc` would be: a plain blocking socket, lines in and
/// out. Its blocking calls run on a serial queue of its own (Dispatch's
/// overcommitting pool), never on Swift's cooperative threads, so a test
/// waiting for a reply cannot starve the server it waits for.
final class LineClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let descriptor: Int32
    private let queue: DispatchQueue
    private let pending = Mutex<[UInt8]>([])

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        self.queue = DispatchQueue(label: "test.client.\(descriptor)")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Connects over TCP, from `source` when given (any 127/8 address works on loopback).
    static func tcp(_ host: String = "127.0.0.1", port: Int, from source: String? = nil) throws -> LineClient {
        let v6 = host.contains(":")
        let descriptor = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        if let source {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, source, &address.sin_addr)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { close(descriptor); throw Failure(description: "bind \(source): \(errno)") }
        }
        var storage = sockaddr_storage()
        let length: Int
        if v6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            withUnsafeBytes(of: &address) { source in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) } }
            length = MemoryLayout<sockaddr_in6>.size
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            withUnsafeBytes(of: &address) { source in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) } }
            length = MemoryLayout<sockaddr_in>.size
        }
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(length)) }
        }
        guard result == 0 else { close(descriptor); throw Failure(description: "connect \(host):\(port): \(String(cString: strerror(errno)))") }
        return LineClient(descriptor: descriptor)
    }

    static func unix(_ path: String) throws -> LineClient {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { close(descriptor); throw Failure(description: "connect \(path): \(String(cString: strerror(errno)))") }
        return LineClient(descriptor: descriptor)
    }

    // MARK: Blocking calls (call them off the cooperative pool, or through the async ones)

    func writeNow(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// The next line without its line end; nil when the server closed the connection.
    func readLineNow() throws -> String? {
        while true {
            let line: String? = pending.withLock { buffer in
                guard let end = buffer.firstIndex(of: 0x0A) else { return nil }
                var line = Array(buffer[..<end])
                if line.last == 0x0D { line.removeLast() }
                buffer.removeFirst(end + 1)
                return String(decoding: line, as: UTF8.self)
            }
            if let line { return line }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return nil }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return nil }
                throw Failure(description: "no line within 10 s (recv: \(String(cString: strerror(errno))))")
            }
            pending.withLock { $0 += chunk[0..<count] }
        }
    }

    // MARK: Async wrappers

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    func send(_ line: String) async throws {
        try await run { try self.writeNow(Array((line + "\r\n").utf8)) }
    }

    func sendBytes(_ bytes: [UInt8]) async throws {
        try await run { try self.writeNow(bytes) }
    }

    func line() async throws -> String? {
        try await run { try self.readLineNow() }
    }

    /// Sends a line and returns the reply line.
    func ask(_ line: String) async throws -> String {
        try await send(line)
        guard let reply = try await self.line() else { throw Failure(description: "connection closed after '\(line)'") }
        return reply
    }
}
