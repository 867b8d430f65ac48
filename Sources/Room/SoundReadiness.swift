import Localization

/// What the readiness test asks of each microphone's signal (R5: "sound",
/// 001 Art. 8.2a; 004 Appendix steps 5–7).
public struct SoundThreshold: Sendable, Hashable, Codable {
    /// A capture whose RMS level is below this is silence: the microphone
    /// is unplugged, switched off or its battery is flat. A room's noise
    /// through a live microphone is well above -60 dBFS; digital silence is -120.
    public var minimumDBFS: Int

    public init(minimumDBFS: Int = -60) {
        self.minimumDBFS = minimumDBFS
    }
}

/// One microphone's capture as the readiness test measured it.
public struct SoundObservation: Sendable, Hashable, Codable {
    public var channel: String
    /// The RMS level of the capture, nil when nothing could be captured.
    public var rmsDBFS: Double?
    public var peakDBFS: Double?
    /// Why nothing was captured.
    public var problem: String?
    /// The microphone was muted, so not measured: a muted source gives
    /// silence, and the test does not open a microphone the centre has not
    /// given the floor (R2).
    public var muted: Bool

    public init(channel: String, rmsDBFS: Double?, peakDBFS: Double? = nil, problem: String? = nil, muted: Bool = false) {
        self.channel = channel
        self.rmsDBFS = rmsDBFS
        self.peakDBFS = peakDBFS
        self.problem = problem
        self.muted = muted
    }
}

extension ReadinessCheck {
    /// The microphone delivers signal: its capture is louder than the threshold.
    public static func sound(_ seen: SoundObservation, threshold: SoundThreshold) -> ReadinessCheck {
        let name = "sound \(seen.channel)"
        if seen.muted {
            return ReadinessCheck(
                name: name, passed: true,
                said: Message(
                    "not measured: muted until the centre grants the floor (R2); in the test call, ask the centre for the floor and run the test again to measure it"))
        }
        guard let rms = seen.rmsDBFS else {
            return ReadinessCheck(
                name: name, passed: false,
                said: seen.problem.map { Message("{problem}: check the microphone interface and its USB cable", ["problem": $0]) }
                    ?? Message("nothing could be captured: check the microphone interface and its USB cable"))
        }
        let level = seen.peakDBFS.map { Message("RMS {rms} dBFS, peak {peak} dBFS", ["rms": tenths(rms), "peak": tenths($0)]) }
            ?? Message("RMS {rms} dBFS", ["rms": tenths(rms)])
        guard rms >= Double(threshold.minimumDBFS) else {
            return ReadinessCheck(
                name: name, passed: false,
                said: Message(
                    "microphone {channel} delivers no signal ({level}, below {limit} dBFS): check that it is plugged in and switched on (a wireless microphone's battery), then speak into it and run the test again",
                    ["channel": seen.channel, "limit": "\(threshold.minimumDBFS)"], parts: ["level": level]))
        }
        return ReadinessCheck(name: name, passed: true, said: Message("signal {level}", parts: ["level": level]))
    }

    private static func tenths(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
