import Room

/// The room's UPS, as Network UPS Tools' upsd serves it (R5: power and
/// backup power, 001 Art. 8.2a; 003 Art. 5.4), and what the readiness test
/// asks of it.
public struct PowerSetup: Codable, Sendable, Equatable {
    /// The host upsd runs on: the room PC (127.0.0.1) when the UPS's USB
    /// cable is plugged into it, else the PC or UPS card that serves it.
    public var host: String
    /// upsd's port; 3493 when absent.
    public var port: Int?
    /// The UPS's name on that upsd, as `upsc -l` lists it.
    public var ups: String
    /// Below this battery charge the test fails; 80 when absent.
    public var minimumChargePercent: Int?
    /// Below this runtime on battery the test fails; 600 when absent.
    public var minimumRuntimeSeconds: Int?

    public init(host: String, port: Int? = nil, ups: String, minimumChargePercent: Int? = nil, minimumRuntimeSeconds: Int? = nil) {
        self.host = host
        self.port = port
        self.ups = ups
        self.minimumChargePercent = minimumChargePercent
        self.minimumRuntimeSeconds = minimumRuntimeSeconds
    }

    /// The thresholds the rules judge the UPS by, with the defaults filled in.
    public var thresholds: PowerThresholds {
        let defaults = PowerThresholds()
        return PowerThresholds(
            minimumChargePercent: minimumChargePercent ?? defaults.minimumChargePercent,
            minimumRuntimeSeconds: minimumRuntimeSeconds ?? defaults.minimumRuntimeSeconds)
    }
}
