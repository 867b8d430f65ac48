import Foundation
@testable import Room
import Testing

/// The floor as it reaches a room in practice: the chair's call by telephone
/// or voice (002 Art. 6.3), the MCU unmuting the room through the terminal,
/// and the room's requests to speak waiting in a queue (R2, R9).
@Suite struct FloorByPhoneTests {
    private func inOfficialSession(_ setup: RoomSetup = demoSetup) -> Rig {
        var rig = Rig(setup)
        rig.command(.setPhase(.official), from: technician)
        return rig
    }

    // 002 Art. 6.3: the request and the grant go by telephone; the technician records the grant.
    @Test func theTechnicianRecordsAGrantByTelephoneAndTheMicrophoneOpens() {
        var rig = inOfficialSession()
        let relayed = rig.command(.relayFloor(.microphone(name: "mic2"), chair: "Chủ tịch UBND tỉnh", via: .phone), from: technician)
        #expect(relayed.refusals.isEmpty)
        #expect(relayed.microphoneSettings.map(\.channel) == ["mic2"])
        #expect(relayed.microphoneSettings.map(\.muted) == [false])
        #expect(relayed.records.contains(.floorRelayed(
            target: .microphone(name: "mic2"), channels: ["mic2"], chair: "Chủ tịch UBND tỉnh", via: .phone, by: technician.description)))
        #expect(relayed.cameraOrders == [.recall(preset: Preset(slot: 2, name: "left"))], "R3: the camera frames the speaker")
        #expect(rig.state.floor.channels == ["mic2"])
        // The microphone's own log line names the chair and the technician.
        let reason = relayed.records.compactMap { if case .microphone(_, false, let by, _, _) = $0 { by } else { nil } }.first
        #expect(reason?.contains("Chủ tịch UBND tỉnh") == true && reason?.contains(technician.description) == true)
    }

    // R2 in strict mode: the technician may record the chair's call, not open a microphone on a whim.
    @Test func aRecordedGrantNeedsASessionAndTheChairsName() {
        var idle = Rig()
        let outside = idle.command(.relayFloor(.microphone(name: "mic2"), chair: "chủ trì", via: .voice), from: technician)
        #expect(outside.refusals.first?.contains("during a test or official session") == true)
        #expect(outside.microphoneSettings.isEmpty)
        var rig = inOfficialSession()
        let nameless = rig.command(.relayFloor(.microphone(name: "mic2"), chair: "  ", via: .phone), from: technician)
        #expect(nameless.refusals.first?.contains("say who gave the floor") == true)
        #expect(rig.command(.unmute(channel: "mic3"), from: technician).refusals.count == 1, "strict mode still refuses a plain unmute")
    }

    // R2: the technician ends what the technician recorded, never the centre's own grant.
    @Test func theTechnicianEndsARecordedGrantButNotTheCentres() {
        var rig = inOfficialSession()
        rig.command(.relayFloor(.microphone(name: "mic2"), chair: "chủ trì", via: .phone), from: technician)
        let ended = rig.command(.endFloor(nil), from: technician)
        #expect(ended.refusals.isEmpty)
        #expect(ended.microphoneSettings.map(\.muted) == [true])
        #expect(rig.state.floor.isEmpty && rig.state.openChannels.isEmpty)
        rig.command(.grantFloor(.microphone(name: "chair")))
        let refused = rig.command(.endFloor(nil), from: technician)
        #expect(refused.refusals.first?.contains("only the centre ends it") == true)
        #expect(rig.state.openChannels == ["chair"])
    }

    // R2: a recorded grant does not take the floor from a microphone the centre granted.
    @Test func aRecordedGrantLeavesTheCentresGrantAlone() {
        var rig = inOfficialSession()
        rig.command(.grantFloor(.microphone(name: "chair")))
        let refused = rig.command(.relayFloor(.microphone(name: "mic2"), chair: "chủ trì", via: .phone), from: technician)
        #expect(refused.refusals.first?.contains("only the centre moves it") == true)
        #expect(refused.microphoneSettings.isEmpty)
        #expect(rig.state.openChannels == ["chair"])
        // A relay that includes the centre's microphone leaves it the centre's to end.
        rig.command(.relayFloor(.all, chair: "chủ trì", via: .voice), from: technician)
        #expect(rig.command(.endFloor(.microphone(name: "chair")), from: technician).refusals.first?.contains("only the centre ends it") == true)
        #expect(rig.command(.endFloor(.microphone(name: "mic2")), from: technician).refusals.isEmpty)
    }

    // A centre's grant replaces a recorded one: it is the centre's from then on.
    @Test func theCentresGrantTakesOverARecordedOne() {
        var rig = inOfficialSession()
        rig.command(.relayFloor(.microphone(name: "mic2"), chair: "chủ trì", via: .phone), from: technician)
        rig.command(.grantFloor(.microphone(name: "mic2")))
        #expect(rig.command(.endFloor(nil), from: technician).refusals.count == 1)
    }

    // R9: requests queue, are acknowledged, withdrawn, and answered by the grant that covers them.
    @Test func requestsToSpeakQueueUntilAGrantCoversThem() {
        var rig = inOfficialSession()
        let raised = rig.command(.raiseHand(microphone: "mic2"), from: technician)
        #expect(raised.records == [.floorRequested(number: 1, microphone: "mic2", by: technician.description)])
        #expect(raised.microphoneSettings.isEmpty, "asking for the floor does not take it (R9)")
        rig.send(.keypad(.raiseHand))
        #expect(rig.state.requests.map(\.summary) == ["1:mic2:raised", "2:-:raised"])
        // The same microphone cannot ask twice.
        #expect(rig.command(.raiseHand(microphone: "mic2"), from: technician).refusals.first?.contains("request 1 is waiting") == true)
        #expect(rig.command(.raiseHand(microphone: "nobody"), from: technician).refusals.first?.contains("no microphone") == true)
        // The centre sees it.
        let seen = rig.command(.acknowledgeRequest(1))
        #expect(seen.records == [.floorRequestAnswered(number: 1, outcome: .acknowledged, by: mcu.description)])
        #expect(rig.state.requests.map(\.summary) == ["1:mic2:acknowledged", "2:-:raised"])
        // A grant to mic3 answers the room's request, not mic2's.
        let granted = rig.command(.grantFloor(.microphone(name: "mic3")))
        #expect(granted.records.contains(.floorRequestAnswered(number: 2, outcome: .granted, by: mcu.description)))
        #expect(rig.state.requests.map(\.number) == [1])
        // Withdrawn; an unknown number is refused with the ones waiting.
        #expect(rig.command(.withdrawRequest(9), from: technician).refusals.first?.contains("waiting: 1") == true)
        rig.command(.withdrawRequest(1), from: technician)
        #expect(rig.state.requests.isEmpty)
        #expect(rig.command(.acknowledgeRequest(1)).refusals.first?.contains("none is") == true)
    }

    // R9 and R6: what still waits at the end of the meeting lapses.
    @Test func waitingRequestsLapseWhenTheMeetingEnds() {
        var rig = inOfficialSession()
        rig.command(.raiseHand(microphone: "chair"), from: technician)
        let ended = rig.command(.endMeeting, from: technician)
        #expect(ended.records.contains(.floorRequestAnswered(number: 1, outcome: .lapsed, by: "rules")))
        #expect(rig.state.requests.isEmpty)
    }

    // A recorded grant for the microphone answers its request too.
    @Test func aRecordedGrantAnswersTheRequest() {
        var rig = inOfficialSession()
        rig.command(.raiseHand(microphone: "mic3"), from: technician)
        let relayed = rig.command(.relayFloor(.microphone(name: "mic3"), chair: "chủ trì", via: .voice), from: technician)
        #expect(relayed.events.contains { if case .floorRequest(_, .granted, _) = $0 { true } else { false } })
        #expect(rig.state.requests.isEmpty)
    }

    // A room whose centre runs no DiemCau client: the MCU's unmute through the terminal is the chair's call.
    @Test func theTerminalsUnmuteGrantsTheFloorWhereThePolicySaysSo() {
        var setup = demoSetup
        setup.terminalUnmuteGrants = .group(name: "delegates")
        var rig = inOfficialSession(setup)
        // No call yet: the terminal's unmute (its remote, a restart) is not the chair's call.
        rig.send(.terminal(.nearMute(true)))
        #expect(rig.send(.terminal(.nearMute(false))).microphoneSettings.isEmpty)
        rig.send(.terminal(.call(CallChange(state: .connected, callID: "1", direction: .incoming, remote: "MCU"))))
        rig.send(.terminal(.nearMute(true)))
        let unmuted = rig.send(.terminal(.nearMute(false)))
        #expect(Set(unmuted.microphoneSettings.filter { !$0.muted }.map(\.channel)) == ["mic2", "mic3"])
        #expect(rig.state.floor.channels == ["mic2", "mic3"])
        #expect(unmuted.records.contains(.floorGranted(target: .group(name: "delegates"), channels: ["mic2", "mic3"], by: "the centre, through the terminal")))
        let muted = rig.send(.terminal(.nearMute(true)))
        #expect(rig.state.floor.isEmpty && rig.state.openChannels.isEmpty)
        #expect(muted.records.contains(.floorEnded(channels: ["mic2", "mic3"], by: "the centre, through the terminal")))
        // Without the policy, the terminal's unmute opens nothing that had no grant (R2).
        var strict = inOfficialSession()
        strict.send(.terminal(.nearMute(true)))
        #expect(strict.send(.terminal(.nearMute(false))).microphoneSettings.isEmpty)
        // Outside a session the policy does not open microphones either.
        var idle = Rig(setup)
        idle.send(.terminal(.nearMute(true)))
        #expect(idle.send(.terminal(.nearMute(false))).microphoneSettings.isEmpty)
    }
}
