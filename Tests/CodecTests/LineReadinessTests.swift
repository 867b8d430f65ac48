@testable import Codec
import CodecSimulator
import Room
import Testing

/// R5's transmission line (001 Art. 8.2a; 003 Art. 7.1b: the test call
/// checks the line) from each dialect's call statistics, as the codec
/// simulator answers them the way the vendor documents.
@Suite(.serialized) struct LineReadinessTests {
    let thresholds = LineThresholds(maxLossPercent: 1, maxJitterMs: 40, minimumRateKbps: 384)

    func line(_ rig: Rig) async throws -> ReadinessCheck {
        let observation = try await rig.client.statistics().first?.lineObservation ?? LineObservation(callID: nil)
        return ReadinessCheck.line(observation, thresholds: thresholds)
    }

    @Test("003 Art. 7.1b: with no call up the line is not measured, and says so", arguments: DialectKind.allCases)
    func noCallNoMeasure(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let check = try await line(rig)
        #expect(check.passed)
        #expect(check.detail.hasPrefix("not measured: no call is up"))
    }

    @Test("001 Art. 8.2a, 003 Art. 7.1b: the test call's jitter and rate are judged against the room's thresholds", arguments: DialectKind.allCases)
    func theTestCallIsJudged(dialect: DialectKind) async throws {
        let rig = try await Rig.inCall(dialect, packetsLost: 7)
        defer { Task { await rig.shutDown() } }
        let good = try await line(rig)
        #expect(good.passed, "\(good)")
        #expect(good.detail.hasPrefix("call 34: 7 packets lost, jitter 12 ms, receive 1920 kbit/s"), "\(good.detail)")

        await rig.simulator.update { $0.calls[0].jitterMilliseconds = 85 }
        let jittery = try await line(rig)
        #expect(!jittery.passed)
        #expect(jittery.detail.hasPrefix("call 34: jitter 85 ms is above 40 ms: tell the centre, check the room's network"), "\(jittery.detail)")
    }

    @Test("001 Art. 8.2a: a call at a rate below the room's minimum fails the line", arguments: DialectKind.allCases)
    func aSlowCallFails(dialect: DialectKind) async throws {
        let rig = try await Rig.inCall(dialect, rateKbps: 256)
        defer { Task { await rig.shutDown() } }
        let slow = try await line(rig)
        #expect(!slow.passed)
        #expect(slow.detail.contains("receive rate 256 kbit/s is below 384 kbit/s"), "\(slow.detail)")
    }
}
