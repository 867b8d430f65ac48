import Glibc
import Support
import Synchronization

/// One client's socket, watched by the daemon's `Reactor` (no thread of its
/// own): it cuts what arrives into lines and hands them to the session on `inputs`;
/// replies go out through `send`, and wait for the socket to take them when
/// it is full. Memory stays bounded: one unfinished line of at most
/// `maxLineBytes`, a few dozen lines waiting for the session (reading pauses
/// beyond that), and at most `maxPendingOutputBytes` of replies for a client
/// that does not read.
///
/// Not Dispatch sources: clients come and go, the kernel hands a new
/// connection the number of one just closed, and libdispatch's epoll
/// bookkeeping can still hold the old registration for it
/// (swift-corelibs-libdispatch #833, #949; the keypad's reader crashed the
/// test suite that way). The descriptor is closed on the reactor's thread,
/// once the watch has left its epoll set.
final class ControlConnection: Sendable {
    /// What the session hears from the socket.
    enum Input: Sendable, Equatable {
        case line([UInt8])
        /// A line ran past the limit; nothing more is read.
        case overlong
        /// Nothing came for the idle time-out; nothing more is read.
        case idle
        /// The client closed its side, or the socket failed.
        case ended
        /// The client stopped reading its replies; the connection is already closed.
        case stalled
    }

    struct Limits: Sendable {
        var maxLineBytes: Int
        var idleTimeout: Duration
        var maxPendingOutputBytes: Int
        var closingGrace: Duration
    }

    let peer: ControlPeer
    let inputs: AsyncStream<Input>
    private let descriptor: Int32
    private let limits: Limits
    private let continuation: AsyncStream<Input>.Continuation
    private let io: Mutex<IO>

    /// Lines waiting for the session before reading pauses, and when it resumes.
    private static let pauseAt = 32
    private static let resumeAt = 8

    private enum Stage {
        case open
        /// The last reply is being written; then the write side is shut.
        case flushing
        /// Write side shut; reading and dropping until the client closes or the grace ends,
        /// so the kernel does not reset the connection before the client has read the last reply.
        case draining
        case closed
    }

    private struct IO {
        var stage = Stage.open
        var framer: LineFramer
        var readerPaused = false
        /// Reading stopped for good (line too long, idle, ended).
        var readingStopped = false
        var queuedLines = 0
        var output: [UInt8] = []
        var outputStart = 0
        /// Bytes of `output` that do not count towards the allowance (see
        /// `send`), less what has been written since.
        var unlimited = 0
        var lastHeard = ContinuousClock.now
        /// When a closing connection gives up waiting for its client.
        var graceEnds: ContinuousClock.Instant?
        /// The socket on the reactor (one-shot: re-armed after each readiness).
        var watch: Reactor.Watch?
        /// What the watch is armed for (`poll`'s bits).
        var armed: UInt32 = 0
        /// The time-out on the reactor, and when it runs: never later than `deadline`.
        var timer: (at: ContinuousClock.Instant, scheduled: Reactor.Scheduled)?
    }

    init(descriptor: Int32, peer: ControlPeer, limits: Limits) {
        self.descriptor = descriptor
        self.peer = peer
        self.limits = limits
        (inputs, continuation) = AsyncStream.makeStream(of: Input.self)
        io = Mutex(IO(framer: LineFramer(maxLineBytes: limits.maxLineBytes)))
    }

    func start() {
        io.withLock { io in
            guard io.stage != .closed else {
                // Closed before it started: nothing watches it, so it closes here.
                Glibc.close(descriptor)
                return
            }
            do throws(Errno) {
                io.watch = try Reactor.shared.watch(descriptor, for: 0, oneShot: true) { [self] events in ready(events) }
                wake(&io)
            } catch {
                // Not watchable (it cannot happen to a connected socket): it cannot be served.
                io.stage = .closed
                continuation.yield(.ended)
                continuation.finish()
                Glibc.close(descriptor)
            }
        }
    }

    /// Queues bytes for the client and writes what the socket takes now.
    /// `beyondLimit` bytes of them do not count towards the client's
    /// allowance: a document it asked for (a report), larger than the
    /// allowance itself, is not a sign that it stopped reading. Documents
    /// asked for and not read are bounded too (`maxUnreadDocumentBytes`):
    /// a client that asks for report after report without reading them is
    /// not reading, and would otherwise grow the daemon without limit.
    /// About a dozen six-monthly pages (300 KiB each) waiting to be read.
    static let maxUnreadDocumentBytes = 4 * 1024 * 1024

    func send(_ text: String, beyondLimit: Int = 0) {
        io.withLock { io in
            guard io.stage == .open else { return }
            let pending = io.output.count - io.outputStart
            io.unlimited += beyondLimit
            guard pending + text.utf8.count - io.unlimited <= limits.maxPendingOutputBytes,
                io.unlimited <= Self.maxUnreadDocumentBytes
            else {
                continuation.yield(.stalled)
                closeNow(&io)
                return
            }
            io.output.append(contentsOf: text.utf8)
            flush(&io)
        }
    }

    /// The session has dealt with one line; reading resumes when few are left.
    func lineHandled() {
        io.withLock { io in
            io.queuedLines -= 1
            if io.stage == .open, !io.readingStopped, io.readerPaused, io.queuedLines <= Self.resumeAt {
                io.readerPaused = false
                wake(&io)
            }
        }
    }

    /// Closes after the replies already sent have reached the client.
    func finish() {
        io.withLock { io in
            guard io.stage == .open else { return }
            io.stage = .flushing
            io.readingStopped = true
            io.graceEnds = .now + limits.closingGrace
            if io.outputStart == io.output.count { beginDraining(&io) }
            wake(&io)
        }
    }

    /// Closes at once, dropping anything unsent.
    func close() {
        io.withLock { closeNow(&$0) }
    }

    // MARK: On the reactor's thread

    /// The socket is ready for some of what the watch was armed for.
    private func ready(_ events: UInt32) {
        let armed = io.withLock { io in
            defer { io.armed = 0 }  // one-shot: disarmed until `wake` arms it again
            return io.armed
        }
        if events & UInt32(POLLIN | POLLHUP | POLLERR) != 0, armed & UInt32(POLLIN) != 0 { readable() }
        if events & UInt32(POLLOUT | POLLERR) != 0, armed & UInt32(POLLOUT) != 0 { writable() }
        io.withLock { wake(&$0) }
    }

    /// The next moment the connection must act without the socket: the idle
    /// time-out while open, the end of the grace while closing.
    private func deadline(_ io: IO) -> ContinuousClock.Instant? {
        switch io.stage {
        case .open: io.readingStopped ? nil : io.lastHeard + limits.idleTimeout
        case .flushing, .draining: io.graceEnds
        case .closed: nil
        }
    }

    private func readable() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            let count = recv(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            let code = errno
            io.withLock { io in
                switch io.stage {
                case .closed:
                    return
                case .flushing, .draining:
                    if count == 0 || (count < 0 && code != EAGAIN && code != EINTR) {
                        closeNow(&io)
                    }
                    return
                case .open:
                    break
                }
                if count > 0 {
                    guard !io.readingStopped else { return }
                    io.lastHeard = .now
                    let bytes = UnsafeBufferPointer(rebasing: buffer[0..<count])
                    var lines = 0
                    let withinLimit = io.framer.feed(bytes) { piece in
                        switch piece {
                        case .line(let line):
                            lines += 1
                            continuation.yield(.line(line))
                        case .overlong:
                            continuation.yield(.overlong)
                        }
                    }
                    io.queuedLines += lines
                    if !withinLimit {
                        io.readingStopped = true
                    } else if io.queuedLines >= Self.pauseAt {
                        io.readerPaused = true
                    }
                } else if count == 0 || (code != EAGAIN && code != EINTR) {
                    io.readingStopped = true
                    continuation.yield(.ended)
                }
            }
        }
    }

    private func writable() {
        io.withLock { io in
            guard io.stage == .open || io.stage == .flushing else { return }
            flush(&io)
        }
    }

    private func timeIsUp() {
        io.withLock { io in
            io.timer = nil
            if let deadline = deadline(io), ContinuousClock.now >= deadline {
                switch io.stage {
                case .open:
                    io.readingStopped = true
                    continuation.yield(.idle)
                case .flushing, .draining:
                    closeNow(&io)
                case .closed:
                    break
                }
            }
            wake(&io)
        }
    }

    // MARK: Steps, each with the lock held

    private func flush(_ io: inout IO) {
        while io.outputStart < io.output.count {
            let start = io.outputStart
            let written = io.output.withUnsafeBytes { bytes in
                Glibc.send(descriptor, bytes.baseAddress! + start, bytes.count - start, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written > 0 {
                io.outputStart += written
                io.unlimited = max(0, io.unlimited - written)
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                wake(&io)  // the reactor waits for POLLOUT from now on
                return
            } else {
                closeNow(&io)
                return
            }
        }
        io.output.removeAll(keepingCapacity: io.output.capacity <= 16 * 1024)
        io.outputStart = 0
        if io.stage == .flushing { beginDraining(&io) }
    }

    private func beginDraining(_ io: inout IO) {
        shutdown(descriptor, Int32(SHUT_WR))
        io.stage = .draining
        wake(&io)
    }

    private func closeNow(_ io: inout IO) {
        guard io.stage != .closed else { return }
        io.stage = .closed
        io.output = []
        io.outputStart = 0
        continuation.finish()
        io.timer?.scheduled.cancel()
        io.timer = nil
        // Closed once the reactor has let it go: no readiness can name a reused number.
        io.watch?.cancel { [descriptor] in _ = Glibc.close(descriptor) }
        io.watch = nil
    }

    /// Arms the watch for what the connection wants of the socket now, and
    /// the time-out for its next deadline.
    private func wake(_ io: inout IO) {
        guard io.stage != .closed, let watch = io.watch else { return }
        var events: UInt32 = 0
        if io.stage == .draining || (io.stage == .open && !io.readingStopped && !io.readerPaused) { events |= UInt32(POLLIN) }
        if io.outputStart < io.output.count, io.stage == .open || io.stage == .flushing { events |= UInt32(POLLOUT) }
        // Not interested in the socket (reading paused or over, nothing to
        // send): leave it disarmed, or a hang-up, which epoll always reports,
        // would wake the reactor again and again.
        if events != io.armed {
            io.armed = events
            watch.want(events)
        }
        // The idle deadline moves on with every line: a time-out already set
        // for earlier stays, and when it runs it looks again.
        guard let deadline = deadline(io) else { return }
        if let timer = io.timer, timer.at <= deadline { return }
        io.timer?.scheduled.cancel()
        io.timer = (deadline, Reactor.shared.schedule(at: deadline) { [self] in timeIsUp() })
    }
}
