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
    private let state = Mutex(State())

    private struct Entry: Sendable {
        let descriptor: FileDescriptor
        let deliver: @Sendable (Event) -> Void
        let transient: Set<Errno>
        let closesAtEnd: Bool
        var ended = false
    }

    private struct State: Sendable {
        var entries: [UInt64: Entry] = [:]
        var closing: [UInt64] = []
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

    /// How many descriptors are registered (for tests and the benchmark).
    public var count: Int { state.withLock { $0.entries.count } }

    /// Ends the thread, closing every descriptor still registered (their
    /// owners get `end`), then the reactor's own.
    public func stop() {
        state.withLock { $0.stopping = true }
        wake()
    }

    // MARK: Requests from other threads

    fileprivate func requestClose(_ id: UInt64) {
        let queued = state.withLock { state in
            guard state.entries[id] != nil, !state.closing.contains(id) else { return false }
            state.closing.append(id)
            return true
        }
        if queued { wake() }
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
            let count = epoll_wait(poller, &ready, Int32(ready.count), -1)
            if count < 0 {
                if errno == EINTR { continue }
                fatalError("Reactor: epoll_wait failed: \(Errno.current)")
            }
            for index in 0..<Int(count) {
                let id = ready[index].data.u64
                if id == 0 {
                    var value: UInt64 = 0
                    _ = read(wakeup, &value, MemoryLayout<UInt64>.size)
                } else {
                    readable(id, into: &buffer)
                }
            }
            // Closes come after the batch's reads: nothing this batch named is closed under it.
            guard closeRequested() else { break }
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

    /// Closes what owners asked to close; false once the reactor stops.
    private func closeRequested() -> Bool {
        let (closing, stopping) = state.withLock { state in
            let ids = state.stopping ? Array(state.entries.keys) : state.closing
            state.closing = []
            return (ids.compactMap { state.entries.removeValue(forKey: $0) }, state.stopping)
        }
        for entry in closing {
            if !entry.ended { epoll_ctl(poller, EPOLL_CTL_DEL, entry.descriptor.rawValue, nil) }
            entry.descriptor.close()
            if !entry.ended { entry.deliver(.end(nil)) }
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
        public func close() { reactor.requestClose(id) }
    }
}
