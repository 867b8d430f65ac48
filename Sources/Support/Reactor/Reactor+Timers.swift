/// Jobs at a moment, on the reactor's thread (a control connection's idle
/// time-out): the reactor sleeps until the earliest, never on a period.
extension Reactor {
    /// Runs `job` on the reactor's thread at `deadline` (not before), unless
    /// cancelled first.
    public func schedule(at deadline: ContinuousClock.Instant, _ job: @escaping @Sendable () -> Void) -> Scheduled {
        let (id, wakeUp) = state.withLock { state in
            defer { state.nextID += 1 }
            let earliest = state.timers.values.allSatisfy { deadline < $0.deadline }
            state.timers[state.nextID] = Timer(deadline: deadline, job: job)
            return (state.nextID, earliest && !state.awake)
        }
        // The thread sleeps until the earliest deadline it knew of: a new
        // earliest wakes it to count again (unless it is awake and will).
        if wakeUp { wake() }
        return Scheduled(reactor: self, id: id)
    }

    func runDueTimers() {
        let now = ContinuousClock.now
        let due = state.withLock { state in
            let ids = state.timers.filter { $0.value.deadline <= now }.keys
            return ids.compactMap { state.timers.removeValue(forKey: $0) }.sorted { $0.deadline < $1.deadline }
        }
        for timer in due { timer.job() }
    }

    /// A job scheduled on the reactor.
    public struct Scheduled: Sendable {
        let reactor: Reactor
        let id: UInt64

        /// The job will not run (if it has not already started).
        public func cancel() { reactor.state.withLock { _ = $0.timers.removeValue(forKey: id) } }
    }
}
