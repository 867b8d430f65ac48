import Foundation
@testable import Room
import Testing

/// A meeting the technician enters from the paper invitation (R5), and the
/// centre's entries taking precedence over it.
@Suite struct InvitationScheduleTests {
    private let start = t0.addingTimeInterval(4 * 3600)

    @Test func theTechnicianEntersAMeetingAndTheRoomPreparesForIt() {
        var rig = Rig()
        let meeting = Meeting(id: "GM-1", priority: .peoplesCommittee, startsAt: start)
        let entered = rig.command(.schedule(meeting), from: technician)
        #expect(entered.refusals.isEmpty)
        #expect(rig.state.schedule.map(\.fromInvitation) == [true])
        // Its lead time runs the readiness test like the centre's would (R5).
        let due = rig.advance(to: start.addingTimeInterval(-3600))
        #expect(!due.readinessChecks.isEmpty)
    }

    @Test func theCentresEntryTakesPrecedence() {
        var rig = Rig()
        // The centre's meeting stands against the technician's entry of the same id ...
        rig.command(.schedule(Meeting(id: "HN-12", priority: .district, startsAt: start)))
        let replaced = rig.command(.schedule(Meeting(id: "HN-12", priority: .centralGovernment, startsAt: start)), from: technician)
        #expect(replaced.refusals.first?.contains("its entry stands") == true)
        #expect(rig.state.schedule.first?.meeting.priority == .district)
        #expect(rig.command(.cancelMeeting(id: "HN-12"), from: technician).refusals.first?.contains("only the centre") == true)
        // ... and displaces an overlapping invitation, whatever the ranks (R10 among the centre's own).
        rig.command(.schedule(Meeting(id: "PAPER-3", priority: .centralGovernment, startsAt: start.addingTimeInterval(600))), from: technician)
        #expect(rig.state.schedule.first { $0.meeting.id == "PAPER-3" }?.displacedBy == "HN-12")
        // The centre's entry of the same id replaces an invitation.
        rig.command(.schedule(Meeting(id: "PAPER-3", priority: .peoplesCouncil, startsAt: start.addingTimeInterval(600))))
        #expect(rig.state.schedule.first { $0.meeting.id == "PAPER-3" }?.fromInvitation == false)
        // The technician cancels only an invitation.
        rig.command(.schedule(Meeting(id: "PAPER-4", priority: .district, startsAt: start.addingTimeInterval(86_400))), from: technician)
        #expect(rig.command(.cancelMeeting(id: "PAPER-4"), from: technician).refusals.isEmpty)
    }

    @Test func theLastReadinessResultIsKeptWithTheMeeting() {
        var rig = Rig()
        rig.command(.schedule(Meeting(id: "HN-12", priority: .district, startsAt: start)))
        #expect(rig.state.schedule.first?.readinessPassed == nil)
        let report = ReadinessReport(checks: [ReadinessCheck(name: "camera", passed: false, detail: "no answer")], trigger: .hourBeforeStart(meeting: "HN-12"))
        rig.send(.readiness(report))
        #expect(rig.state.schedule.first?.readinessPassed == false)
    }
}
