import Testing
@testable import Room

/// R5 read against the seeds: power and backup power, sound. Each test
/// names the article it stands for; the device side of each is tested
/// against the real part (PowerTests: NUT's upsd and dummy-ups;
/// MicrophonesTests: PulseAudio's sine and null sources).
@Suite struct SeedReadinessTests {
    let thresholds = PowerThresholds(minimumChargePercent: 80, minimumRuntimeSeconds: 600)

    @Test("001 Art. 8.2a: a room on mains power with a charged UPS is ready")
    func mainsAndACharged() {
        let checks = ReadinessCheck.power(
            UPSReading(ups: "phonghop@127.0.0.1:3493", status: ["OL"], chargePercent: 100, runtimeSeconds: 1800), thresholds: thresholds)
        #expect(checks == [
            ReadinessCheck(name: "mains power", passed: true, detail: "on line power (phonghop@127.0.0.1:3493 OL)"),
            ReadinessCheck(name: "backup power", passed: true, detail: "charge 100 %, runtime 1800 s"),
        ])
    }

    @Test("003 Art. 5.4: on battery the mains is off: restore it or start the generator")
    func onBatteryFails() {
        let checks = ReadinessCheck.power(
            UPSReading(ups: "u", status: ["OB", "DISCHRG"], chargePercent: 95, runtimeSeconds: 1500), thresholds: thresholds)
        #expect(checks.map(\.passed) == [false, true])
        #expect(checks[0].detail == "on battery (u OB DISCHRG): the mains supply is off; restore it or start the generator before the meeting")
    }

    @Test("003 Art. 5.4: backup power below the room's thresholds fails, each shortfall named", arguments: [
        (UPSReading(ups: "u", status: ["OL", "CHRG"], chargePercent: 79.5, runtimeSeconds: 600), "charge 79 % is below 80 %"),
        (UPSReading(ups: "u", status: ["OL"], chargePercent: 100, runtimeSeconds: 599), "runtime 599 s is below 600 s"),
        (UPSReading(ups: "u", status: ["OL", "RB"], chargePercent: 100, runtimeSeconds: 900), "the UPS asks for its battery to be replaced (RB)"),
        (UPSReading(ups: "u", status: ["OB", "LB"], chargePercent: 100, runtimeSeconds: 900), "the battery is low (LB)"),
        (UPSReading(ups: "u", status: ["OL"]), "the UPS does not report its charge (battery.charge); the UPS does not report its runtime"),
    ])
    func backupShortfalls(_ reading: UPSReading, _ detail: String) {
        let backup = ReadinessCheck.power(reading, thresholds: thresholds)[1]
        #expect(!backup.passed)
        #expect(backup.detail.hasPrefix(detail), "\(backup.detail)")
    }

    @Test("001 Art. 8.2a: no answer from upsd is one failure saying where to look")
    func noUPSAnswer() {
        let checks = ReadinessCheck.power(nil, problem: "upsd at 10.0.0.5:3493 cannot be reached", thresholds: thresholds)
        #expect(checks == [ReadinessCheck(
            name: "power (UPS)", passed: false,
            detail: "upsd at 10.0.0.5:3493 cannot be reached: check that upsd runs on the UPS's host and its network cable")])
    }

    @Test("001 Art. 8.2a, 004 steps 5–7: a microphone's signal passes at or above the threshold, silence fails")
    func soundLevels() {
        let threshold = SoundThreshold(minimumDBFS: -60)
        #expect(ReadinessCheck.sound(SoundObservation(channel: "chair", rmsDBFS: -60, peakDBFS: -50), threshold: threshold)
            == ReadinessCheck(name: "sound chair", passed: true, detail: "signal RMS -60 dBFS, peak -50 dBFS"))
        let silent = ReadinessCheck.sound(SoundObservation(channel: "chair", rmsDBFS: -60.04), threshold: threshold)
        #expect(!silent.passed && silent.detail.hasPrefix("microphone chair delivers no signal (RMS -60 dBFS, below -60 dBFS)"))
        let broken = ReadinessCheck.sound(SoundObservation(channel: "mic2", rmsDBFS: nil, problem: "cannot capture"), threshold: threshold)
        #expect(broken == ReadinessCheck(name: "sound mic2", passed: false, detail: "cannot capture: check the microphone interface and its USB cable"))
    }

    @Test("R2 (001 Art. 9.2a): a muted microphone is not opened to be measured, and its line says so")
    func aMutedMicrophoneIsNotMeasured() {
        let check = ReadinessCheck.sound(SoundObservation(channel: "mic3", rmsDBFS: nil, muted: true), threshold: SoundThreshold())
        #expect(check.passed)
        #expect(check.detail.hasPrefix("not measured: muted until the centre grants the floor (R2)"))
    }

    @Test("003 Art. 7.1b, 001 Art. 8.2a: the test call's loss, jitter and rates are judged; each fault is named")
    func lineJudgement() {
        let thresholds = LineThresholds(maxLossPercent: 1, maxJitterMs: 40, minimumRateKbps: 384)
        let good = LineObservation(callID: "7", lossPercent: 0.5, jitterMs: 12, receiveRateKbps: 1920, transmitRateKbps: 1920)
        #expect(ReadinessCheck.line(good, thresholds: thresholds)
            == ReadinessCheck(name: "transmission line", passed: true, detail: "call 7: loss 0.5 %, jitter 12 ms, receive 1920 kbit/s, transmit 1920 kbit/s"))
        let bad = LineObservation(callID: "7", lossPercent: 3.5, jitterMs: 41, receiveRateKbps: 1920, transmitRateKbps: 256)
        let check = ReadinessCheck.line(bad, thresholds: thresholds)
        #expect(!check.passed)
        #expect(check.detail == "call 7: loss 3.5 % is above 1.0 %; jitter 41 ms is above 40 ms; transmit rate 256 kbit/s is below 384 kbit/s: "
            + "tell the centre, check the room's network (cable, switch, the line's bandwidth) and test again")
        let unreadable = ReadinessCheck.line(LineObservation(callID: nil, problem: "terminal offline"), thresholds: thresholds)
        #expect(!unreadable.passed && unreadable.detail == "terminal offline: the terminal's call statistics could not be read")
    }
}
