import Microphones
import Room
import Testing

/// R5's sound check (001 Art. 8.2a; 004 Appendix steps 5–7) against real
/// PulseAudio sources through alsa-lib's pulse pcm plugin: a sine source is a
/// microphone that delivers, a null source one that is silent.
@Suite(.serialized) struct SignalCaptureTests {
    let room: PulseRoom
    let threshold = SoundThreshold(minimumDBFS: -60)

    init() throws { room = try PulseRoom.shared.get() }

    func observe(_ channel: String, device: String) -> SoundObservation {
        do {
            let level = try SignalCapture.measure(device: device, alsaConfiguration: room.alsaConfiguration, milliseconds: 200)
            return SoundObservation(channel: channel, rmsDBFS: level.rmsDBFS, peakDBFS: level.peakDBFS)
        } catch {
            return SoundObservation(channel: channel, rmsDBFS: nil, problem: "\(error)")
        }
    }

    @Test("001 Art. 8.2a, 004 steps 5–7: a microphone with a tone passes the sound check")
    func aToneIsSignal() throws {
        try room.setSourceMute("tone1", false)
        let level = try SignalCapture.measure(device: "tone1", alsaConfiguration: room.alsaConfiguration, milliseconds: 200)
        #expect(level.frames == 9600)
        // A full-scale sine is -3 dBFS RMS; PulseAudio's sine source plays at half scale or so.
        #expect(level.rmsDBFS > -30 && level.rmsDBFS < 0, "\(level)")
        #expect(level.peakDBFS > level.rmsDBFS)
        let check = ReadinessCheck.sound(observe("chair", device: "tone1"), threshold: threshold)
        #expect(check.passed, "\(check)")
        #expect(check.name == "sound chair" && check.detail.hasPrefix("signal RMS -"))
    }

    @Test("001 Art. 8.2a, 004 steps 5–7: a silent microphone fails, named, with what to do")
    func silenceFails() throws {
        let level = try SignalCapture.measure(device: "mic1", alsaConfiguration: room.alsaConfiguration, milliseconds: 200)
        #expect(level.rmsDBFS == SoundLevel.floor && level.peakDBFS == SoundLevel.floor)
        let check = ReadinessCheck.sound(observe("mic2", device: "mic1"), threshold: threshold)
        #expect(!check.passed)
        #expect(check.detail == "microphone mic2 delivers no signal (RMS -120 dBFS, peak -120 dBFS, below -60 dBFS): "
            + "check that it is plugged in and switched on (a wireless microphone's battery), then speak into it and run the test again")
    }

    @Test("R2: a muted source gives silence, so the sound check can only hear a microphone that is open")
    func aMutedSourceIsSilent() throws {
        try room.setSourceMute("tone1", true)
        defer { try? room.setSourceMute("tone1", false) }
        let level = try SignalCapture.measure(device: "tone1", alsaConfiguration: room.alsaConfiguration, milliseconds: 200)
        #expect(level.rmsDBFS == SoundLevel.floor, "\(level)")
    }

    @Test("a device that is not there fails the check with ALSA's words and what to check")
    func aMissingDeviceIsNamed() {
        let check = ReadinessCheck.sound(observe("mic9", device: "nosuchpcm"), threshold: threshold)
        #expect(!check.passed)
        #expect(check.detail.hasPrefix("cannot capture from the ALSA device 'nosuchpcm': "), "\(check.detail)")
        #expect(check.detail.hasSuffix("check the microphone interface and its USB cable"))
    }
}
