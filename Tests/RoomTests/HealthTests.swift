import Foundation
import Localization
import Testing
@testable import Room

/// A fault the room notices reaches the centre: each part's loss and return
/// is an event and a logbook line, a loss is one incident (not one per
/// channel or per failed retry), and `faults` says what does not work.
@Suite struct HealthTests {
    @Test func aLostMixerIsOneIncidentForAllItsChannelsAndItsReturnAnEvent() {
        var rig = Rig()
        let lost = rig.send(.mixer(.lost(device: "pulse", channels: ["chair", "mic2"], reason: "the sound server went away")))
        #expect(lost.alerts.map(\.kind) == [.microphoneLost])
        #expect(lost.events.contains { if case .health(let change) = $0 { change.part == .mixer && !change.healthy } else { false } })
        #expect(rig.state.health.lostChannels.keys.sorted() == ["chair", "mic2"])
        #expect(rig.state.faults == ["mixer pulse lost"])
        // The same loss reported again changes nothing.
        #expect(rig.send(.mixer(.lost(device: "pulse", channels: ["chair", "mic2"], reason: "still gone"))).isEmpty)

        let back = rig.send(.mixer(.back(device: "pulse", channels: ["chair", "mic2"])))
        #expect(back.alerts.isEmpty)
        #expect(back.records.contains { if case .health(let change) = $0 { change.healthy && change.state == "back" } else { false } })
        #expect(rig.state.health.lostChannels.isEmpty && rig.state.faults.isEmpty)
    }

    @Test func aChangeTheMixerRefusedIsAFault() {
        var rig = Rig()
        let refused = rig.send(.mixer(.setFailed(channel: "mic3", reason: "read back live after asking muted")))
        #expect(refused.alerts.map(\.kind) == [.microphoneFault])
        #expect(refused.alerts.first?.detail.contains("mic3") == true)
    }

    @Test func aSilentTerminalThatThenDropsIsOneFaultAndItsReturnIsAnEvent() {
        var rig = Rig()
        #expect(rig.send(.terminal(.api(.answering))).isEmpty, "the first answer is no news")
        let silent = rig.send(.terminal(.api(.silent("no answer to 'status' within 0.8 s"))))
        #expect(silent.alerts.map(\.kind) == [.terminalUnreachable])
        #expect(rig.state.faults == ["terminal silent"])
        #expect(rig.send(.terminal(.api(.lost("connection closed")))).isEmpty, "silent then dropped is the same fault")
        #expect(rig.send(.terminal(.api(.lost("connection refused")))).isEmpty, "each failed reconnection is the same fault")
        #expect(rig.state.faults == ["terminal unreachable"])
        let answering = rig.send(.terminal(.api(.answering)))
        #expect(answering.events.contains { if case .health(let change) = $0 { change.part == .terminal && change.healthy } else { false } })
        #expect(rig.state.faults.isEmpty)
    }

    @Test func aFailingLogbookAlertsOnceAndItsRecoveryIsAnEvent() {
        var rig = Rig()
        let failing = rig.send(.logbook(.failing("No space left on device")))
        #expect(failing.alerts.map(\.kind) == [.logbookFailed])
        #expect(rig.send(.logbook(.failing("No space left on device"))).isEmpty)
        #expect(rig.state.faults == ["logbook failing"])
        let writing = rig.send(.logbook(.writing))
        #expect(writing.events.contains { if case .health(let change) = $0 { change.part == .logbook && change.healthy } else { false } })
    }

    @Test func theCameraGoingAndComingIsAnEventEachWay() {
        var rig = Rig()
        let offline = rig.send(.camera(.offline("did not answer within 2 s")))
        #expect(offline.events.contains(.health(change: .init(part: .camera, healthy: false, state: "offline", detail: "did not answer within 2 s", said: Message("camera offline: {detail}", ["detail": "did not answer within 2 s"])))))
        #expect(rig.state.faults == ["camera offline"])
        let online = rig.send(.camera(.online))
        #expect(online.events.contains(.health(change: .init(part: .camera, healthy: true, state: "online", detail: "the camera answers again", said: Message("camera online: the camera answers again")))))
    }

    @Test func aDropAfterARestartNamesTheCallThatWasConnectedNotTheOneRingingNow() {
        var rig = Rig()
        rig.send(.terminal(.call(CallChange(state: .connected, callID: "1", direction: .incoming, remote: "10.10.0.1"))))
        // The codec restarted: the first thing seen after it is a new call ringing from another number.
        let drop = rig.send(.terminal(.call(CallChange(state: .ringing, callID: "7", direction: .incoming, remote: "10.9.9.9"))))
        #expect(drop.alerts.map(\.detail) == ["the call to 10.10.0.1 dropped"])
    }
}

@Suite struct LogbookSpaceTests {
    @Test func aNearlyFullDiskIsOneAlertAndAFault() {
        var rig = Rig()
        let low = rig.send(.logbook(.lowOnSpace("40 MB left")))
        #expect(low.alerts.map(\.kind) == [.logbookLowSpace])
        #expect(rig.send(.logbook(.lowOnSpace("30 MB left"))).isEmpty)
        #expect(rig.state.faults == ["logbook disk nearly full"])
        let again = rig.send(.logbook(.spaceAgain("900 MB free")))
        #expect(again.events.contains { if case .health(let change) = $0 { change.part == .logbook && change.healthy } else { false } })
        #expect(rig.state.faults.isEmpty)
    }
}
