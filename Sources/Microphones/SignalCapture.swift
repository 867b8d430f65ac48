import CALSA
import Glibc

/// How loud a microphone's signal was over a short capture, in dB relative
/// to full scale (0 dBFS is the loudest 16-bit sample; silence is `floor`).
public struct SoundLevel: Sendable, Hashable, CustomStringConvertible {
    /// The level digital silence is given: 16-bit samples cannot go lower than about -96 dBFS.
    public static let floor = -120.0

    public let rmsDBFS: Double
    public let peakDBFS: Double
    /// How many frames were measured.
    public let frames: Int

    /// The level of 16-bit samples (one channel).
    public init(samples: some Collection<Int16>) {
        var sumOfSquares = 0.0
        var peak = 0.0
        for sample in samples {
            let value = Double(sample) / 32768
            sumOfSquares += value * value
            peak = max(peak, abs(value))
        }
        let rms = samples.isEmpty ? 0 : (sumOfSquares / Double(samples.count)).squareRoot()
        rmsDBFS = Self.decibels(rms)
        peakDBFS = Self.decibels(peak)
        frames = samples.count
    }

    public var description: String {
        "RMS \(Self.rounded(rmsDBFS)) dBFS, peak \(Self.rounded(peakDBFS)) dBFS over \(frames) frames"
    }

    private static func decibels(_ amplitude: Double) -> Double {
        amplitude > 0 ? max(floor, 20 * log10(amplitude)) : floor
    }

    private static func rounded(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}

/// A short capture through alsa-lib's PCM interface from a microphone's
/// capture device (a `type pulse` pcm bound to the microphone's source, or
/// the interface's `plughw:` device), to show that it delivers signal (R5:
/// "sound", 001 Art. 8.2a; 004 Appendix steps 5–7).
///
/// It reads what the device gives and changes no mixer: a muted microphone
/// gives silence, and the caller decides whether it may be opened (R2).
/// Blocking: run it on a thread of its own, never on the daemon's executors.
public enum SignalCapture {
    /// Mono, 16-bit, 48 kHz: alsa-lib converts when the device differs.
    static let rate: UInt32 = 48_000

    /// Captures `milliseconds` of sound from `device`; gives up after
    /// `milliseconds` + 2 s if the device delivers nothing (a sound server
    /// that hangs).
    public static func measure(device: String, alsaConfiguration: String?, milliseconds: Int = 200) throws(MicError) -> SoundLevel {
        let configuration = try alsaConfiguration.map { path throws(MicError) in try ALSAConfiguration(path: path) }
        var pcm: OpaquePointer?
        let mode = Int32(SND_PCM_NONBLOCK)
        let (opened, message) = ALSADiagnostics.quietly {
            if let configuration {
                snd_pcm_open_lconf(&pcm, device, SND_PCM_STREAM_CAPTURE, mode, configuration.tree)
            } else {
                snd_pcm_open(&pcm, device, SND_PCM_STREAM_CAPTURE, mode)
            }
        }
        guard opened >= 0, let pcm else {
            throw .captureFailed(device: device, reason: ALSADiagnostics.describe(opened, message))
        }
        defer { snd_pcm_close(pcm) }
        // Half a second of buffer: the capture is read as it comes.
        let set = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, rate, 1, 500_000)
        guard set >= 0 else { throw .captureFailed(device: device, reason: String(cString: snd_strerror(set))) }

        let wanted = Int(rate) * milliseconds / 1000
        var samples = [Int16](repeating: 0, count: wanted)
        var filled = 0
        let deadline = ContinuousClock.now + .milliseconds(milliseconds + 2000)
        _ = snd_pcm_start(pcm)
        while filled < wanted {
            guard ContinuousClock.now < deadline else {
                throw .captureFailed(device: device, reason: "it delivered \(filled) of \(wanted) frames within \(milliseconds + 2000) ms")
            }
            _ = snd_pcm_wait(pcm, 100)
            let read = samples.withUnsafeMutableBufferPointer { buffer in
                snd_pcm_readi(pcm, buffer.baseAddress! + filled, snd_pcm_uframes_t(wanted - filled))
            }
            if read > 0 {
                filled += Int(read)
            } else if read == -Int(EAGAIN) || read == 0 {
                continue
            } else if snd_pcm_recover(pcm, Int32(read), 1) < 0 {
                throw .captureFailed(device: device, reason: String(cString: snd_strerror(Int32(read))))
            }
        }
        return SoundLevel(samples: samples)
    }
}
