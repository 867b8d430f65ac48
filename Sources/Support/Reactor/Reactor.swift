import CEpoll
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One thread asleep in `epoll_wait(2)` that reads every descriptor the
/// daemon listens to (camera links, the keypad, the terminal's socket) and
/// hands each one's bytes to its owner: the plumbing the links, the keypad
/// and the codec used to each do on a thread of their own.
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
///
/// **What it does not do.** Work that blocks keeps its own thread: the
/// logbook's fsync, alsa-lib's round trips, a TCP handshake, a write that
/// waits for a full serial buffer. Handlers run on the reactor's thread and
/// must only hand the bytes on (yield to a continuation).
///
/// **Costs** (`daemon-bench` on the demo room; docs/reactor.md has the table).
/// An idle reactor wakes for nothing: `epoll_wait` has no time-out.
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

    private let poller: Int32
    private let wakeup: Int32
    fileprivate let state = Mutex(State())

    fileprivate struct Entry: Sendable {
        let descriptor: FileDescriptor
        let deliver: @Sendable (Event) -> Void
        let transient: Set<Errno>
        let closesAtEnd: Bool
        var ended = false
    }

    /// A descriptor its owner reads and closes; the reactor only says when it is ready.
    fileprivate struct Watcher: Sendable {
        let number: Int32
        let ready: @Sendable (UInt32) -> Void
    }

    /// What other threads ask of the reactor's thread, done after each batch.
    fileprivate enum Request: Sendable {
        case close(UInt64)
        case interest(UInt64, UInt32)
        case cancel(UInt64, done: @Sendable () -> Void)
    }

    /// A job due at a moment (a control connection's idle time-out).
    fileprivate struct Timer: Sendable {
        let deadline: ContinuousClock.Instant
        let job: @Sendable () -> Void
    }

    fileprivate struct State: Sendable {
        var entries: [UInt64: Entry] = [:]
        var watchers: [UInt64: Watcher] = [:]
        var timers: [UInt64: Timer] = [:]
        var requests: [Request] = []
        /// 0 is the eventfd's.
        var nextID: UInt64 = 1
        var stopping = false
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

    /// Starts reading `descriptor` (which must be non-blocking) and hands
    /// what comes to `deliver`, on the reactor's thread.
    ///
    /// - Parameters:
    ///   - transient: read errors that do not end it (a connected UDP
    ///     socket's ECONNREFUSED when the camera is not there yet).
    ///   - closesAtEnd: at end of file or a failed read, close the
    ///     descriptor before delivering `end`; otherwise it stays open
    ///     (writes still go out) until `Registration.close()`.
    public func register(
        _ descriptor: FileDescriptor, transient: Set<Errno> = [], closesAtEnd: Bool = false,
        deliver: @escaping @Sendable (Event) -> Void
    ) -> Registration {
        let entry = Entry(descriptor: descriptor, deliver: deliver, transient: transient, closesAtEnd: closesAtEnd)
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.entries[state.nextID] = entry
            return state.nextID
        }
        let registration = Registration(reactor: self, id: id, descriptor: descriptor)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = id
        if epoll_ctl(poller, EPOLL_CTL_ADD, descriptor.rawValue, &event) != 0 {
            // EPERM for a regular file, EBADF for a closed one: it cannot be read
            // here. Never in the epoll set, it may be closed on this thread.
            let failure = Errno.current
            state.withLock { state in
                if closesAtEnd {
                    state.entries.removeValue(forKey: id)
                } else {
                    state.entries[id]?.ended = true
                }
            }
            if closesAtEnd { descriptor.close() }
            deliver(.end(failure))
        }
        return registration
    }

    /// Reads `descriptor` as an async sequence of events; when the consumer
    /// stops listening, the descriptor is closed (on the reactor's thread).
    public func events(
        of descriptor: FileDescriptor, transient: Set<Errno> = [], closesAtEnd: Bool = false
    ) -> (registration: Registration, events: AsyncStream<Event>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        let registration = register(descriptor, transient: transient, closesAtEnd: closesAtEnd) { event in
            continuation.yield(event)
            if case .end = event { continuation.finish() }
        }
        continuation.onTermination = { _ in registration.close() }
        return (registration, stream)
    }

    /// Says when `number` is ready for `events` (`EPOLLIN` and the like, as
    /// `poll`'s bits), calling `ready` on the reactor's thread with what it
    /// is ready for; the owner reads, accepts or asks alsa-lib, and closes
    /// the descriptor, but only after `Watch.cancel` has said it is done.
    /// Level-triggered: a `ready` that leaves the condition in place is
    /// called again, unless it pauses the watch (or `oneShot` is set, which
    /// pauses it after each call until `resume`).
    public func watch(
        _ number: Int32, for events: UInt32 = EPOLLIN.rawValue, oneShot: Bool = false,
        ready: @escaping @Sendable (UInt32) -> Void
    ) throws(Errno) -> Watch {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.watchers[state.nextID] = Watcher(number: number, ready: ready)
            return state.nextID
        }
        let interest = oneShot ? events | EPOLLONESHOT.rawValue : events
        var event = epoll_event()
        event.events = interest
        event.data.u64 = id
        guard epoll_ctl(poller, EPOLL_CTL_ADD, number, &event) == 0 else {
            let failure = Errno.current
            state.withLock { _ = $0.watchers.removeValue(forKey: id) }
            throw failure
        }
        return Watch(reactor: self, id: id, interest: interest, number: number)
    }

    /// Runs `job` on the reactor's thread at `deadline` (not before), unless
    /// cancelled first.
    public func schedule(at deadline: ContinuousClock.Instant, _ job: @escaping @Sendable () -> Void) -> Scheduled {
        let (id, earliest) = state.withLock { state in
            defer { state.nextID += 1 }
            let earliest = state.timers.values.allSatisfy { deadline < $0.deadline }
            state.timers[state.nextID] = Timer(deadline: deadline, job: job)
            return (state.nextID, earliest)
        }
        // The thread sleeps until the earliest deadline it knew of: a new earliest wakes it to recount.
        if earliest { wake() }
        return Scheduled(reactor: self, id: id)
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

    fileprivate func request(_ request: Request) {
        state.withLock { $0.requests.append(request) }
        wake()
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeup, &one, MemoryLayout<UInt64>.size)
    }

    // MARK: The reactor's thread

    private func run() {
        var ready = [epoll_event](repeating: epoll_event(), count: 64)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // Asleep until a descriptor or the next timer: no time-out without one.
            let timeout = state.withLock { WakePipe.timeout(until: $0.timers.values.lazy.map(\.deadline).min()) }
            let count = epoll_wait(poller, &ready, Int32(ready.count), timeout)
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
            // Closes come after the batch's reads: nothing this batch named is closed under it.
            guard answerRequests() else { break }
            runDueTimers()
        }
        Glibc.close(poller)
        Glibc.close(wakeup)
    }

    private func readable(_ id: UInt64, into buffer: inout [UInt8]) {
        guard let entry = state.withLock({ $0.entries[id] }), !entry.ended else { return }
        let count = buffer.withUnsafeMutableBytes { read(entry.descriptor.rawValue, $0.baseAddress, $0.count) }
        if count > 0 {
            entry.deliver(.bytes(Array(buffer[0..<count])))
            return
        }
        let failure: Errno? = count == 0 ? nil : .current
        if let failure, failure == .interrupted || failure == .wouldBlock || entry.transient.contains(failure) { return }
        epoll_ctl(poller, EPOLL_CTL_DEL, entry.descriptor.rawValue, nil)
        state.withLock { state in
            if entry.closesAtEnd {
                state.entries.removeValue(forKey: id)
            } else {
                state.entries[id]?.ended = true
            }
        }
        if entry.closesAtEnd { entry.descriptor.close() }
        entry.deliver(.end(failure))
    }

    private func runDueTimers() {
        let now = ContinuousClock.now
        let due = state.withLock { state in
            let ids = state.timers.filter { $0.value.deadline <= now }.keys
            return ids.compactMap { state.timers.removeValue(forKey: $0) }.sorted { $0.deadline < $1.deadline }
        }
        for timer in due { timer.job() }
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

    /// A descriptor on the reactor: the owner's handle to close it.
    public struct Registration: Sendable {
        fileprivate let reactor: Reactor
        fileprivate let id: UInt64
        /// For writes, under the owner's own lock (see `FileDescriptor`).
        public let descriptor: FileDescriptor

        /// Stops reading and closes the descriptor on the reactor's thread;
        /// the handler then gets `end(nil)` unless it had its end already.
        /// Later calls do nothing.
        public func close() {
            if reactor.state.withLock({ $0.entries[id] != nil }) { reactor.request(.close(id)) }
        }
    }

    /// A watched descriptor: its owner's handle to pause, resume and cancel.
    public struct Watch: Sendable {
        fileprivate let reactor: Reactor
        fileprivate let id: UInt64
        fileprivate let interest: UInt32
        /// The descriptor watched.
        public let number: Int32

        /// Stops `ready` calls until `resume` (a listener out of descriptors).
        public func pause() { reactor.request(.interest(id, 0)) }

        /// Watches again for what the watch was made for (re-arms a one-shot watch).
        public func resume() { reactor.request(.interest(id, interest)) }

        /// Watches for `events` from now on (as `poll`'s bits; one-shot still
        /// if the watch was made so). With none, the descriptor is left out,
        /// though a hang-up or an error may still be reported once.
        public func want(_ events: UInt32) {
            reactor.request(.interest(id, events | (interest & EPOLLONESHOT.rawValue)))
        }

        /// Leaves the epoll set for good; `done` runs on the reactor's thread
        /// once it has, and no `ready` call comes after: from then on the
        /// owner may close the descriptor.
        public func cancel(done: @escaping @Sendable () -> Void = {}) { reactor.request(.cancel(id, done: done)) }
    }

    /// A job scheduled on the reactor.
    public struct Scheduled: Sendable {
        fileprivate let reactor: Reactor
        fileprivate let id: UInt64

        /// The job will not run (if it has not already started).
        public func cancel() { reactor.state.withLock { _ = $0.timers.removeValue(forKey: id) } }
    }
}
