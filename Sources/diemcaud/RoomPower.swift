import Power
import Room

/// The room's UPS as the readiness test asks it: upsd, the UPS's name on it,
/// and what a meeting needs of it (001 Art. 8.2a; 003 Art. 5.4).
struct RoomPower: Sendable {
    let client: NUTClient
    let ups: String
    let thresholds: PowerThresholds

    /// Mains power and backup power, judged by the rules.
    func checks() async -> [ReadinessCheck] {
        do {
            return ReadinessCheck.power(try await client.reading(of: ups), thresholds: thresholds)
        } catch {
            return ReadinessCheck.power(nil, problem: "\(error)", thresholds: thresholds)
        }
    }
}
