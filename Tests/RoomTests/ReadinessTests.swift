import Foundation
import Testing
@testable import Room

/// R5: the readiness self-test's judgement and its table.
@Suite struct ReadinessTests {
    var allGood: ReadinessObservations {
        ReadinessObservations(
            cameraAnswers: true, cameraPowered: true,
            microphones: [MicrophoneObservation(channel: "chair", muted: true), MicrophoneObservation(channel: "mic2", muted: true)],
            terminalAnswers: true, terminalRegistered: true, terminalDetail: "H.323 gatekeeper Registered",
            logbookFreeBytes: 2 * 1024 * 1024 * 1024)
    }

    @Test func aReadyRoomPassesEveryCheck() {
        let report = ReadinessReport(allGood, trigger: .requested(by: "technician cli"))
        #expect(report.passed)
        #expect(report.checks.map(\.name) == [
            "camera", "microphone chair", "microphone mic2", "terminal API", "terminal registration", "logbook disk space",
        ])
        #expect(report.table == """
            CHECK                  RESULT  DETAIL
            camera                 pass    answers, powered on
            microphone chair       pass    reachable, muted
            microphone mic2        pass    reachable, muted
            terminal API           pass    answers
            terminal registration  pass    registered (H.323 gatekeeper Registered)
            logbook disk space     pass    2048 MB free
            READY

            """)
    }

    @Test func eachFailureSaysWhatToFix() {
        var seen = allGood
        seen.cameraPowered = false
        seen.microphones = [
            MicrophoneObservation(channel: "chair", muted: false),
            MicrophoneObservation(channel: "mic2", muted: nil, problem: "ALSA device demo_mic2 is gone"),
        ]
        seen.terminalRegistered = false
        seen.terminalDetail = "SIP registration Failed"
        seen.logbookFreeBytes = 10 * 1024 * 1024
        let report = ReadinessReport(seen, trigger: .hourBeforeStart(meeting: "HN-1"))
        #expect(!report.passed)
        #expect(report.checks.filter(\.passed).map(\.name) == ["terminal API"])
        #expect(report.checks[0].detail == "answers but is in standby: switch it on before the test")
        #expect(report.checks[1].detail.contains("until the centre grants the floor (R2)"))
        #expect(report.checks[2].detail == "ALSA device demo_mic2 is gone: check the audio interface and its USB cable")
        #expect(report.checks[4].detail.hasPrefix("not registered (SIP registration Failed): check the gatekeeper"))
        #expect(report.checks[5].detail.hasPrefix("only 10 MB free"))
        #expect(report.table.hasSuffix("NOT READY\n"))
    }

    @Test func aSilentTerminalOrCameraIsOneFailureEach() {
        var seen = allGood
        seen.cameraAnswers = false
        seen.cameraProblem = "camera 1 on /dev/ttyUSB0 did not answer IF_Clear within 500 ms"
        seen.terminalAnswers = false
        seen.terminalDetail = "no answer on 127.0.0.1:24"
        seen.logbookFreeBytes = nil
        let report = ReadinessReport(seen, trigger: .testTime(meeting: "A"))
        #expect(report.checks.map(\.name) == ["camera", "microphone chair", "microphone mic2", "terminal API", "logbook disk space"])
        #expect(report.checks[0].detail.hasPrefix("camera 1 on /dev/ttyUSB0 did not answer IF_Clear within 500 ms: check"))
        #expect(!report.checks[4].passed)
    }
}

@Suite struct SetupCodingTests {
    @Test func aMinimalSetupReadsWithTheStrictDefaults() throws {
        let json = #"""
            {"identity": {"roomName": "Sở TT&TT", "technician": {"name": "Lê Văn C", "position": "Kỹ thuật viên", "phone": "0912 000 003"}},
             "microphones": [{"name": "chair", "preset": "chair"}, {"name": "mic2"}]}
            """#
        let setup = try JSONDecoder().decode(RoomSetup.self, from: Data(json.utf8))
        #expect(setup.identity.technician?.phone == "0912 000 003")
        #expect(setup.channelNames == ["chair", "mic2"])
        #expect(setup.microphone(named: "chair")?.preset == "chair")
        #expect(setup.unmutePolicy == .strict)
        #expect(setup.groups.isEmpty && setup.presets.isEmpty && setup.widePreset == nil)
    }

    @Test func aFullSetupRoundTrips() throws {
        let data = try JSONEncoder().encode(demoSetup)
        #expect(try JSONDecoder().decode(RoomSetup.self, from: data) == demoSetup)
    }
}
