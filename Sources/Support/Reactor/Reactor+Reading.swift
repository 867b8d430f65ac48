import CEpoll
#if canImport(Glibc)
import Glibc
#endif

/// Descriptors the reactor reads for their owners, and closes.
extension Reactor {
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

    func readable(_ id: UInt64, into buffer: inout [UInt8]) {
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

    /// A descriptor on the reactor: the owner's handle to close it.
    public struct Registration: Sendable {
        let reactor: Reactor
        let id: UInt64
        /// For writes, under the owner's own lock (see `FileDescriptor`).
        public let descriptor: FileDescriptor

        /// Stops reading and closes the descriptor on the reactor's thread;
        /// the handler then gets `end(nil)` unless it had its end already.
        /// Later calls do nothing.
        public func close() {
            if reactor.state.withLock({ $0.entries[id] != nil }) { reactor.request(.close(id)) }
        }
    }
}
