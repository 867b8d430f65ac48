import CEpoll
#if canImport(Glibc)
import Glibc
#endif

/// Descriptors their owners read and close: the reactor says when they are ready.
extension Reactor {
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

    /// A watched descriptor: its owner's handle to pause, resume and cancel.
    public struct Watch: Sendable {
        let reactor: Reactor
        let id: UInt64
        let interest: UInt32
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
}
