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
        #expect(rig.state.floor.channels == ["mic2"], "a reload does not take the floor away")
        #expect(effects.microphoneSettings.isEmpty && effects.cameraOrders.isEmpty)
        // R7: each change is logged, field by field, with who made it.
        let by = "administrator (SIGHUP)"
        #expect(effects.records == [
            .note(text: "configuration reloaded: 3 changes", by: by),
            .configurationChanged(field: "room.name", was: "UBND xã Tân Lập", now: "UBND xã Tân Lập (phòng 2)", by: by),
            .configurationChanged(field: "presets.left", was: "2", now: "7", by: by),
            .configurationChanged(field: "floor.allowUnmuteWithoutGrant", was: "false", now: "true", by: by),
            .identityReported(to: "the centre (the identity changed)"),
        ])
        // R8: the centre hears of the new identity at once.
        #expect(effects.events.contains(.identity(room: changed.identity)))
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

    // R7 (001 Art. 3; 004 Art. 5.6): settings are locked during the official session.
    @Test func aReloadDuringTheOfficialSessionWaitsForItsEnd() {
        var rig = Rig()
        rig.send(.started)
        rig.command(.setPhase(.official), from: technician)
        var changed = demoSetup
        changed.widePreset = "chair"
        changed.identity.technicians.append(Contact(name: "Lê Văn Cường", position: "Cán bộ kỹ thuật", phone: "0912 000 003", email: "cuong@tanlap.gov.vn"))
        let waiting = rig.send(.reloaded(changed, by: "administrator (SIGHUP)"))
        #expect(rig.state.setup == demoSetup, "nothing changes during the official session")
        #expect(waiting.records.first.map { if case .note(let text, _) = $0 { text.contains("applies when the session ends") } else { false } } == true)
        #expect(!waiting.events.contains { if case .identity = $0 { true } else { false } })
        let ended = rig.command(.setPhase(.ended), from: technician)
        #expect(rig.state.setup == changed)
        #expect(rig.state.pendingSetup == nil)
        #expect(ended.records.contains(.configurationChanged(field: "framing.wide", was: "wide", now: "chair", by: "administrator (SIGHUP)")))
        #expect(ended.records.contains { if case .configurationChanged("room.technicians", _, let now?, _) = $0 { now.contains("Lê Văn Cường") } else { false } })
        #expect(ended.events.contains(.identity(room: changed.identity)))
    }

    // 001 Art. 13.2: at least two technicians, each with an email.
    @Test func theIdentitySaysWhatArticle13Lacks() {
        #expect(demoSetup.identity.shortfall?.contains("at least two") == true)
        var identity = demoSetup.identity
        identity.technicians.append(Contact(name: "Lê Văn Cường", position: "Cán bộ kỹ thuật", phone: "0912 000 003", email: "cuong@tanlap.gov.vn"))
        #expect(identity.shortfall?.contains("missing for Trần Thị Bình") == true)
        identity.technicians[0].email = "binh@tanlap.gov.vn"
        #expect(identity.shortfall == nil)
    }

    // R7: every field the rules take from the file is in the diff.
    @Test func everyChangedFieldIsNamed() {
        var changed = demoSetup
        changed.leadTimes = [LeadTime(minutesBefore: 90, article: "001 Art. 7.1")]
        #expect(demoSetup.changes(to: changed).map(\.field) == ["readiness.leadTimes"])
        changed = demoSetup
        changed.terminalUnmuteGrants = .all
        changed.groups["panel"] = ["chair"]
        changed.otherCameras = [CameraBook(name: "side", presets: ["left": 2])]
        #expect(demoSetup.changes(to: changed).map(\.field) == ["groups.panel", "cameras.presets.side.left", "floor.terminalUnmuteGrants"])
    }

    @Test func theSameFileChangesNothing() {
        var rig = Rig()
        let effects = rig.send(.reloaded(demoSetup))
        #expect(rig.state.setup == demoSetup)
        #expect(effects.records == [.note(text: "configuration read again: nothing changed", by: "administrator (SIGHUP)")])
    }
}
