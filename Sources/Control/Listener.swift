import Glibc
import Support
import Synchronization

/// A listening socket whose new connections arrive on an `AsyncStream`,
/// accepted on the daemon's `Reactor` when the socket turns readable (no
/// polling loop, no thread of its own, no Dispatch: see `LoopExecutor`).
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
    private let state = Mutex(Stage.waiting)

    /// How long accepting pauses when the process is out of descriptors.
    private static let pauseWhenExhausted = Duration.milliseconds(200)

    private enum Stage {
        case waiting
        case accepting(Reactor.Watch)
        /// `stop()` was called: once the reactor has let the socket go, it is
        /// closed and these resume.
        case stopping([CheckedContinuation<Void, Never>])
        case closed
    }

    /// Takes over `descriptor` (and the Unix socket's file at `unixPath`):
    /// when it throws, both are gone already.
    init(descriptor: Int32, transport: ControlPeer.Transport, endpoint: String, unixPath: String? = nil) throws(ControlError) {
        self.descriptor = descriptor
        self.transport = transport
        self.unixPath = unixPath
        (accepted, continuation) = AsyncStream.makeStream(of: Accepted.self)
    }

    func start() {
        state.withLock { stage in
            guard case .waiting = stage else { return }
            do throws(Errno) {
                let watch = try Reactor.shared.watch(descriptor) { [self] _ in
                    if !acceptWaiting() { pauseWhileExhausted() }
                }
                stage = .accepting(watch)
            } catch {
                // Not watchable (it cannot happen to a listening socket): no connections.
                stage = .closed
                close(descriptor)
                continuation.finish()
            }
        }
    }

    /// Stops accepting, closes the socket and removes the Unix socket's
    /// file; returns once the socket is closed, so no one can connect after.
    func stop() async {
        await withCheckedContinuation { (closed: CheckedContinuation<Void, Never>) in
            state.withLock { stage in
                switch stage {
                case .accepting(let watch):
                    stage = .stopping([closed])
                    watch.cancel { [self] in closeAfterWatch() }
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
        close(descriptor)
        if let unixPath { unlink(unixPath) }
        continuation.finish()
    }

    // MARK: On the reactor's thread

    /// The reactor has let the socket go: close it, and say so.
    private func closeAfterWatch() {
        close(descriptor)
        let waiting: [CheckedContinuation<Void, Never>] = state.withLock { stage in
            defer { stage = .closed }
            if case .stopping(let waiting) = stage { return waiting }
            return []
        }
        for closed in waiting { closed.resume() }
    }

    /// Out of descriptors, the waiting connection would make the socket
    /// ready again at once: leave it out for a moment instead.
    private func pauseWhileExhausted() {
        guard case .accepting(let watch) = state.withLock({ $0 }) else { return }
        watch.pause()
        Task.detached {
            try? await Task.sleep(for: Self.pauseWhenExhausted)
            watch.resume()  // after stop(), the reactor ignores it
        }
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
