/// Slows token guessing, per address and over all addresses.
///
/// - Per address: after each failed login from an address, that address's
///   next attempt waits longer (doubling from `firstDelay` up to
///   `maximumDelay`), even when attempts arrive on many connections at once.
///   A correct login clears the address's record: a stale button on an AV
///   panel must not delay the real centre for fifteen minutes.
/// - Over all addresses: once `globalBurst` logins have failed within
///   `globalWindow`, attempts from addresses that have not logged in
///   successfully lately are answered one per `globalSpacing`, whatever
///   address they come from, so a guesser with many addresses gets no more
///   than that. Addresses that logged in successfully lately are not held up.
///
/// An address is forgotten once it has not failed for `forgetAfter`.
struct LoginThrottle {
    let firstDelay: Duration
    let maximumDelay: Duration
    let forgetAfter: Duration
    let globalBurst: Int
    let globalWindow: Duration
    let globalSpacing: Duration

    private struct Record {
        var failures: Int
        var lastFailure: ContinuousClock.Instant
        /// The earliest an attempt from this address is answered.
        var nextAttempt: ContinuousClock.Instant
    }

    private var records: [String: Record] = [:]
    /// When the latest failures happened, oldest first (at most `globalBurst`).
    private var recentFailures: [ContinuousClock.Instant] = []
    /// The earliest the next attempt from an untrusted address is answered while the global limit holds.
    private var globalNextAttempt: ContinuousClock.Instant?
    /// Addresses that logged in successfully, and when.
    private var trusted: [String: ContinuousClock.Instant] = [:]

    init(
        firstDelay: Duration, maximumDelay: Duration, forgetAfter: Duration = .seconds(900),
        globalBurst: Int = 10, globalWindow: Duration = .seconds(10), globalSpacing: Duration = .seconds(1)
    ) {
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.forgetAfter = forgetAfter
        self.globalBurst = max(1, globalBurst)
        self.globalWindow = globalWindow
        self.globalSpacing = globalSpacing
    }

    /// How long an attempt from `source` arriving `now` must wait. Books its
    /// slot, so the next attempt from the same address (or, while the global
    /// limit holds, from any untrusted address) waits after it.
    mutating func admit(_ source: String, now: ContinuousClock.Instant) -> Duration {
        var start = now
        if var record = records[source] {
            if now - record.lastFailure > forgetAfter {
                records[source] = nil
            } else {
                start = max(now, record.nextAttempt)
                record.nextAttempt = start + delay(after: record.failures)
                records[source] = record
            }
        }
        if globalLimitHolds(now: now), !isTrusted(source, now: now) {
            start = max(start, globalNextAttempt ?? now)
            globalNextAttempt = start + globalSpacing
        } else if !globalLimitHolds(now: now) {
            // The slots booked while the limit held are not a queue to keep once it lapses.
            globalNextAttempt = nil
        }
        return start - now
    }

    /// Records a failed attempt from `source`.
    mutating func failed(_ source: String, now: ContinuousClock.Instant) {
        var record = records[source] ?? Record(failures: 0, lastFailure: now, nextAttempt: now)
        record.failures += 1
        record.lastFailure = now
        record.nextAttempt = max(record.nextAttempt, now + delay(after: record.failures))
        records[source] = record
        trusted[source] = nil
        recentFailures.append(now)
        if recentFailures.count > globalBurst { recentFailures.removeFirst(recentFailures.count - globalBurst) }
        if records.count > 4096 {
            records = records.filter { now - $0.value.lastFailure <= forgetAfter }
        }
    }

    /// Records a correct login from `source`: its failures are forgotten,
    /// and the global limit no longer holds it up.
    mutating func succeeded(_ source: String, now: ContinuousClock.Instant) {
        records[source] = nil
        trusted[source] = now
        if trusted.count > 1024 {
            trusted = trusted.filter { now - $0.value <= forgetAfter }
        }
    }

    /// Whether `globalBurst` logins failed within the last `globalWindow`.
    func globalLimitHolds(now: ContinuousClock.Instant) -> Bool {
        guard recentFailures.count >= globalBurst, let oldest = recentFailures.first else { return false }
        return now - oldest <= globalWindow
    }

    private func isTrusted(_ source: String, now: ContinuousClock.Instant) -> Bool {
        guard let since = trusted[source] else { return false }
        return now - since <= forgetAfter
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
