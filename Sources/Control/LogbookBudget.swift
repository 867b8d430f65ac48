/// What one client may add to the logbook of its own words (notes, faults,
/// fixes): `entries` lines and `bytes` of text a minute, refilled evenly.
/// The logbook is a record the regulations keep for years; a script or a
/// stuck button must not fill the room PC's disk with it (one technician's
/// client wrote 15,000 notes of 4 KB in 3.4 s).
struct LogbookBudget {
    let entries: Double
    let bytes: Double
    let period: Duration

    private struct Allowance {
        var entries: Double
        var bytes: Double
        var updated: ContinuousClock.Instant
    }
    private var allowances: [String: Allowance] = [:]

    init(entriesPerMinute: Int = 60, bytesPerMinute: Int = 64 * 1024, period: Duration = .seconds(60)) {
        entries = Double(entriesPerMinute)
        bytes = Double(bytesPerMinute)
        self.period = period
    }

    /// Takes one entry of `size` bytes from `client`'s allowance; false when
    /// it has none left (nothing is taken then).
    mutating func spend(_ size: Int, by client: String, now: ContinuousClock.Instant) -> Bool {
        var allowance = allowances[client] ?? Allowance(entries: entries, bytes: bytes, updated: now)
        let elapsed = Double((now - allowance.updated).components.seconds) + Double((now - allowance.updated).components.attoseconds) / 1e18
        let share = min(1, elapsed / (Double(period.components.seconds) + Double(period.components.attoseconds) / 1e18))
        allowance.entries = min(entries, allowance.entries + share * entries)
        allowance.bytes = min(bytes, allowance.bytes + share * bytes)
        allowance.updated = now
        defer {
            allowances[client] = allowance
            if allowances.count > 1024 { allowances = allowances.filter { now - $0.value.updated < period } }
        }
        guard allowance.entries >= 1, allowance.bytes >= Double(size) else { return false }
        allowance.entries -= 1
        allowance.bytes -= Double(size)
        return true
    }
}
