import CEpoll
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One thread asleep in `epoll_wait(2)` that reads every descriptor the
/// daemon listens to (camera links, the keypad, the terminal's socket) and
/// hands each one's bytes to its owner, and says when the others are ready
/// (the control listeners and connections, the mixers): the plumbing each
/// of them used to do on a thread of its own.
///
/// The shape is swift-nio's `SelectableEventLoop` without depending on it:
/// an epoll set, and an eventfd in it that other threads write to when they
/// have asked something of the loop.
///
/// **Who closes.** A registered descriptor is closed on the reactor's thread
/// only, after it has left the epoll set, and never between an `epoll_wait`
/// that named it and the read that follows: so a number the kernel hands out
/// again is never read (or polled) for the old owner. Owners ask with
/// `Registration.close()`; a descriptor that ends (end of file, a failed
/// read) leaves the set at once and, if its owner said so, is closed too.
/// A watched descriptor (one its owner reads) is closed by its owner, once
/// `Watch.cancel` has said the reactor let it go.
///
/// **What it does not do.** Work that blocks keeps its own thread: the
/// logbook's fsync, alsa-lib's round trips, a TCP handshake, a write that
/// waits for a full serial buffer. Handlers run on the reactor's thread and
/// must only hand the bytes on (yield to a continuation).
///
/// **Costs** (`daemon-bench` on the demo room; docs/reactor.md has the
/// table). The daemon went from 15 threads to 8 in a meeting, and from 19
/// to 8 with four more control clients; idle wake-ups stayed at the
/// watchdog's plus the terminal's keep-alive (0.40–0.45/s), the mute's
/// p50 under 2 ms. An idle reactor sleeps with no time-out unless a timer
/// is due.
public final class Reactor: Sendable {
    /// What a registered descriptor delivers, in order: bytes, then one `end`.
    public enum Event: Sendable, Equatable {
        case bytes([UInt8])
        /// The last event: nil for end of file or a close its owner asked
        /// for, else the error of the read that failed.
        case end(Errno?)
    }

    /// The daemon's reactor, started on first use.
    public static let shared = Reactor(name: "reactor")

    let poller: Int32
    private let wakeup: Int32
    let state = Mutex(State())

    struct Entry: Sendable {
        let descriptor: FileDescriptor
        let deliver: @Sendable (Event) -> Void
        let transient: Set<Errno>
        let closesAtEnd: Bool
        var ended = false
    }

    /// A descriptor its owner reads and closes; the reactor only says when it is ready.
    struct Watcher: Sendable {
        let number: Int32
        let ready: @Sendable (UInt32) -> Void
    }

    /// What other threads ask of the reactor's thread, done after each batch.
    enum Request: Sendable {
        case close(UInt64)
        case interest(UInt64, UInt32)
        case cancel(UInt64, done: @Sendable () -> Void)
    }

    /// A job due at a moment (a control connection's idle time-out).
    struct Timer: Sendable {
        let deadline: ContinuousClock.Instant
        let job: @Sendable () -> Void
    }

    struct State: Sendable {
        var entries: [UInt64: Entry] = [:]
        var watchers: [UInt64: Watcher] = [:]
        var timers: [UInt64: Timer] = [:]
        var requests: [Request] = []
        /// 0 is the eventfd's.
        var nextID: UInt64 = 1
        var stopping = false
        /// The thread is between `epoll_wait`s: it answers requests and
        /// counts the next deadline before it sleeps again, so asking needs
        /// no wake-up (a handler or timer asking on the thread itself).
        var awake = true
    }

    /// A reactor with a thread of its own named `name`.
    public init(name: String) {
        poller = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeup = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        guard poller >= 0, wakeup >= 0 else {
            fatalError("Reactor: epoll_create1 or eventfd failed: \(Errno.current); the process is out of descriptors")
        }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = 0
        epoll_ctl(poller, EPOLL_CTL_ADD, wakeup, &event)
        DetachedThread.start(name: name) { [self] in run() }
    }

    /// How many descriptors are registered (for tests and the benchmark).
    public var count: Int { state.withLock { $0.entries.count + $0.watchers.count } }

    /// Ends the thread, closing every descriptor still registered (their
    /// owners get `end`), then the reactor's own.
    public func stop() {
        state.withLock { $0.stopping = true }
        wake()
    }

    // MARK: Requests from other threads

    func request(_ request: Request) {
        let asleep = state.withLock { state in
            state.requests.append(request)
            return !state.awake
        }
        if asleep { wake() }
    }

    func wake() {
        var one: UInt64 = 1
        _ = write(wakeup, &one, MemoryLayout<UInt64>.size)
    }

    // MARK: The reactor's thread

    private func run() {
        var ready = [epoll_event](repeating: epoll_event(), count: 64)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // Asleep until a descriptor or the next timer: no time-out without
            // one. Requests made while awake are answered first.
            let timeout = state.withLock { state -> Int32 in
                if !state.requests.isEmpty { return 0 }
                state.awake = false
                return WakePipe.timeout(until: state.timers.values.lazy.map(\.deadline).min())
            }
            let count = epoll_wait(poller, &ready, Int32(ready.count), timeout)
            state.withLock { $0.awake = true }
            if count < 0 {
                if errno == EINTR { continue }
                fatalError("Reactor: epoll_wait failed: \(Errno.current)")
            }
            for index in 0..<Int(count) {
                let id = ready[index].data.u64
                if id == 0 {
                    var value: UInt64 = 0
                    _ = read(wakeup, &value, MemoryLayout<UInt64>.size)
                } else if let watcher = state.withLock({ $0.watchers[id] }) {
                    watcher.ready(ready[index].events)
                } else {
                    readable(id, into: &buffer)
                }
            }
            runDueTimers()
            // Closes come after the batch's reads: nothing this batch named is closed under it.
            guard answerRequests() else { break }
        }
        Glibc.close(poller)
        Glibc.close(wakeup)
    }

    /// Does what owners asked (closes, cancelled watches, changed
    /// interest); false once the reactor stops.
    private func answerRequests() -> Bool {
        let (requests, stopping) = state.withLock { state in
            defer { state.requests = [] }
            var requests = state.requests
            if state.stopping {
                requests += state.entries.keys.map { .close($0) }
                requests += state.watchers.keys.map { .cancel($0, done: {}) }
            }
            return (requests, state.stopping)
        }
        for request in requests {
            switch request {
            case .close(let id):
                guard let entry = state.withLock({ $0.entries.removeValue(forKey: id) }) else { continue }
                if !entry.ended { epoll_ctl(poller, EPOLL_CTL_DEL, entry.descriptor.rawValue, nil) }
                entry.descriptor.close()
                if !entry.ended { entry.deliver(.end(nil)) }
            case .interest(let id, let events):
                guard let watcher = state.withLock({ $0.watchers[id] }) else { continue }
                var event = epoll_event()
                event.events = events
                event.data.u64 = id
                epoll_ctl(poller, EPOLL_CTL_MOD, watcher.number, &event)
            case .cancel(let id, let done):
                if let watcher = state.withLock({ $0.watchers.removeValue(forKey: id) }) {
                    epoll_ctl(poller, EPOLL_CTL_DEL, watcher.number, nil)
                }
                done()
            }
        }
        return !stopping
    }
}
