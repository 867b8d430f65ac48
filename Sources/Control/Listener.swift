import Dispatch
import Glibc
import Synchronization

/// A listening socket whose new connections arrive on an `AsyncStream`,
/// accepted by a Dispatch read source (no polling).
final class Listener: Sendable {
    /// A connection accepted, not yet admitted.
    struct Accepted: Sendable {
        let descriptor: Int32
        let transport: ControlPeer.Transport
        let address: String
        let port: Int?
        let userID: UInt32?
        let processID: Int32?
    }

    let transport: ControlPeer.Transport
    let accepted: AsyncStream<Accepted>
    private let descriptor: Int32
    private let unixPath: String?
    private let queue: DispatchQueue
    private let continuation: AsyncStream<Accepted>.Continuation
    /// The accept source, and whether it is paused because descriptors ran out.
    private let state = Mutex<(source: (any DispatchSourceRead)?, paused: Bool)>((nil, false))

    init(descriptor: Int32, transport: ControlPeer.Transport, unixPath: String? = nil) {
        self.descriptor = descriptor
        self.transport = transport
        self.unixPath = unixPath
        self.queue = DispatchQueue(label: "diemcau.control.listener.\(transport.rawValue)")
        (accepted, continuation) = AsyncStream.makeStream(of: Accepted.self)
    }

    func start() {
        state.withLock { state in
            let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            source.setEventHandler { [self] in acceptWaiting() }
            source.setCancelHandler { [descriptor] in close(descriptor) }
            state.source = source
            source.activate()
        }
    }

    /// Stops accepting, closes the socket and removes the Unix socket's file.
    func stop() {
        state.withLock { state in
            guard let source = state.source else { return }
            if state.paused { source.resume() }
            source.cancel()
            state.source = nil
        }
        if let unixPath { unlink(unixPath) }
        continuation.finish()
    }

    private func acceptWaiting() {
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
                    // The pending connection would wake the source again at
                    // once: pause it for a moment instead of spinning.
                    pauseBriefly()
                    return
                default:
                    return
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
                descriptor: client, transport: .tcp, address: endpoint?.address ?? "unknown", port: endpoint?.port,
                userID: nil, processID: nil
            )
        case .unix:
            let credentials = ListeningSocket.peerCredentials(of: client)
            return Accepted(
                descriptor: client, transport: .unix, address: "local", port: nil,
                userID: credentials?.userID, processID: credentials?.processID
            )
        }
    }

    private func pauseBriefly() {
        state.withLock { state in
            guard let source = state.source, !state.paused else { return }
            source.suspend()
            state.paused = true
        }
        queue.asyncAfter(deadline: .now() + .milliseconds(200)) { [self] in
            state.withLock { state in
                guard let source = state.source, state.paused else { return }
                source.resume()
                state.paused = false
            }
        }
    }
}
