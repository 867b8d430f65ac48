/// The room's power as its UPS reported it (R5: "power and backup power",
/// 001 Art. 8.2a; 003 Art. 5.4 on the UPS and the generator), in Network
/// UPS Tools' words: the `ups.status` flags, `battery.charge` (percent) and
/// `battery.runtime` (seconds).
public struct UPSReading: Sendable, Hashable, Codable {
    /// The UPS's name on its upsd, e.g. `phonghop@127.0.0.1`.
    public var ups: String
    /// `ups.status` split into its flags: `OL`, `OB`, `LB`, `RB`, `CHRG`, ...
    public var status: [String]
    /// `battery.charge`, nil when the UPS does not report it.
    public var chargePercent: Double?
    /// `battery.runtime`, nil when the UPS does not report it.
    public var runtimeSeconds: Double?

    public init(ups: String, status: [String], chargePercent: Double? = nil, runtimeSeconds: Double? = nil) {
        self.ups = ups
        self.status = status
        self.chargePercent = chargePercent
        self.runtimeSeconds = runtimeSeconds
    }
}

/// What the room file asks of the backup power before a meeting.
public struct PowerThresholds: Sendable, Hashable, Codable {
    /// Below this charge the test fails.
    public var minimumChargePercent: Int
    /// Below this runtime on battery the test fails: long enough to finish
    /// the meeting's business or start the generator.
    public var minimumRuntimeSeconds: Int

    /// The defaults: a UPS at 80 % that would carry the room for 10 minutes.
    public init(minimumChargePercent: Int = 80, minimumRuntimeSeconds: Int = 600) {
        self.minimumChargePercent = minimumChargePercent
        self.minimumRuntimeSeconds = minimumRuntimeSeconds
    }
}

extension ReadinessCheck {
    /// The power checks (001 Art. 8.2a; 003 Art. 5.4): the room is on mains
    /// power, and its UPS could carry it: not low, not asking for a new
    /// battery, charged and with the runtime the room file asks.
    /// `reading` is nil when upsd could not be asked, with `problem` saying why.
    public static func power(_ reading: UPSReading?, problem: String? = nil, thresholds: PowerThresholds) -> [ReadinessCheck] {
        guard let reading else {
            return [ReadinessCheck(
                name: "power (UPS)", passed: false,
                detail: (problem ?? "the UPS could not be asked") + ": check that upsd runs on the UPS's host and its network cable")]
        }
        let flags = Set(reading.status)
        let status = reading.status.joined(separator: " ")
        let mains: ReadinessCheck
        if flags.contains("OL") {
            mains = ReadinessCheck(name: "mains power", passed: true, detail: "on line power (\(reading.ups) \(status))")
        } else if flags.contains("OB") {
            mains = ReadinessCheck(
                name: "mains power", passed: false,
                detail: "on battery (\(reading.ups) \(status)): the mains supply is off; restore it or start the generator before the meeting")
        } else {
            mains = ReadinessCheck(
                name: "mains power", passed: false,
                detail: "the UPS says \"\(status)\", neither on line nor on battery: check the UPS and its driver (upsc \(reading.ups))")
        }
        return [mains, backup(reading, flags: flags, thresholds: thresholds)]
    }

    /// Whether the UPS would carry the room if the mains failed now.
    private static func backup(_ reading: UPSReading, flags: Set<String>, thresholds: PowerThresholds) -> ReadinessCheck {
        let name = "backup power"
        var faults: [String] = []
        if flags.contains("LB") { faults.append("the battery is low (LB)") }
        if flags.contains("RB") { faults.append("the UPS asks for its battery to be replaced (RB)") }
        if let charge = reading.chargePercent {
            if charge < Double(thresholds.minimumChargePercent) {
                faults.append("charge \(whole(charge)) % is below \(thresholds.minimumChargePercent) %")
            }
        } else {
            faults.append("the UPS does not report its charge (battery.charge)")
        }
        if let runtime = reading.runtimeSeconds {
            if runtime < Double(thresholds.minimumRuntimeSeconds) {
                faults.append("runtime \(whole(runtime)) s is below \(thresholds.minimumRuntimeSeconds) s")
            }
        } else {
            faults.append("the UPS does not report its runtime (battery.runtime)")
        }
        guard faults.isEmpty else {
            return ReadinessCheck(
                name: name, passed: false,
                detail: faults.joined(separator: "; ") + ": let the UPS charge on mains, or replace its battery, and run the test again")
        }
        return ReadinessCheck(
            name: name, passed: true,
            detail: "charge \(whole(reading.chargePercent ?? 0)) %, runtime \(whole(reading.runtimeSeconds ?? 0)) s")
    }

    private static func whole(_ value: Double) -> String { String(Int(value.rounded(.down))) }
}
