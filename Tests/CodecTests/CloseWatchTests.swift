@testable import Codec
import CodecSimulator
import Foundation
import Testing

/// The daemon's close watch during a meeting: a keep-alive after 1 s of
/// quiet, 0.8 s for its answer (`TerminalClient.watch(every:waiting:)`).
@Suite(.serialized) struct CloseWatchTests {
    @Test(arguments: DialectKind.allCases)
    func aStalledTerminalIsSilentWithinTwoSecondsAndAnswersAgain(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        await rig.client.start()
        #expect(await rig.recorder.first { $0.isConnected } != nil)
        await rig.client.watch(every: .seconds(1), waiting: .milliseconds(800))
        let before = await rig.recorder.count
        let stalled = ContinuousClock.now
        await rig.simulator.play(.stall(.milliseconds(2600)))
        let silent = await rig.recorder.first(from: before, within: .seconds(5)) { if case .silent = $0 { true } else { false } }
        #expect(silent != nil)
        #expect(ContinuousClock.now - stalled < .milliseconds(2400), "noticed within interval + wait (and a little)")
        #expect(await rig.recorder.first(from: before, within: .seconds(5)) { $0 == .answering } != nil)
        #expect(!(await rig.recorder.events.dropFirst(before).contains { $0.isConnectionLost || $0.isRestart }), "two unanswered probes do not reset the session")
        #expect(rig.client.dialect.isCallControl(rig.client.dialect.keepAlive.text) == false)
        #expect(await rig.simulator.callCommands.isEmpty)
    }
}
