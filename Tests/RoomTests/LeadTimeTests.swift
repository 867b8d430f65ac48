import Foundation
import Testing
@testable import Room

/// R5's lead times: the readiness test runs at each time the room's list
/// gives before a meeting's start, the seeds' times as the list's examples.
@Suite struct LeadTimeTests {
    let hour: TimeInterval = 3600

    func rig(_ leads: [LeadTime]) -> Rig {
        var setup = demoSetup
        setup.leadTimes = leads
        return Rig(setup)
    }

    @Test("the seeds' lead times: 1 day (001 Art. 7.2-7.3), half a day and 1 h (003 Art. 7.1b), 1.5 h (001 Art. 7.1), 10 min (000 Art. 6.1)")
    func theSeedsTimes() {
        #expect(LeadTime.seeds.map(\.minutesBefore) == [1440, 240, 90, 60, 10])
        #expect(LeadTime.seeds.map(\.article) == ["001 Art. 7.2-7.3", "003 Art. 7.1b", "001 Art. 7.1", "003 Art. 7.1b", "000 Art. 6.1"])
        #expect(LeadTime.defaults == [LeadTime(minutesBefore: 60, article: "003 Art. 7.1b")], "a room that lists none keeps the hour")
    }

    @Test("001 Art. 7.1: a province that tests 1.5 hours before gets its readiness test then, and the hour's in-call note only where the list has the hour")
    func ninetyMinutesBefore() {
        var rig = rig([LeadTime(minutesBefore: 90, article: "001 Art. 7.1")])
        let start = t0.addingTimeInterval(5 * hour)
        rig.command(.schedule(Meeting(id: "QN-1", priority: .peoplesCommittee, startsAt: start)))
        #expect(rig.state.nextWakeUp == start.addingTimeInterval(-90 * 60))
        #expect(rig.advance(to: start.addingTimeInterval(-90 * 60 - 1)).readinessChecks.isEmpty)
        let due = rig.advance(to: start.addingTimeInterval(-90 * 60))
        #expect(due.readinessChecks == [.beforeStart(meeting: "QN-1", minutes: 90, article: "001 Art. 7.1")])
        #expect(due.records.contains(.readinessRequested(trigger: .beforeStart(meeting: "QN-1", minutes: 90, article: "001 Art. 7.1"))))
        #expect(!due.records.contains { if case .hourBeforeStart = $0 { true } else { false } })
        #expect(rig.state.nextWakeUp == nil)
        #expect(ReadinessTrigger.beforeStart(meeting: "QN-1", minutes: 90, article: "001 Art. 7.1").description
            == "90 minutes before meeting QN-1 (001 Art. 7.1)")
    }

    @Test("003 Art. 7.1b and 000 Art. 6.1: half a day, 1 hour and 10 minutes before, each once, in order; the hour notes the call")
    func everyTimeOfTheList() {
        var rig = rig([
            LeadTime(minutesBefore: 10, article: "000 Art. 6.1"), LeadTime(minutesBefore: 240, article: "003 Art. 7.1b"),
            LeadTime(minutesBefore: 60, article: "003 Art. 7.1b"),
        ])
        let start = t0.addingTimeInterval(6 * hour)
        rig.command(.schedule(Meeting(id: "HN-2", priority: .provinceParty, startsAt: start)))
        #expect(rig.advance(to: start.addingTimeInterval(-4 * hour)).readinessChecks
            == [.beforeStart(meeting: "HN-2", minutes: 240, article: "003 Art. 7.1b")])
        let hourBefore = rig.advance(to: start.addingTimeInterval(-hour))
        #expect(hourBefore.readinessChecks == [.hourBeforeStart(meeting: "HN-2")])
        #expect(hourBefore.records.contains(.hourBeforeStart(meeting: "HN-2", inCall: false)))
        #expect(rig.advance(to: start.addingTimeInterval(-11 * 60)).readinessChecks.isEmpty, "once each")
        #expect(rig.advance(to: start.addingTimeInterval(-10 * 60)).readinessChecks
            == [.beforeStart(meeting: "HN-2", minutes: 10, article: "000 Art. 6.1")])
        #expect(rig.state.nextWakeUp == nil)
    }

    @Test("001 Art. 7.2-7.3: a meeting sent late runs one test for the times already passed, not one per time")
    func aLateMeetingRunsOneTest() {
        var rig = rig(LeadTime.seeds)
        let start = t0.addingTimeInterval(30 * 60)
        rig.command(.schedule(Meeting(id: "TW-9", priority: .centralGovernment, startsAt: start)))
        let now = rig.advance(to: t0)
        #expect(now.readinessChecks == [.hourBeforeStart(meeting: "TW-9")], "the day, half-day, 1.5 h and 1 h times make one test")
        #expect(now.records.contains(.hourBeforeStart(meeting: "TW-9", inCall: false)))
        #expect(rig.advance(to: start.addingTimeInterval(-10 * 60)).readinessChecks
            == [.beforeStart(meeting: "TW-9", minutes: 10, article: "000 Art. 6.1")])
    }
}
