import Foundation
import Testing
@testable import Room

/// SIGHUP: the rules take the new room setup, unless the microphones changed.
@Suite struct ReloadTests {
    @Test func newPresetsAndPolicyTakeOverAndTheFloorStays() {
        var rig = Rig()
        rig.send(.started)
        rig.command(.grantFloor(.microphone(name: "mic2")))
        var changed = demoSetup
        changed.presets["left"] = 7
        changed.unmutePolicy = .relaxed
        changed.identity.roomName = "UBND xã Tân Lập (phòng 2)"
        let effects = rig.send(.reloaded(changed))
        #expect(rig.state.setup == changed)
        #expect(rig.state.floor == ["mic2"], "a reload does not take the floor away")
        #expect(effects.microphoneSettings.isEmpty && effects.cameraOrders.isEmpty)
        #expect(effects.records == [.note(text: "configuration reloaded", by: "administrator (SIGHUP)")])
        // The next grant uses the new preset slot.
        rig.command(.endFloor(nil))
        #expect(rig.command(.grantFloor(.microphone(name: "mic2"))).cameraOrders == [.recall(preset: Preset(slot: 7, name: "left"))])
    }

    @Test func changedMicrophonesWaitForARestart() {
        var rig = Rig()
        rig.send(.started)
        var changed = demoSetup
        changed.microphones.append(MicSeat(name: "mic4"))
        let effects = rig.send(.reloaded(changed))
        #expect(rig.state.setup == demoSetup)
        guard case .note(let text, _)? = effects.records.first else {
            Issue.record("no logbook note")
            return
        }
        #expect(text.contains("not applied") && text.contains("mic4") && text.contains("restart"))
    }

    @Test func theSameFileChangesNothing() {
        var rig = Rig()
        let effects = rig.send(.reloaded(demoSetup))
        #expect(rig.state.setup == demoSetup)
        #expect(effects.records == [.note(text: "configuration read again: nothing changed", by: "administrator (SIGHUP)")])
    }
}
