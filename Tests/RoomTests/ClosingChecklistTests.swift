import Foundation
@testable import Room
import Testing

/// R6 (001 Art. 9.2e; 003 Art. 5.4d and 8.4; 004 step 8): the end of the
/// meeting opens a checklist the technician confirms item by item.
@Suite struct ClosingChecklistTests {
    @Test func theEndOfTheMeetingOpensTheChecklistAndEachItemIsLogged() {
        var rig = Rig()
        rig.command(.setPhase(.official), from: technician)
        #expect(rig.command(.confirmClosing(.lensCap), from: technician).refusals.first?.contains("opens when the meeting ends") == true)
        let ended = rig.command(.endMeeting, from: technician)
        #expect(ended.events.contains(.closingChecklist(items: ClosingItem.allCases)))
        #expect(rig.state.closingItemsLeft == ClosingItem.allCases)
        let capped = rig.command(.confirmClosing(.lensCap), from: technician)
        #expect(capped.records == [.closingConfirmed(item: .lensCap, by: technician.description)])
        #expect(capped.events == [.closingConfirmed(item: .lensCap, left: [.systemCheck, .callEnded, .powerOff], by: technician.description)])
        #expect(rig.command(.confirmClosing(.lensCap), from: technician).refusals.first?.contains("already confirmed") == true)
        for item in [ClosingItem.systemCheck, .callEnded, .powerOff] { rig.command(.confirmClosing(item), from: technician) }
        #expect(rig.state.closingItemsLeft.isEmpty)
        // The next meeting starts afresh.
        rig.command(.setPhase(.preparation), from: technician)
        #expect(rig.state.closingChecklist == nil)
    }

    // R1 and R6: the call is the centre's to end; the room does not say it ended while it is up.
    @Test func theCallCannotBeConfirmedEndedWhileItIsUp() {
        var rig = Rig()
        rig.command(.setPhase(.official), from: technician)
        rig.send(.terminal(.call(CallChange(state: .connected, callID: "1", direction: .incoming, remote: "MCU"))))
        rig.command(.endMeeting, from: technician)
        let refused = rig.command(.confirmClosing(.callEnded), from: technician)
        #expect(refused.refusals.first?.contains("the centre ends it") == true)
        #expect(refused.authorisations.isEmpty, "nothing hangs up (R1)")
        rig.send(.terminal(.call(CallChange(state: .idle, callID: "1", remote: "MCU"))))
        #expect(rig.command(.confirmClosing(.callEnded), from: technician).refusals.isEmpty)
    }
}
