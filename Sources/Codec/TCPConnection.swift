import FoundationEssentials
import Support
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the reading thread of a connection saw.
package enum SocketRead: Sendable {
    case bytes([UInt8])
    case closed
    case failed(Int32)
    /// The link ended, and why (the SSH client's exit, read from its log).
    case ended(CodecError)
}

/// A byte stream to the terminal or from a client: a TCP connection, an
/// SSH client's pipes, a simulator's standard input and output.
package protocol ByteLink: Sendable {
    var reads: AsyncStream<SocketRead> { get }
    func write(_ bytes: [UInt8]) throws(CodecError)
    func close()
}

/// A TCP connection with Glibc sockets: a thread of its own blocks in
/// `read` and hands the bytes over through an `AsyncStream`; writes are
/// small command lines sent by the caller.
///
/// The descriptor is closed by the reading thread only, after `close()` has
/// shut the socket down; `write` and that close take the same lock, so a
/// write never reaches a descriptor number that was closed and reused.
///
/// The far end may be a child process on a socket pair (the SSH client):
/// `ended` then says what its end means, and `closing` stops it.
package final class TCPConnection: ByteLink {
    private struct Descriptor: Sendable {
        var fd: Int32
        var open: Bool
    }

    private let descriptor: Mutex<Descriptor>
    private let closing: (@Sendable () -> Void)?
    package let reads: AsyncStream<SocketRead>
    package let peer: String

    /// Takes over a connected socket and starts its reading thread.
    /// `ended` is asked, on that thread, for the last read once the far end
    /// has closed (instead of `.closed` or `.failed`); `closing` runs on `close()`.
    package init(
        adopting fd: Int32, peer: String,
        ended: (@Sendable () -> SocketRead)? = nil, closing: (@Sendable () -> Void)? = nil
    ) {
        self.descriptor = Mutex(Descriptor(fd: fd, open: true))
        self.closing = closing
        self.peer = peer
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let (stream, continuation) = AsyncStream.makeStream(of: SocketRead.self, bufferingPolicy: .unbounded)
        self.reads = stream
        DetachedThread.start(name: "codec-read") { [self] in
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    continuation.yield(.bytes(Array(buffer[0..<count])))
                } else if count == 0 {
                    continuation.yield(ended?() ?? .closed)
                    break
                } else if errno != EINTR {
                    continuation.yield(ended?() ?? .failed(errno))
                    break
                }
            }
            self.descriptor.withLock { state in
                state.open = false
                _ = Glibc.close(state.fd)
            }
            continuation.finish()
        }
    }

    /// Connects to `host:port` within `timeout`, off the caller's thread.
    package static func connect(host: String, port: UInt16, timeout: Duration) async throws(CodecError) -> TCPConnection {
        let result: Result<Int32, CodecError> = await withCheckedContinuation { continuation in
            DetachedThread.start(name: "codec-connect") {
                continuation.resume(returning: openSocket(host: host, port: port, timeout: timeout))
            }
        }
        let fd = try result.get()
        return TCPConnection(adopting: fd, peer: "\(host):\(port)")
    }

    private static func openSocket(host: String, port: UInt16, timeout: Duration) -> Result<Int32, CodecError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(.cannotResolve(host: host, detail: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(list) }
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var lastError = CodecError.connectFailed(host: host, port: port, errno: ECONNREFUSED)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard fd >= 0 else { lastError = .socketFailed(operation: "socket", errno: errno); continue }
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) != 0 {
                guard errno == EINPROGRESS else {
                    lastError = .connectFailed(host: host, port: port, errno: errno)
                    Glibc.close(fd)
                    continue
                }
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&poller, 1, milliseconds)
                if ready == 0 {
                    lastError = .connectTimedOut(host: host, port: port, seconds: Double(milliseconds) / 1000)
                    Glibc.close(fd)
                    continue
                }
                var problem: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &problem, &length)
                if ready < 0 || problem != 0 {
                    lastError = .connectFailed(host: host, port: port, errno: ready < 0 ? errno : problem)
                    Glibc.close(fd)
                    continue
                }
            }
            _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
            return .success(fd)
        }
        return .failure(lastError)
    }

    /// Sends all the bytes, or throws.
    package func write(_ bytes: [UInt8]) throws(CodecError) {
        let result: Int32 = descriptor.withLock { state in
            guard state.open else { return EPIPE }
            var offset = 0
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes { send(state.fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
                if sent < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += sent
            }
            return 0
        }
        if result != 0 { throw .socketFailed(operation: "send", errno: result) }
    }

    /// Shuts the connection down; the reading thread then ends and closes it.
    package func close() {
        descriptor.withLock { state in
            if state.open { _ = shutdown(state.fd, Int32(SHUT_RDWR)) }
        }
        closing?()
    }
}
