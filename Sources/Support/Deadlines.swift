/// The time-outs one actor keeps for its own work, served by as few
/// sleeping tasks as can be.
///
/// Why not one `Task.sleep` per time-out, cancelled when the answer comes:
/// a cancelled sleep's job stays with the executor until its deadline (the
/// runtime's sleep task then finds it cancelled and does nothing), so a
/// camera that answered 400 commands in a minute would still wake the
/// daemon at each of their 400 time-outs afterwards. Here a time-out that
/// is disarmed is simply gone; the one sleeper left wakes once, finds
/// nothing due, and ends.
///
/// The actor keeps the value and starts the sleepers:
///
/// ```swift
/// if let target = deadlines.arm(.reply(id), at: .now + limit, { self.noReply(id) }) {
///     Sleeper.start(until: target) { await self.deadlinesDue($0) }
/// }
/// func deadlinesDue(_ target: ContinuousClock.Instant) {
///     let (actions, next) = deadlines.fire(sleeperFor: target)
///     if let next { Sleeper.start(until: next) { await self.deadlinesDue($0) } }
///     for action in actions { action() }
/// }
/// ```
public struct Deadlines<Key: Hashable> {
    private var armed: [Key: (deadline: ContinuousClock.Instant, order: UInt64, action: () -> Void)] = [:]
    private var armedCount: UInt64 = 0
    /// When the sleepers started so far will call `fire`.
    private var sleepers: [ContinuousClock.Instant] = []

    public init() {}

    /// How many time-outs are armed.
    public var count: Int { armed.count }

    /// Arms `key` (replacing an earlier arming) to run `action` at
    /// `deadline`. Returns the instant a new sleeper must be started for,
    /// when none started so far wakes by `deadline`.
    public mutating func arm(_ key: Key, at deadline: ContinuousClock.Instant, _ action: @escaping () -> Void) -> ContinuousClock.Instant? {
        armed[key] = (deadline, armedCount, action)
        armedCount &+= 1
        return sleeper(by: deadline)
    }

    /// The answer came in time: the time-out will not run.
    public mutating func disarm(_ key: Key) {
        armed[key] = nil
    }

    /// A sleeper started for `target` woke: returns the actions due by
    /// `now`, earliest first (disarmed already; the caller runs them), and
    /// the instant a new sleeper must be started for, if any.
    public mutating func fire(sleeperFor target: ContinuousClock.Instant, now: ContinuousClock.Instant = .now)
        -> (actions: [() -> Void], next: ContinuousClock.Instant?)
    {
        if let index = sleepers.firstIndex(of: target) { sleepers.remove(at: index) }
        let due = armed.filter { $0.value.deadline <= now }
            .sorted { ($0.value.deadline, $0.value.order) < ($1.value.deadline, $1.value.order) }
        for (key, _) in due { armed[key] = nil }
        let next = armed.values.map(\.deadline).min().flatMap { sleeper(by: $0) }
        return (due.map(\.value.action), next)
    }

    /// Nil when a sleeper already wakes by `deadline`; else `deadline`, now counted as a sleeper's.
    private mutating func sleeper(by deadline: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        if sleepers.contains(where: { $0 <= deadline }) { return nil }
        sleepers.append(deadline)
        return deadline
    }
}

/// The task that sleeps for a `Deadlines` value: it wakes at `target` and
/// hands it back, so the owner knows which of its sleepers woke.
public enum Sleeper {
    public static func start(until target: ContinuousClock.Instant,
                             then wake: @escaping @Sendable (ContinuousClock.Instant) async -> Void) {
        Task {
            try? await Task.sleep(until: target, clock: .continuous)
            await wake(target)
        }
    }
}
