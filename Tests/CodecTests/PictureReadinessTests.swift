@testable import Codec
import CodecSimulator
import Room
import Testing

/// R5's picture (001 Art. 8.2a; 004 Appendix steps 5–7): the terminal
/// reports its camera input plugged in with a usable signal, where its API
/// tells video inputs (Cisco's `xStatus Video Input Connector`).
@Suite(.serialized) struct PictureReadinessTests {
    func picture(_ rig: Rig) async throws -> ReadinessCheck {
        ReadinessCheck.picture(PictureObservation(try await rig.client.videoInputs()))
    }

    @Test("the Cisco API reference's own lines give each connector's state")
    func ciscosLinesAsTheGuideShowsThem() {
        // The example lines of `xStatus Video Input Connector [n] Connected / SignalState` (CE9 API reference guides).
        let inputs = CiscoDialect.videoInputs([
            "*s Video Input Connector 1 Connected: True",
            "*s Video Input Connector 1 SignalState: OK",
            "*s Video Input Connector 1 SourceId: 1",
            "*s Video Input Connector 1 Type: HDMI",
            "*s Video Input Connector 2 Connected: Unknown",
            "*s Video Input Connector 2 SignalState: Unsupported",
            "** end",
        ])
        #expect(inputs == [VideoInput(connector: 1, connected: true, signal: "OK"), VideoInput(connector: 2, connected: nil, signal: "Unsupported")])
    }

    @Test("001 Art. 8.2a: a Cisco terminal's camera input, plugged, unplugged, without a usable signal")
    func theCameraInputIsJudged() async throws {
        let rig = try await Rig.make(.cisco)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let good = try await picture(rig)
        #expect(good.passed && good.detail == "camera input connected, signal OK", "\(good)")
        await rig.simulator.play(.cameraInput(connected: false, signal: "Unknown"))
        let unplugged = try await picture(rig)
        #expect(!unplugged.passed && unplugged.detail.contains("check the camera's video cable"), "\(unplugged)")
        await rig.simulator.play(.cameraInput(connected: true, signal: "Unsupported"))
        let noSignal = try await picture(rig)
        #expect(!noSignal.passed && noSignal.detail.contains("signal is Unsupported"), "\(noSignal)")
    }

    @Test("where the API tells no video input the picture is not measured, and says so", arguments: [DialectKind.poly, .yealink])
    func notMeasuredWhereTheAPITellsNothing(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let check = try await picture(rig)
        #expect(check.passed && check.detail.hasPrefix("not measured"), "\(check)")
        #expect(await rig.simulator.commands.filter { $0.lowercased().contains("video") }.isEmpty, "nothing undocumented was sent")
    }
}
