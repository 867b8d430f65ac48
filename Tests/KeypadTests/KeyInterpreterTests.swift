import Room
import Testing
@testable import Keypad

@Suite struct KeyInterpreterTests {
    private func run(_ events: [InputEvent], map: KeyMap) -> [KeypadOrder] {
        var interpreter = KeyInterpreter(map: map)
        return events.flatMap { interpreter.interpret($0) }
    }

    @Test func overlappingMovesReturnToTheKeyStillHeld() throws {
        let map = try shippedMap()
        let actions = run([
            .key(.up, .pressed), .report,
            .key(.left, .pressed), .report,
            .key(.left, .repeated), .report,
            .key(.left, .released), .report,  // back to up, not a stop
            .key(.up, .released), .report,
        ], map: map)
        #expect(actions == [.panTiltStart(.up), .panTiltStart(.left), .panTiltStart(.up), .panTiltStop])
    }

    @Test func aMoveStopsOnItsOwnKeyEvenAfterTheChordKeyIsLetGo() throws {
        let map = try shippedMap()
        let actions = run([
            .key(.kpSlash, .pressed), .report,
            .key(.kp8, .pressed), .report,  // chord: pan up
            .key(.kpSlash, .released), .report,
            .key(.kp8, .repeated), .report,
            .key(.kp8, .released), .report,  // stops; does not recall preset 8
        ], map: map)
        #expect(actions == [.panTiltStart(.up), .panTiltStop])
    }

    @Test func lostRecordsStopEveryMoveAndSkipToTheNextReport() throws {
        let map = try shippedMap()
        let actions = run([
            .key(.kpPlus, .pressed), .report,
            .key(.right, .pressed),
            InputEvent(type: .synchronization, code: SynchronizationCode.dropped, value: 0),
            .key(.kp3, .pressed),  // lost in the gap: ignored
            .report,
            .key(.kpPlus, .released), .report,  // no longer known as held
            .key(.kp3, .pressed), .report,
        ], map: map)
        #expect(actions == [.zoomStart(.tele), .panTiltStart(.right), .zoomStop, .panTiltStop, .recallPreset(3)])
    }

    @Test func onlyTheChordsKeysActWhileItsKeyIsHeld() throws {
        let map = try shippedMap()
        let actions = run([
            .key(.kpAsterisk, .pressed), .report,
            .key(.kpEnter, .pressed), .report, .key(.kpEnter, .released), .report,  // not in the chord
            .key(.kp0, .pressed), .report, .key(.kp0, .released), .report,  // not in the chord
            .key(.kp7, .pressed), .report, .key(.kp7, .released), .report,
            .key(.kpAsterisk, .released), .report,
            .key(.kp7, .pressed), .report, .key(.kp7, .released), .report,
        ], map: map)
        #expect(actions == [.storePreset(7), .recallPreset(7)])
    }
}
