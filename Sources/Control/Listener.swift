import Glibc
import Support
import Synchronization

/// A listening socket whose new connections arrive on an `AsyncStream`,
/// accepted by a thread of its own asleep in `poll(2)` (no polling loop, no
/// Dispatch worker threads: see `LoopExecutor`).
final class Listener: Sendable {
    /// A connection accepted, not yet admitted.
    struct Accepted: Sendable {
        let descriptor: Int32
        let transport: ControlPeer.Transport
        let address: String
        let port: Int?
        /// The local client's user, process and groups (Unix socket).
        let credentials: LocalCredentials?
    }

    let transport: ControlPeer.Transport
    let accepted: AsyncStream<Accepted>
    private let descriptor: Int32
    private let unixPath: String?
    private let continuation: AsyncStream<Accepted>.Continuation
    private let pipe: WakePipe
    private let state = Mutex(Stage.waiting)

    /// How long accepting pauses when the process is out of descriptors.
    private static let pauseWhenExhausted: Int32 = 200

    private enum Stage {
        case waiting
        case accepting
        /// `stop()` was called: the thread closes the socket, then resumes these.
        case stopping([CheckedContinuation<Void, Never>])
        case closed
    }

    /// Takes over `descriptor` (and the Unix socket's file at `unixPath`):
    /// when it throws, both are gone already.
    init(descriptor: Int32, transport: ControlPeer.Transport, endpoint: String, unixPath: String? = nil) throws(ControlError) {
        guard let pipe = WakePipe() else {
            let code = errno
            close(descriptor)
            if let unixPath { unlink(unixPath) }
            throw .cannotListen(endpoint: endpoint, errno: code)
        }
        self.pipe = pipe
        self.descriptor = descriptor
        self.transport = transport
        self.unixPath = unixPath
        (accepted, continuation) = AsyncStream.makeStream(of: Accepted.self)
    }

    func start() {
        let starting = state.withLock { stage in
            guard case .waiting = stage else { return false }
            stage = .accepting
            return true
        }
        guard starting else { return }
        DetachedThread.start(name: "accept \(transport.rawValue)") { [self] in run() }
    }

    /// Stops accepting, closes the socket and removes the Unix socket's
    /// file; returns once the socket is closed, so no one can connect after.
    func stop() async {
        await withCheckedContinuation { (closed: CheckedContinuation<Void, Never>) in
            state.withLock { stage in
                switch stage {
                case .accepting:
                    stage = .stopping([closed])
                    pipe.wake()
                case .stopping(let waiting):
                    stage = .stopping(waiting + [closed])
                case .waiting, .closed:
                    closed.resume()
                }
            }
        }
        if let unixPath { unlink(unixPath) }
        continuation.finish()
    }

    /// Closes a listener that was never started.
    func discard() {
        pipe.close()
        close(descriptor)
        if let unixPath { unlink(unixPath) }
        continuation.finish()
    }

    // MARK: The listener's thread

    private func run() {
        var watched = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: pipe.readEnd, events: Int16(POLLIN), revents: 0)]
        var paused = false
        while case .accepting = state.withLock({ $0 }) {
            // Out of descriptors, the waiting connection would end every
            // `poll` at once: leave the socket out for a moment instead.
            watched[0].fd = paused ? -1 : descriptor
            watched[0].revents = 0
            watched[1].revents = 0
            let ready = poll(&watched, 2, paused ? Self.pauseWhenExhausted : -1)
            if ready == 0 { paused = false }
            if watched[1].revents != 0 { pipe.drain() }
            if watched[0].revents != 0 { paused = !acceptWaiting() }
        }
        close(descriptor)
        let waiting: [CheckedContinuation<Void, Never>] = state.withLock { stage in
            defer { stage = .closed }
            if case .stopping(let waiting) = stage { return waiting }
            return []
        }
        pipe.close()
        for closed in waiting { closed.resume() }
    }

    /// Accepts every connection waiting; false when the process is out of
    /// descriptors (or memory) and accepting must pause.
    private func acceptWaiting() -> Bool {
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(descriptor, $0, &length)
                }
            }
            guard client >= 0 else {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    return false
                default:
                    return true
                }
            }
            // accept4 is not in Swift's Glibc module: set the flags after.
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            continuation.yield(describe(client, storage))
        }
    }

    private func describe(_ client: Int32, _ storage: sockaddr_storage) -> Accepted {
        switch transport {
        case .tcp:
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let endpoint = ListeningSocket.endpoint(of: storage)
            return Accepted(
                descriptor: client, transport: .tcp, address: endpoint?.address ?? "unknown", port: endpoint?.port, credentials: nil
            )
        case .unix:
            return Accepted(
                descriptor: client, transport: .unix, address: "local", port: nil, credentials: LocalCredentials.of(client)
            )
        case .broker:
            preconditionFailure("nothing listens for the broker: its commands come through BrokerCommands")
        }
    }
}
