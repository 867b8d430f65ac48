/// Slows token guessing: after each failed login from an address, that
/// address's next attempt waits longer (doubling from `firstDelay` up to
/// `maximumDelay`). Attempts from one address are spaced out even when they
/// arrive on many connections at once. An address is forgotten once it has
/// not failed for `forgetAfter`.
struct LoginThrottle {
    let firstDelay: Duration
    let maximumDelay: Duration
    let forgetAfter: Duration

    private struct Record {
        var failures: Int
        var lastFailure: ContinuousClock.Instant
        /// The earliest an attempt from this address is answered.
        var nextAttempt: ContinuousClock.Instant
    }

    private var records: [String: Record] = [:]

    init(firstDelay: Duration, maximumDelay: Duration, forgetAfter: Duration = .seconds(900)) {
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.forgetAfter = forgetAfter
    }

    /// How long an attempt from `source` arriving `now` must wait. Books its
    /// slot, so the next attempt from the same address waits after it.
    mutating func admit(_ source: String, now: ContinuousClock.Instant) -> Duration {
        guard var record = records[source] else { return .zero }
        if now - record.lastFailure > forgetAfter {
            records[source] = nil
            return .zero
        }
        let start = max(now, record.nextAttempt)
        record.nextAttempt = start + delay(after: record.failures)
        records[source] = record
        return start - now
    }

    /// Records a failed attempt from `source`.
    mutating func failed(_ source: String, now: ContinuousClock.Instant) {
        var record = records[source] ?? Record(failures: 0, lastFailure: now, nextAttempt: now)
        record.failures += 1
        record.lastFailure = now
        record.nextAttempt = max(record.nextAttempt, now + delay(after: record.failures))
        records[source] = record
        if records.count > 4096 {
            records = records.filter { now - $0.value.lastFailure <= forgetAfter }
        }
    }

    /// The wait before the next attempt after `failures` failures in a row.
    func delay(after failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = firstDelay
        for _ in 1..<min(failures, 32) where delay < maximumDelay {
            delay *= 2
        }
        return min(delay, maximumDelay)
    }
}
