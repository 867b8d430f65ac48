import Microphones
import Room
import Support

/// The microphones whose signal the readiness test measures (R5: sound,
/// 001 Art. 8.2a; 004 Appendix steps 5–7), each on its capture device.
///
/// A microphone is measured only while it is open, which is while it holds
/// the floor: a muted source gives silence, and the test opens no
/// microphone the centre has not asked for (R2). In the test call the
/// centre gives each room the floor to hear it; the test run then measures it.
struct RoomSound: Sendable {
    /// Channel name → ALSA capture device, in the room file's order.
    let captures: [(channel: String, device: String)]
    let alsaConfiguration: String?
    let threshold: SoundThreshold
    /// How long each capture lasts.
    var milliseconds = 200

    /// One sound line per microphone with a capture device.
    func checks(open: Set<String>) async -> [ReadinessCheck] {
        var checks: [ReadinessCheck] = []
        for (channel, device) in captures {
            let seen = open.contains(channel)
                ? await measure(channel, device: device)
                : SoundObservation(channel: channel, rmsDBFS: nil, muted: true)
            checks.append(ReadinessCheck.sound(seen, threshold: threshold))
        }
        return checks
    }

    /// Captures on a thread of its own: alsa-lib's reads block.
    private func measure(_ channel: String, device: String) async -> SoundObservation {
        let alsaConfiguration = alsaConfiguration, milliseconds = milliseconds
        return await withCheckedContinuation { continuation in
            DetachedThread.start(name: "sound \(channel)") {
                do {
                    let level = try SignalCapture.measure(device: device, alsaConfiguration: alsaConfiguration, milliseconds: milliseconds)
                    continuation.resume(returning: SoundObservation(channel: channel, rmsDBFS: level.rmsDBFS, peakDBFS: level.peakDBFS))
                } catch {
                    continuation.resume(returning: SoundObservation(channel: channel, rmsDBFS: nil, problem: "\(error)"))
                }
            }
        }
    }
}
