import Support
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The TCP connection to the broker on the daemon's `Reactor`: it reads
/// when the socket is readable, and writes when it is writable. `send`
/// never waits: what the socket does not take at once waits in the
/// connection's own buffer until the reactor says it can go, so a broker
/// link that stalls without a reset never holds a thread of Swift's
/// cooperative pool (the keep-alive then finds it dead). The descriptor is
/// closed on the reactor's thread, once its watch has left the epoll set
/// (as `ControlConnection` does, for the same reason: a number closed and
/// reused must not be named by a readiness still on its way).
final class BrokerSocket: Sendable {
    /// What arrived, in order; ends when the connection does, or on `close`.
    let incoming: AsyncStream<[UInt8]>
    private let continuation: AsyncStream<[UInt8]>.Continuation
    private let descriptor: Int32
    private let io: Mutex<IO>

    /// Bytes waiting for the socket beyond which the link counts as lost:
    /// a broker that reads nothing must not fill the room PC's memory.
    static let maxPendingBytes = 32 * 1024 * 1024
    /// How long a closing connection may still write what it was given (a DISCONNECT).
    static let closingGrace: Duration = .seconds(1)

    private struct IO {
        var reading = true
        var closed = false
        var output: [UInt8] = []
        var outputStart = 0
        var watch: Reactor.Watch?
        /// What the one-shot watch is armed for now (`poll`'s bits).
        var armed: UInt32 = 0
        var grace: Reactor.Scheduled?

        var pending: Int { output.count - outputStart }
    }

    /// Takes over a connected, non-blocking socket and puts it on the reactor;
    /// nil (and the socket closed) if the reactor cannot watch it.
    init?(descriptor: Int32) {
        self.descriptor = descriptor
        (incoming, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        io = Mutex(IO())
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        do {
            let watch = try Reactor.shared.watch(descriptor, for: 0, oneShot: true) { [self] events in ready(events) }
            io.withLock { io in
                io.watch = watch
                arm(&io)
            }
        } catch {
            continuation.finish()
            Glibc.close(descriptor)
            return nil
        }
    }

    /// Queues `bytes` and writes what the socket takes now; false when the
    /// connection is closed, or has been closed because too much waits.
    func send(_ bytes: [UInt8]) -> Bool {
        io.withLock { io in
            guard io.reading, !io.closed else { return false }
            guard io.pending + bytes.count <= Self.maxPendingBytes else {
                closeNow(&io)
                return false
            }
            io.output += bytes
            flush(&io)
            arm(&io)
            return !io.closed
        }
    }

    /// Ends the connection: nothing more is read (`incoming` ends now); what
    /// was sent and not yet written goes out within `closingGrace`.
    func close() {
        io.withLock { io in
            guard io.reading, !io.closed else { return }
            io.reading = false
            continuation.finish()
            guard io.pending > 0 else {
                closeNow(&io)
                return
            }
            io.grace = Reactor.shared.schedule(at: .now + Self.closingGrace) { [self] in
                self.io.withLock { closeNow(&$0) }
            }
            arm(&io)
        }
    }

    // MARK: On the reactor's thread

    private func ready(_ events: UInt32) {
        let armed = io.withLock { io in
            defer { io.armed = 0 }  // one-shot: disarmed until `arm` arms it again
            return io.armed
        }
        if events & UInt32(POLLIN | POLLHUP | POLLERR) != 0, armed & UInt32(POLLIN) != 0 { readable() }
        io.withLock { io in
            if events & UInt32(POLLOUT | POLLERR) != 0, armed & UInt32(POLLOUT) != 0 { flush(&io) }
            arm(&io)
        }
    }

    private func readable() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65_536) { buffer in
            let count = recv(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            let code = errno
            io.withLock { io in
                guard io.reading, !io.closed else { return }
                if count > 0 {
                    continuation.yield(Array(UnsafeBufferPointer(rebasing: buffer[0..<count])))
                } else if count == 0 || (code != EAGAIN && code != EINTR) {
                    closeNow(&io)
                }
            }
        }
    }

    // MARK: Steps, each with the lock held

    private func flush(_ io: inout IO) {
        while io.pending > 0, !io.closed {
            let start = io.outputStart
            let written = io.output.withUnsafeBytes { bytes in
                Glibc.send(descriptor, bytes.baseAddress! + start, bytes.count - start, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written > 0 {
                io.outputStart += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                return  // `arm` asks the reactor for POLLOUT
            } else {
                closeNow(&io)
                return
            }
        }
        io.output.removeAll(keepingCapacity: io.output.capacity <= 64 * 1024)
        io.outputStart = 0
        if !io.reading { closeNow(&io) }
    }

    private func closeNow(_ io: inout IO) {
        guard !io.closed else { return }
        io.closed = true
        io.reading = false
        io.output = []
        io.outputStart = 0
        continuation.finish()
        io.grace?.cancel()
        io.grace = nil
        if let watch = io.watch {
            watch.cancel { [descriptor] in _ = Glibc.close(descriptor) }
            io.watch = nil
        } else {
            Glibc.close(descriptor)
        }
    }

    /// Arms the watch for what the connection wants of the socket now.
    private func arm(_ io: inout IO) {
        guard !io.closed, let watch = io.watch else { return }
        var events: UInt32 = 0
        if io.reading { events |= UInt32(POLLIN) }
        if io.pending > 0 { events |= UInt32(POLLOUT) }
        if events != io.armed {
            io.armed = events
            watch.want(events)
        }
    }
}
