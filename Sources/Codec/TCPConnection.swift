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

/// A TCP connection (or a socket pair to a child process) read by the
/// daemon's `Reactor`, whose bytes arrive through an `AsyncStream`; writes
/// are small command lines sent by the caller.
///
/// The descriptor is closed on the reactor's thread, at the end of the
/// stream (after `close()` has shut the socket down), under the lock `write`
/// holds: a write never reaches a descriptor number closed and reused.
///
/// The far end may be a child process on a socket pair (the SSH client):
/// `ended` then says what its end means, and `closing` stops it.
package final class TCPConnection: ByteLink {
    /// Whether the socket is open; writes and the close hold it.
    private final class Gate: Sendable {
        let open = Mutex(true)
    }

    private let gate = Gate()
    private let registration: Reactor.Registration
    private let closing: (@Sendable () -> Void)?
    package let reads: AsyncStream<SocketRead>
    package let peer: String

    /// Takes over a connected socket and puts it on the reactor.
    /// `ended` is asked, on a thread of its own (it may wait for a child to
    /// exit), for the last read once the far end has closed (instead of
    /// `.closed` or `.failed`); `closing` runs on `close()`.
    package init(
        adopting fd: Int32, peer: String,
        ended: (@Sendable () -> SocketRead)? = nil, closing: (@Sendable () -> Void)? = nil
    ) {
        self.closing = closing
        self.peer = peer
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        // Closed under the writers' lock: a write holding it has the number to itself.
        let descriptor = FileDescriptor(adopting: fd) { [gate] raw in
            gate.open.withLock { open in
                open = false
                _ = Glibc.close(raw)
            }
        }
        try? descriptor.setNonBlocking()
        let (stream, continuation) = AsyncStream.makeStream(of: SocketRead.self, bufferingPolicy: .unbounded)
        self.reads = stream
        registration = Reactor.shared.register(descriptor, closesAtEnd: true) { event in
            switch event {
            case .bytes(let bytes):
                continuation.yield(.bytes(bytes))
                return
            case .end(let failure):
                if let ended {
                    DetachedThread.start(name: "codec-ended") {
                        continuation.yield(ended())
                        continuation.finish()
                    }
                    return
                }
                continuation.yield(failure.map { .failed($0.rawValue) } ?? .closed)
                continuation.finish()
            }
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
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        do throws(ConnectFailure) {
            let socket = try connectedSocket(host: host, port: port, type: Int32(SOCK_STREAM.rawValue), timeout: milliseconds)
            return .success(socket.takeRawValue())
        } catch {
            switch error {
            case .unresolved(let message): return .failure(.cannotResolve(host: host, detail: message))
            case .failed(let code): return .failure(.connectFailed(host: host, port: port, errno: code.rawValue))
            case .timedOut: return .failure(.connectTimedOut(host: host, port: port, seconds: Double(milliseconds) / 1000))
            }
        }
    }

    /// Sends all the bytes (waiting up to 5 s for a full socket), or throws.
    package func write(_ bytes: [UInt8]) throws(CodecError) {
        let result: Errno? = gate.open.withLock { open in
            guard open else { return .brokenPipe }
            do throws(Errno) {
                try registration.descriptor.writeAll(bytes, timeout: 5000)
                return nil
            } catch {
                return error
            }
        }
        if let result { throw .socketFailed(operation: "send", errno: result.rawValue) }
    }

    /// Shuts the connection down; the reading thread then ends and closes it.
    package func close() {
        gate.open.withLock { open in
            if open { _ = shutdown(registration.descriptor.rawValue, Int32(SHUT_RDWR)) }
        }
        closing?()
    }
}
