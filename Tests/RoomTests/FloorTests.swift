import Foundation
import Localization
import Testing
@testable import Room

/// R2: microphones are on only when the chair asks; R3: the camera frames the speaker.
@Suite struct FloorTests {
    @Test func startingMutesEveryMicrophoneAndFramesTheRoom() {
        var rig = Rig()
        let effects = rig.send(.started)
        #expect(effects.microphoneSettings.map(\.channel) == ["chair", "mic2", "mic3"])
        #expect(effects.microphoneSettings.allSatisfy { $0.muted })
        #expect(effects.cameraOrders == [recall(0, "wide")])
        #expect(effects.records.contains(.started(room: "UBND xã Tân Lập")))
        #expect(!rig.state.anyMicrophoneOpen)
    }

    @Test func grantToOneMicrophoneOpensItAndRecallsItsPreset() {
        var rig = Rig()
        let effects = rig.command(.grantFloor(.microphone(name: "mic2")))
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic2=false"])
        #expect(effects.cameraOrders == [recall(2, "left")])
        #expect(effects.records.contains(.floorGranted(target: .microphone(name: "mic2"), channels: ["mic2"], by: mcu.description)))
        let reason = Message("floor granted to {target}", parts: ["target": Message("microphone {name}", ["name": "mic2"])])
        #expect(effects.records.contains(
            .microphone(channel: "mic2", muted: false, by: mcu.description, reason: "floor granted to microphone mic2", said: reason)))
        #expect(effects.records.contains { $0.text(in: .vi).hasSuffix(": cho phép micro mic2 phát biểu") }, "the reason in the reader's language")
        #expect(rig.state.floor.channels == ["mic2"])
        #expect(rig.state.openChannels == ["mic2"])
    }

    @Test func aNewGrantReplacesTheOldOne() {
        var rig = Rig()
        rig.command(.grantFloor(.microphone(name: "mic2")))
        let effects = rig.command(.grantFloor(.microphone(name: "chair")))
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic2=true", "chair=false"])
        #expect(effects.cameraOrders == [recall(1, "chair")])
        #expect(rig.state.floor.channels == ["chair"])
    }

    @Test func groupAndAllGrantsFrameTheWholeRoom() {
        var rig = Rig()
        let group = rig.command(.grantFloor(.group(name: "delegates")))
        #expect(Set(group.microphoneSettings.map(\.channel)) == ["mic2", "mic3"])
        #expect(group.cameraOrders == [recall(0, "wide")])
        let all = rig.command(.grantFloor(.all))
        #expect(all.microphoneSettings.map(\.channel) == ["chair"])
        #expect(rig.state.openChannels == ["chair", "mic2", "mic3"])
    }

    @Test func endingTheFloorMutesAndReturnsTheCameraToTheWideShot() {
        var rig = Rig()
        rig.command(.grantFloor(.microphone(name: "mic3")))
        let effects = rig.command(.endFloor(nil))
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic3=true"])
        #expect(effects.cameraOrders == [recall(0, "wide")])
        #expect(effects.records.contains(.floorEnded(channels: ["mic3"], by: mcu.description)))
        #expect(rig.state.floor.isEmpty)
    }

    @Test func theWideShotWaitsUntilEveryMicrophoneIsMuted() {
        var rig = Rig()
        rig.command(.grantFloor(.group(name: "delegates")))
        let first = rig.command(.endFloor(.microphone(name: "mic2")))
        #expect(first.cameraOrders.isEmpty)
        let second = rig.command(.mute(channel: "mic3"))
        #expect(second.cameraOrders == [recall(0, "wide")])
        #expect(rig.state.floor.isEmpty, "a mute from the centre ends that channel's floor")
    }

    @Test func aLocalUnmuteWithoutAGrantIsRefusedAndLogged() {
        var rig = Rig()
        let effects = rig.command(.unmute(channel: "chair"), from: technician)
        #expect(effects.microphoneSettings.isEmpty)
        #expect(effects.refusals.count == 1)
        #expect(effects.refusals[0].contains("no floor grant"))
        #expect(effects.records.contains {
            if case .refused("unmute chair", technician.description, _, _, _) = $0 { true } else { false }
        })
        #expect(rig.state.muted["chair"] == true)
    }

    @Test func theTechnicianMayReopenAMicrophoneWithinTheGrant() {
        var rig = Rig()
        rig.command(.grantFloor(.microphone(name: "chair")))
        rig.command(.mute(channel: "chair"), from: technician)
        #expect(rig.state.floor.channels == ["chair"], "a technician's mute keeps the centre's grant")
        let effects = rig.command(.unmute(channel: "chair"), from: technician)
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["chair=false"])
        #expect(effects.refusals.isEmpty)
    }

    @Test func theRelaxedPolicyLetsTheTechnicianOpenAMicrophone() {
        var setup = demoSetup
        setup.unmutePolicy = .relaxed
        var rig = Rig(setup)
        let effects = rig.command(.unmute(channel: "mic3"), from: technician)
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic3=false"])
        #expect(effects.cameraOrders == [recall(3, "right")])
        #expect(effects.records.contains {
            if case .microphone("mic3", false, _, let reason, _) = $0 { reason.contains("relaxed") } else { false }
        })
    }

    @Test func anUnmuteFromTheCentreIsAGrant() {
        var rig = Rig()
        rig.command(.grantFloor(.microphone(name: "chair")))
        let effects = rig.command(.unmute(channel: "mic2"))
        #expect(rig.state.floor.channels == ["chair", "mic2"])
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic2=false"])
        #expect(effects.cameraOrders == [recall(2, "left")])
    }

    @Test func anOutsideUnmuteWithoutAGrantIsRevertedAndLogged() {
        var rig = Rig()
        let effects = rig.send(.mixerChanged(channel: "mic2", muted: false))
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic2=true"])
        #expect(effects.events.contains(.unmuteReverted(channel: "mic2")))
        #expect(effects.records.contains {
            if case .microphone("mic2", true, "rules", let reason, _) = $0 { reason.contains("without a floor grant") } else { false }
        })
        #expect(rig.state.muted["mic2"] == true)
    }

    @Test func anOutsideChangeWithinTheGrantIsAcceptedAndAnEchoIgnored() {
        var rig = Rig()
        rig.command(.grantFloor(.microphone(name: "mic2")))
        #expect(rig.send(.mixerChanged(channel: "mic2", muted: false)).isEmpty, "the echo of our own unmute")
        let closed = rig.send(.mixerChanged(channel: "mic2", muted: true))
        #expect(closed.microphoneSettings.isEmpty)
        #expect(closed.cameraOrders == [recall(0, "wide")])
        let reopened = rig.send(.mixerChanged(channel: "mic2", muted: false))
        #expect(reopened.microphoneSettings.isEmpty)
        #expect(rig.state.muted["mic2"] == false)
    }

    @Test func theRelaxedPolicyLeavesAnOutsideUnmuteAlone() {
        var setup = demoSetup
        setup.unmutePolicy = .relaxed
        var rig = Rig(setup)
        let effects = rig.send(.mixerChanged(channel: "mic3", muted: false))
        #expect(effects.microphoneSettings.isEmpty)
        #expect(rig.state.muted["mic3"] == false)
        #expect(effects.records.count == 1)
    }

    @Test func theTerminalsNearMuteIsMirrored() {
        var rig = Rig()
        rig.command(.grantFloor(.group(name: "delegates")))
        let muted = rig.send(.terminal(.nearMute(true)))
        #expect(Set(muted.microphoneSettings.map(\.channel)) == ["mic2", "mic3"])
        #expect(muted.microphoneSettings.allSatisfy { $0.muted })
        #expect(muted.records.contains(.nearMute(muted: true)))
        let unmuted = rig.send(.terminal(.nearMute(false)))
        #expect(Set(unmuted.microphoneSettings.map(\.channel)) == ["mic2", "mic3"])
        #expect(unmuted.microphoneSettings.allSatisfy { !$0.muted })
    }

    @Test func aNearUnmuteDoesNotOpenMicrophonesWithoutAGrant() {
        var rig = Rig()
        rig.command(.grantFloor(.microphone(name: "chair")))
        rig.send(.terminal(.nearMute(true)))
        rig.command(.endFloor(nil))
        let effects = rig.send(.terminal(.nearMute(false)))
        #expect(effects.microphoneSettings.isEmpty)
        #expect(!rig.state.anyMicrophoneOpen)
    }

    @Test func unknownMicrophonesAndGroupsAreRefusedWithTheKnownNames() {
        var rig = Rig()
        let mic = rig.command(.grantFloor(.microphone(name: "mic9")))
        #expect(mic.refusals == ["the room has no microphone \"mic9\"; its microphones are: chair, mic2, mic3"])
        let group = rig.command(.grantFloor(.group(name: "press")))
        #expect(group.refusals == ["the room has no microphone group \"press\"; its groups are: delegates"])
        #expect(rig.state.floor.isEmpty)
    }

    @Test func onlyTheCentreGrantsTheFloor() {
        var rig = Rig()
        for client in [technician, observer] {
            let effects = rig.command(.grantFloor(.all), from: client)
            #expect(effects.microphoneSettings.isEmpty)
            #expect(effects.refusals.count == 1)
        }
        #expect(rig.state.floor.isEmpty)
    }

    @Test func aMicrophoneWithoutAPresetLeavesTheCameraAlone() {
        var setup = demoSetup
        setup.microphones[1].preset = nil
        var rig = Rig(setup)
        #expect(rig.command(.grantFloor(.microphone(name: "mic2"))).cameraOrders.isEmpty)
    }
}

/// Found by the property test: the relaxed policy must not leave microphones
/// open past a grant or a switch back to the strict policy.
@Suite struct PolicySwitchTests {
    @Test func switchingBackToStrictClosesMicrophonesWithoutAGrant() {
        var setup = demoSetup
        setup.unmutePolicy = .relaxed
        var rig = Rig(setup)
        rig.command(.grantFloor(.microphone(name: "chair")))
        rig.command(.unmute(channel: "mic2"), from: technician)
        rig.command(.setPhase(.preparation), from: technician)
        let effects = rig.command(.configure(.unmutePolicy(policy: .strict)), from: technician)
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic2=true"])
        #expect(rig.state.openChannels == ["chair"])
    }

    @Test func aGrantClosesEveryMicrophoneOutsideIt() {
        var setup = demoSetup
        setup.unmutePolicy = .relaxed
        var rig = Rig(setup)
        rig.command(.unmute(channel: "mic3"), from: technician)
        let effects = rig.command(.grantFloor(.microphone(name: "mic2")))
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic3=true", "mic2=false"])
    }
}

/// The all-channel commands and the names the control protocol uses.
@Suite struct AllChannelTests {
    @Test func muteAllClosesEveryChannelAndFromTheCentreEndsTheFloor() {
        var rig = Rig()
        rig.command(.grantFloor(.group(name: "delegates")))
        let effects = rig.command(.muteAll)
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["chair=true", "mic2=true", "mic3=true"])
        #expect(effects.records.contains(.floorEnded(channels: ["mic2", "mic3"], by: mcu.description)))
        #expect(effects.cameraOrders == [recall(0, "wide")])
        #expect(rig.state.floor.isEmpty)
    }

    @Test func unmuteAllFromTheTechnicianOpensOnlyGrantedChannels() {
        var rig = Rig()
        #expect(rig.command(.unmuteAll, from: technician).refusals.count == 1)
        rig.command(.grantFloor(.microphone(name: "mic3")))
        rig.command(.mute(channel: "mic3"), from: technician)
        let effects = rig.command(.unmuteAll, from: technician)
        #expect(effects.microphoneSettings.map { "\($0.channel)=\($0.muted)" } == ["mic3=false"])
        let fromCentre = rig.command(.unmuteAll)
        #expect(fromCentre.microphoneSettings.map(\.channel) == ["chair", "mic2"])
        #expect(rig.state.floor.channels == ["chair", "mic2", "mic3"])
    }

    @Test func namesResolveToFloorTargetsAndPresets() {
        #expect(demoSetup.floorTarget(named: "all") == .all)
        #expect(demoSetup.floorTarget(named: "mic2") == .microphone(name: "mic2"))
        #expect(demoSetup.floorTarget(named: "delegates") == .group(name: "delegates"))
        #expect(demoSetup.floorTarget(named: "press") == nil)
        #expect(demoSetup.preset(matching: "left") == Preset(slot: 2, name: "left"))
        #expect(demoSetup.preset(matching: "3") == Preset(slot: 3, name: "right"))
        #expect(demoSetup.preset(matching: "7") == Preset(slot: 7))
        #expect(demoSetup.preset(matching: "balcony") == nil)
    }

    @Test func notesAndReportedFaultsGoToTheLogbook() {
        var rig = Rig()
        let note = rig.command(.note("delegates seated, sound checked"), from: technician)
        #expect(note.records == [.note(text: "delegates seated, sound checked", by: technician.description)])
        let fault = rig.command(.reportFault("projector lamp failed"), from: technician)
        #expect(fault.incidents.map(\.kind) == [.reported])
        #expect(fault.alerts.count == 1)
    }
}

/// A room with two cameras, one per side of the table: each microphone is
/// framed by the camera that has its preset; the wide shot and the privacy
/// preset turn every camera that has one (R3, R6).
@Suite struct TwoCameraTests {
    static let setup = RoomSetup(
        identity: EndpointIdentity(roomName: "Phòng họp hai camera"),
        microphones: [MicSeat(name: "chair", preset: "chair"), MicSeat(name: "mic2", preset: "left")],
        presets: ["wide": 0, "chair": 1, "privacy": 5],
        otherCameras: [CameraBook(name: "side", presets: ["wide": 0, "left": 2])],
        widePreset: "wide",
        privacyPreset: "privacy")

    @Test func eachMicrophoneIsFramedByTheCameraThatHasItsPreset() {
        var rig = Rig(Self.setup)
        rig.send(.started)
        #expect(rig.command(.grantFloor(.microphone(name: "mic2"))).cameraOrders == [.recall(preset: Preset(slot: 2, name: "left", camera: "side"))])
        #expect(rig.command(.grantFloor(.microphone(name: "chair"))).cameraOrders == [.recall(preset: Preset(slot: 1, name: "chair"))])
    }

    @Test func theWideShotAndPrivacyTurnEveryCameraThatHasOne() {
        var rig = Rig(Self.setup)
        #expect(rig.send(.started).cameraOrders == [recall(0, "wide"), .recall(preset: Preset(slot: 0, name: "wide", camera: "side"))])
        rig.command(.grantFloor(.microphone(name: "mic2")))
        #expect(rig.command(.endFloor(nil)).cameraOrders == [recall(0, "wide"), .recall(preset: Preset(slot: 0, name: "wide", camera: "side"))])
        let end = rig.command(.endMeeting, from: technician).cameraOrders
        #expect(end.first == recall(5, "privacy"), "only the main camera has a privacy preset")
        #expect(!end.contains { if case .recall(let preset) = $0 { preset.camera == "side" } else { false } })
    }
}

extension TwoCameraTests {
    @Test func aCameraThatComesBackFramesWhatIsItsOwn() {
        var rig = Rig(Self.setup)
        rig.send(.started)
        rig.command(.grantFloor(.microphone(name: "mic2")))
        rig.send(.otherCamera(name: "side", .offline("no answer")))
        #expect(rig.state.faults == ["camera side offline"])
        // Back while mic2 (its preset) is open: it frames mic2 again.
        #expect(rig.send(.otherCamera(name: "side", .online)).cameraOrders == [.recall(preset: Preset(slot: 2, name: "left", camera: "side"))])
        // The main camera back while mic2 is open: mic2 is not its to frame, so its wide shot.
        rig.send(.camera(.offline("no answer")))
        #expect(rig.send(.camera(.online)).cameraOrders == [recall(0, "wide")])
    }
}
