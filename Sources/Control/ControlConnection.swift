import Dispatch
import Glibc
import Synchronization

/// One client's socket. A Dispatch read source cuts what arrives into lines
/// and hands them to the session on `inputs`; replies go out through
/// `send`, waiting for a write source when the socket is full. Memory stays
/// bounded: one unfinished line of at most `maxLineBytes`, a few dozen
/// lines waiting for the session (reading pauses beyond that), and at most
/// `maxPendingOutputBytes` of replies for a client that does not read.
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
    private let queue: DispatchQueue
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
        var reader: (any DispatchSourceRead)?
        var writer: (any DispatchSourceWrite)?
        var timer: (any DispatchSourceTimer)?
        var readerPaused = false
        var writerPaused = false
        /// Reading stopped for good (line too long, idle, ended).
        var readingStopped = false
        var queuedLines = 0
        var output: [UInt8] = []
        var outputStart = 0
        var lastHeard = DispatchTime.now()
        /// Sources on the descriptor not yet cancelled; it is closed when none is left.
        var liveSources = 0
    }

    init(descriptor: Int32, peer: ControlPeer, limits: Limits) {
        self.descriptor = descriptor
        self.peer = peer
        self.limits = limits
        self.queue = DispatchQueue(label: "diemcau.control.connection.\(peer.connection)")
        (inputs, continuation) = AsyncStream.makeStream(of: Input.self)
        io = Mutex(IO(framer: LineFramer(maxLineBytes: limits.maxLineBytes)))
    }

    func start() {
        io.withLock { io in
            let reader = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            reader.setEventHandler { [self] in readable() }
            reader.setCancelHandler { [self] in sourceCancelled() }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [self] in timerFired() }
            timer.schedule(deadline: .now() + limits.idleTimeout.dispatchInterval)
            io.reader = reader
            io.timer = timer
            io.liveSources = 1
            reader.activate()
            timer.activate()
        }
    }

    /// Queues bytes for the client and writes what the socket takes now.
    func send(_ text: String) {
        io.withLock { io in
            guard io.stage == .open else { return }
            let pending = io.output.count - io.outputStart
            guard pending + text.utf8.count <= limits.maxPendingOutputBytes else {
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
            if io.stage == .open, !io.readingStopped, io.queuedLines <= Self.resumeAt { resumeReading(&io) }
        }
    }

    /// Closes after the replies already sent have reached the client.
    func finish() {
        io.withLock { io in
            guard io.stage == .open else { return }
            io.stage = .flushing
            io.readingStopped = true
            pauseReading(&io)
            io.timer?.schedule(deadline: .now() + limits.closingGrace.dispatchInterval)
            if io.outputStart == io.output.count { beginDraining(&io) }
        }
    }

    /// Closes at once, dropping anything unsent.
    func close() {
        io.withLock { closeNow(&$0) }
    }

    // MARK: Dispatch handlers (on `queue`)

    private func readable() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
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
                    io.lastHeard = .now()
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
                        stopReading(&io)
                    } else if io.queuedLines >= Self.pauseAt {
                        pauseReading(&io)
                    }
                } else if count == 0 || (code != EAGAIN && code != EINTR) {
                    stopReading(&io)
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

    private func timerFired() {
        io.withLock { io in
            switch io.stage {
            case .open:
                let deadline = io.lastHeard + limits.idleTimeout.dispatchInterval
                if DispatchTime.now() >= deadline {
                    if !io.readingStopped {
                        stopReading(&io)
                        continuation.yield(.idle)
                    }
                } else {
                    io.timer?.schedule(deadline: deadline)
                }
            case .flushing, .draining:
                closeNow(&io)
            case .closed:
                return
            }
        }
    }

    private func sourceCancelled() {
        io.withLock { io in
            io.liveSources -= 1
            if io.liveSources == 0 { Glibc.close(descriptor) }
        }
    }

    // MARK: Steps, each with the lock held

    private func flush(_ io: inout IO) {
        while io.outputStart < io.output.count {
            let start = io.outputStart
            let written = io.output.withUnsafeBytes { bytes in
                Glibc.send(descriptor, bytes.baseAddress! + start, bytes.count - start, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                io.outputStart += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                armWriter(&io)
                return
            } else {
                closeNow(&io)
                return
            }
        }
        io.output.removeAll(keepingCapacity: io.output.capacity <= 16 * 1024)
        io.outputStart = 0
        if let writer = io.writer, !io.writerPaused {
            writer.suspend()
            io.writerPaused = true
        }
        if io.stage == .flushing { beginDraining(&io) }
    }

    private func armWriter(_ io: inout IO) {
        if let writer = io.writer {
            if io.writerPaused {
                writer.resume()
                io.writerPaused = false
            }
            return
        }
        let writer = DispatchSource.makeWriteSource(fileDescriptor: descriptor, queue: queue)
        writer.setEventHandler { [self] in writable() }
        writer.setCancelHandler { [self] in sourceCancelled() }
        io.writer = writer
        io.liveSources += 1
        writer.activate()
    }

    private func beginDraining(_ io: inout IO) {
        shutdown(descriptor, Int32(SHUT_WR))
        io.stage = .draining
        resumeReading(&io)
    }

    private func stopReading(_ io: inout IO) {
        io.readingStopped = true
        pauseReading(&io)
    }

    private func pauseReading(_ io: inout IO) {
        guard let reader = io.reader, !io.readerPaused else { return }
        reader.suspend()
        io.readerPaused = true
    }

    private func resumeReading(_ io: inout IO) {
        guard let reader = io.reader, io.readerPaused else { return }
        reader.resume()
        io.readerPaused = false
    }

    private func closeNow(_ io: inout IO) {
        guard io.stage != .closed else { return }
        io.stage = .closed
        // A suspended source must be resumed before it is cancelled and released.
        if let reader = io.reader {
            if io.readerPaused { reader.resume() }
            reader.cancel()
        }
        if let writer = io.writer {
            if io.writerPaused { writer.resume() }
            writer.cancel()
        }
        io.timer?.cancel()
        io.reader = nil
        io.writer = nil
        io.timer = nil
        io.readerPaused = false
        io.writerPaused = false
        io.output = []
        io.outputStart = 0
        continuation.finish()
    }
}

extension Duration {
    /// The duration as Dispatch counts time.
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
