import Localization

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
                said: problem.map { Message("{problem}: check that upsd runs on the UPS's host and its network cable", ["problem": $0]) }
                    ?? Message("the UPS could not be asked: check that upsd runs on the UPS's host and its network cable"))]
        }
        let flags = Set(reading.status)
        let status = reading.status.joined(separator: " ")
        let mains: ReadinessCheck
        if flags.contains("OL") {
            mains = ReadinessCheck(name: "mains power", passed: true, said: Message("on line power ({ups} {status})", ["ups": reading.ups, "status": status]))
        } else if flags.contains("OB") {
            mains = ReadinessCheck(
                name: "mains power", passed: false,
                said: Message(
                    "on battery ({ups} {status}): the mains supply is off; restore it or start the generator before the meeting",
                    ["ups": reading.ups, "status": status]))
        } else {
            mains = ReadinessCheck(
                name: "mains power", passed: false,
                said: Message(
                    "the UPS says \"{status}\", neither on line nor on battery: check the UPS and its driver (upsc {ups})",
                    ["ups": reading.ups, "status": status]))
        }
        return [mains, backup(reading, flags: flags, thresholds: thresholds)]
    }

    /// Whether the UPS would carry the room if the mains failed now.
    private static func backup(_ reading: UPSReading, flags: Set<String>, thresholds: PowerThresholds) -> ReadinessCheck {
        let name = "backup power"
        var faults: [Message] = []
        if flags.contains("LB") { faults.append(Message("the battery is low (LB)")) }
        if flags.contains("RB") { faults.append(Message("the UPS asks for its battery to be replaced (RB)")) }
        if let charge = reading.chargePercent {
            if charge < Double(thresholds.minimumChargePercent) {
                faults.append(Message("charge {charge} % is below {limit} %", ["charge": whole(charge), "limit": "\(thresholds.minimumChargePercent)"]))
            }
        } else {
            faults.append(Message("the UPS does not report its charge (battery.charge)"))
        }
        if let runtime = reading.runtimeSeconds {
            if runtime < Double(thresholds.minimumRuntimeSeconds) {
                faults.append(Message("runtime {runtime} s is below {limit} s", ["runtime": whole(runtime), "limit": "\(thresholds.minimumRuntimeSeconds)"]))
            }
        } else {
            faults.append(Message("the UPS does not report its runtime (battery.runtime)"))
        }
        guard faults.isEmpty else {
            return ReadinessCheck(
                name: name, passed: false,
                said: Message("{faults}: let the UPS charge on mains, or replace its battery, and run the test again", parts: ["faults": .list(faults)]))
        }
        return ReadinessCheck(
            name: name, passed: true,
            said: Message(
                "charge {charge} %, runtime {runtime} s",
                ["charge": whole(reading.chargePercent ?? 0), "runtime": whole(reading.runtimeSeconds ?? 0)]))
    }

    private static func whole(_ value: Double) -> String { String(Int(value.rounded(.down))) }
}
