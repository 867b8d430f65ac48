import Foundation
import Testing
@testable import Room

/// Issue 7's meeting workflow with an injected clock: phases, the schedule's
/// readiness tests (R5, R10), the end of the meeting (R6), the lock (R7),
/// identity (R8) and raising a hand (R9).
@Suite struct WorkflowTests {
    let hour: TimeInterval = 3600

    @Test func phasesAreLoggedAndSessionsOpenAndClose() {
        var rig = Rig()
        rig.command(.schedule(Meeting(id: "HN-12", priority: .peoplesCommittee, startsAt: t0.addingTimeInterval(2 * hour))))
        rig.command(.setPhase(.preparation), from: technician)
        let test = rig.command(.setPhase(.technicalTest), from: technician)
        #expect(test.records.contains(.phaseChanged(from: .preparation, to: .technicalTest, by: technician.description)))
        #expect(test.records.contains(.sessionStarted(kind: .test, meeting: "HN-12")))
        #expect(test.events.contains(.phaseChanged(phase: .technicalTest, by: technician.description)))
        rig.now = t0.addingTimeInterval(2 * hour)
        let official = rig.command(.setPhase(.official))
        #expect(official.records.prefix(2) == [
            .sessionEnded(kind: .test, meeting: "HN-12"),
            .phaseChanged(from: .technicalTest, to: .official, by: mcu.description),
        ])
        #expect(official.records.contains(.sessionStarted(kind: .official, meeting: "HN-12")))
        #expect(rig.state.session == OpenSession(kind: .official, meeting: "HN-12", startedAt: rig.now))
        #expect(rig.command(.setPhase(.official)).refusals == ["the room is already in official"])
        #expect(rig.command(.setPhase(.preparation), from: observer).refusals.count == 1)
    }

    @Test func endingTheMeetingMutesEverythingAndPutsTheCameraAway() {
        var rig = Rig()
        rig.command(.setPhase(.official))
        rig.command(.grantFloor(.group(name: "delegates")))
        rig.now = t0.addingTimeInterval(hour)
        let end = rig.command(.endMeeting, from: technician)
        #expect(end.microphoneSettings.map(\.channel) == ["chair", "mic2", "mic3"])
        #expect(end.microphoneSettings.allSatisfy { $0.muted })
        #expect(end.cameraOrders == [recall(5, "privacy"), .standby], "privacy, then standby, and no wide shot (R6)")
        #expect(end.records.contains(.sessionEnded(kind: .official, meeting: nil)))
        #expect(end.records.contains(.floorEnded(channels: ["mic2", "mic3"], by: technician.description)))
        #expect(rig.state.phase == .ended)
        #expect(rig.state.session == nil)
        #expect(rig.state.floor.isEmpty && !rig.state.anyMicrophoneOpen)
        #expect(rig.state.cameraInStandby)
        // The next meeting's preparation wakes the camera.
        #expect(rig.command(.setPhase(.preparation), from: technician).cameraOrders == [.powerOn])
    }

    @Test func storingPresetsIsLockedDuringTheOfficialSession() {
        var rig = Rig()
        rig.command(.setPhase(.preparation), from: technician)
        #expect(rig.send(.keypad(.storePreset(4))).cameraOrders == [.store(preset: Preset(slot: 4))])
        rig.command(.setPhase(.official))
        let chord = rig.send(.keypad(.storePreset(4)))
        #expect(chord.cameraOrders.isEmpty)
        #expect(chord.refusals.first?.contains("locked (R7)") == true)
        #expect(chord.records.contains { if case .refused("camera: store preset 4", "technician keypad", _, _, _) = $0 { true } else { false } })
        let fromCentre = rig.command(.camera(.store(preset: Preset(slot: 1, name: "chair"))))
        #expect(fromCentre.cameraOrders.isEmpty, "the lock holds for everyone")
        let setting = rig.command(.configure(.unmutePolicy(policy: .relaxed)), from: technician)
        #expect(setting.refusals.count == 1)
        #expect(rig.state.setup.unmutePolicy == .strict)
        // Recalling and moving stay allowed: that is what the keypad is for.
        #expect(rig.send(.keypad(.recallPreset(2))).cameraOrders == [recall(2, "left")])
        #expect(rig.send(.keypad(.zoomStart(.tele))).cameraOrders == [.zoomStart(direction: .tele)])
        #expect(rig.send(.keypad(.zoomStop)).cameraOrders == [.zoomStop])
        // The centre switches back to preparation (R7: the technician may not), and the lock lifts.
        rig.command(.setPhase(.preparation), from: mcu)
        #expect(rig.send(.keypad(.storePreset(4))).cameraOrders == [.store(preset: Preset(slot: 4))])
        let changed = rig.command(.configure(.microphonePreset(channel: "mic3", preset: "chair")), from: technician)
        #expect(changed.records == [.settingChanged(change: .microphonePreset(channel: "mic3", preset: "chair"), by: technician.description)])
        #expect(rig.state.setup.microphone(named: "mic3")?.preset == "chair")
        #expect(rig.command(.configure(.widePreset(name: "balcony")), from: technician).refusals.first?.hasPrefix("no such preset") == true)
    }

    @Test func theKeypadRecallsPresetsAndTheWideShotAndRaisesAHand() {
        var rig = Rig()
        #expect(rig.send(.keypad(.recallPreset(1))).cameraOrders == [recall(1, "chair")])
        #expect(rig.send(.keypad(.recallPreset(9))).cameraOrders == [.recall(preset: Preset(slot: 9))])
        #expect(rig.send(.keypad(.wideShot)).cameraOrders == [recall(0, "wide")])
        #expect(rig.send(.keypad(.panTiltStart(.left))).cameraOrders == [.panTiltStart(direction: .left)])
        let hand = rig.send(.keypad(.raiseHand))
        let request = FloorRequest(number: 1, microphone: nil, raisedBy: "technician keypad", raisedAt: rig.now)
        #expect(hand.events == [.floorRequest(request, outcome: nil, by: "technician keypad")])
        #expect(hand.records == [.floorRequested(number: 1, microphone: nil, by: "technician keypad")])
        #expect(hand.microphoneSettings.isEmpty, "asking for the floor does not take it (R9)")
    }

    @Test func theIdentityIsReportedOnRequest() {
        var rig = Rig()
        let effects = rig.command(.reportIdentity, from: observer)
        #expect(effects.events == [.identity(room: demoSetup.identity)])
        #expect(effects.records == [.identityReported(to: observer.description)])
    }

    @Test func theScheduleRunsReadinessAtTheTestTimeAndAnHourBeforeTheStart() {
        var rig = Rig()
        let start = t0.addingTimeInterval(24 * hour)
        let test = t0.addingTimeInterval(4 * hour)
        let meeting = Meeting(id: "TU-7", priority: .provinceParty, testAt: test, startsAt: start)
        #expect(rig.command(.schedule(meeting)).records == [.scheduled(meeting: meeting, by: mcu.description)])
        #expect(rig.state.nextWakeUp == test)
        #expect(rig.advance(to: test.addingTimeInterval(-1)).readinessChecks.isEmpty)
        let atTest = rig.advance(to: test)
        #expect(atTest.readinessChecks == [.testTime(meeting: "TU-7")])
        #expect(rig.advance(to: test.addingTimeInterval(60)).readinessChecks.isEmpty, "once only")
        #expect(rig.state.nextWakeUp == start.addingTimeInterval(-hour))
        // One hour before: the room is not in the call, and it does not dial.
        let hourBefore = rig.advance(to: start.addingTimeInterval(-hour))
        #expect(hourBefore.readinessChecks == [.hourBeforeStart(meeting: "TU-7")])
        #expect(hourBefore.records.contains(.hourBeforeStart(meeting: "TU-7", inCall: false)))
        #expect(hourBefore.events.contains(.hourBeforeStart(meeting: "TU-7", inCall: false)))
        #expect(hourBefore.authorisations.isEmpty)
        #expect(rig.state.nextWakeUp == nil)
    }

    @Test func theHourCheckNotesThatTheRoomWasInTheCall() {
        var rig = Rig()
        let start = t0.addingTimeInterval(3 * hour)
        rig.command(.schedule(Meeting(id: "UB-3", priority: .peoplesCommittee, startsAt: start)))
        rig.command(.call(.dial(number: "mcu", protocol: nil, rateKbps: nil)))
        rig.send(.terminal(.call(CallChange(state: .connected, direction: .outgoing))))
        // A late tick still runs the check, once.
        let effects = rig.advance(to: start.addingTimeInterval(-hour + 90))
        #expect(effects.records.contains(.hourBeforeStart(meeting: "UB-3", inCall: true)))
        #expect(rig.advance(to: start).records.isEmpty)
    }

    @Test func aMeetingSentAfterItsStartHasNothingLeftToCheck() {
        var rig = Rig()
        rig.command(.schedule(Meeting(id: "late", priority: .district, startsAt: t0.addingTimeInterval(-60))))
        #expect(rig.advance(to: t0.addingTimeInterval(60)).readinessChecks.isEmpty)
    }

    @Test func overlappingMeetingsFlagTheHigherPriority() {
        var rig = Rig()
        let start = t0.addingTimeInterval(5 * hour)
        rig.command(.schedule(Meeting(id: "district", priority: .district, startsAt: start)))
        let central = rig.command(.schedule(Meeting(
            id: "central", priority: .centralGovernment, startsAt: start.addingTimeInterval(hour),
            endsAt: start.addingTimeInterval(2 * hour))))
        #expect(central.records.contains(.scheduleConflict(preferred: "central", other: "district")))
        #expect(central.events == [.scheduleConflict(preferred: "central", other: "district")])
        #expect(rig.state.schedule.first { $0.meeting.id == "district" }?.displacedBy == "central")
        // A meeting that does not overlap raises nothing.
        let later = rig.command(.schedule(Meeting(id: "council", priority: .peoplesCouncil, startsAt: start.addingTimeInterval(10 * hour))))
        #expect(later.events.isEmpty)
        // A lower-priority newcomer is the one displaced.
        let lower = rig.command(.schedule(Meeting(id: "committee", priority: .peoplesCommittee, startsAt: start.addingTimeInterval(10 * hour))))
        #expect(lower.events == [.scheduleConflict(preferred: "council", other: "committee")])
        #expect(rig.state.currentMeeting(at: t0)?.id == "central")
        // Cancelling the winner clears the flag.
        rig.command(.cancelMeeting(id: "central"))
        #expect(rig.state.schedule.first { $0.meeting.id == "district" }?.displacedBy == nil)
        #expect(rig.command(.cancelMeeting(id: "central")).refusals.first?.hasPrefix("no meeting \"central\"") == true)
    }

    @Test func aCameraThatComesBackFramesTheSpeaker() {
        var rig = Rig()
        rig.send(.camera(.offline("/dev/ttyUSB0 is gone")))
        let grant = rig.command(.grantFloor(.microphone(name: "mic3")))
        #expect(grant.cameraOrders.isEmpty, "no orders to a camera that is not there")
        #expect(rig.send(.camera(.online)).cameraOrders == [recall(3, "right")])
    }

    @Test func meetingsLongOverLeaveTheSchedule() {
        var rig = Rig()
        rig.command(.schedule(Meeting(id: "old", priority: .district, startsAt: t0.addingTimeInterval(hour), endsAt: t0.addingTimeInterval(2 * hour))))
        rig.advance(to: t0.addingTimeInterval(2 * hour + 86_000))
        #expect(rig.state.schedule.map(\.meeting.id) == ["old"])
        rig.advance(to: t0.addingTimeInterval(2 * hour + 86_401))
        #expect(rig.state.schedule.isEmpty)
    }

    @Test func theOrderOfPrioritiesFollowsTheRegulations() {
        #expect(MeetingPriority.allCases.sorted(by: >) == [
            .centralGovernment, .provinceParty, .peoplesCouncil, .peoplesCommittee, .district,
        ])
    }

    @Test func aReadinessReportIsLoggedAndAFailureIsAnIncident() throws {
        var rig = Rig()
        let asked = rig.command(.checkReadiness, from: technician)
        #expect(asked.readinessChecks == [.requested(by: technician.description)])
        let pass = ReadinessReport(
            checks: [ReadinessCheck(name: "camera", passed: true, detail: "answers, powered")],
            trigger: .requested(by: technician.description))
        let passed = rig.send(.readiness(pass))
        #expect(passed.records == [.readiness(report: pass)])
        #expect(passed.incidents.isEmpty)
        let fail = ReadinessReport(
            checks: [
                ReadinessCheck(name: "camera", passed: true, detail: "answers, powered"),
                ReadinessCheck(name: "terminal registered", passed: false, detail: "gatekeeper Rejected: check the H.323 ID"),
            ],
            trigger: .hourBeforeStart(meeting: "HN-1"))
        let failed = rig.send(.readiness(fail))
        #expect(failed.incidents.map(\.kind) == [.readinessFailed])
        #expect(failed.incidents.first?.detail
            == "readiness test failed (one hour before meeting HN-1): terminal registered: gatekeeper Rejected: check the H.323 ID")
        #expect(rig.send(.readiness(ReadinessReport(checks: [], trigger: .requested(by: "x")))).incidents.count == 1)
        // The failed checks' details are told in the reader's language, as the incident's own words.
        let standby = ReadinessReport(
            ReadinessObservations(
                cameraAnswers: true, cameraPowered: false, microphones: [], terminalAnswers: true, terminalRegistered: true,
                terminalDetail: "H.323 Registered", logbookFreeBytes: ReadinessReport.minimumFreeBytes),
            trigger: .requested(by: "x"))
        let incident = try #require(rig.send(.readiness(standby)).incidents.first)
        #expect(incident.detail == "readiness test failed (requested by x): camera: answers but is in standby: switch it on before the test", "\(incident.detail)")
        let vietnamese = try #require(incident.said).said(in: .vi)
        #expect(vietnamese.hasSuffix("camera: có trả lời nhưng đang ở chế độ chờ: bật camera trước khi kiểm tra"), "\(vietnamese)")
    }

    @Test func theStateAndTheLogbookEntriesAreCodable() throws {
        var rig = Rig()
        rig.command(.schedule(Meeting(id: "A", priority: .district, startsAt: t0.addingTimeInterval(7200))))
        rig.command(.grantFloor(.microphone(name: "chair")))
        let data = try JSONEncoder().encode(rig.state)
        #expect(try JSONDecoder().decode(State.self, from: data) == rig.state)
        let entries = rig.effects.compactMap { if case .log(let entry) = $0 { entry } else { nil } }
        let decoded = try entries.map { try JSONDecoder().decode(LogEntry.self, from: JSONEncoder().encode($0)) }
        #expect(decoded == entries)
    }
}

/// The end of a meeting and the official session's phase (R6, R7).
@Suite struct MeetingEndTests {
    /// 001 Art. 9.2c and e: the room checks everything before it is disconnected,
    /// but never hangs up on its own; the centre ends the call, and is told it is still up.
    @Test func endingTheMeetingWithTheCallUpWarnsAndDoesNotHangUp() {
        var rig = Rig()
        rig.send(.terminal(.call(CallChange(state: .connected, callID: "1", direction: .incoming, remote: "10.10.0.1"))))
        let end = rig.command(.endMeeting, from: technician)
        #expect(end.authorisations.isEmpty, "the room does not hang up on its own (R1)")
        #expect(end.events.contains(.callStillUp(state: .connected, remote: "10.10.0.1")))
        #expect(end.records.contains { if case .note(let text, "rules") = $0 { text.contains("still connected") } else { false } })
        // With no call there is nothing to say.
        var quiet = Rig()
        #expect(!quiet.command(.endMeeting, from: technician).events.contains { if case .callStillUp = $0 { true } else { false } })
    }

    /// 001 Art. 3, 004 Art. 5.6 (R7): once official, going back to preparation
    /// (where settings may change) is the centre's decision; ending is not refused.
    @Test func leavingTheOfficialSessionBackwardsIsTheCentres() {
        var rig = Rig()
        rig.command(.setPhase(.official), from: mcu)
        #expect(rig.command(.setPhase(.preparation), from: technician).refusals.first?.contains("MCU centre's decision (R7)") == true)
        #expect(rig.state.phase == .official)
        #expect(rig.command(.setPhase(.technicalTest), from: technician).refusals.count == 1)
        #expect(rig.command(.setPhase(.preparation), from: mcu).refusals.isEmpty)
        #expect(rig.state.phase == .preparation)
        rig.command(.setPhase(.official), from: technician)
        #expect(rig.command(.endMeeting, from: technician).refusals.isEmpty, "ending the meeting stays the technician's")
    }
}
