import Foundation
import Localization
import Testing
@testable import Room

/// R1: only the centre makes the room dial, hang up or answer; R11: a dropped
/// call is reported, never redialled.
@Suite struct CallTests {
    @Test func anAuthorisedDialFromTheCentreYieldsOneAuthorisation() {
        var rig = Rig()
        let order = CallOrder.dial(number: "10.0.0.1##1234", protocol: .h323, rateKbps: 1024)
        let effects = rig.command(.call(order))
        #expect(effects.authorisations.count == 1)
        #expect(effects.authorisations.first?.order == order)
        #expect(effects.authorisations.first?.requestedBy == mcu.description)
        #expect(effects.authorisations.first?.grantedAt == t0)
        #expect(effects.records.contains(.callOrder(order: order, by: mcu.description)))
    }

    @Test func nobodyButTheCentreGetsACallOrderThrough() {
        var rig = Rig()
        for client in [technician, observer] {
            for order in [CallOrder.dial(number: "100", protocol: nil, rateKbps: nil), .hangUp(callID: nil), .answer] {
                let effects = rig.command(.call(order), from: client)
                #expect(effects.authorisations.isEmpty)
                #expect(effects.refusals == ["only the MCU centre may ask the room to dial, hang up or answer (R1)"])
            }
        }
    }

    @Test func aDroppedCallIsAnIncidentReportedToTheCentreAndNothingElse() {
        var rig = Rig()
        rig.command(.call(.dial(number: "mcu", protocol: .sip, rateKbps: nil)))
        rig.send(.terminal(.call(CallChange(state: .connecting, callID: "34", direction: .outgoing, remote: "mcu"))))
        rig.send(.terminal(.call(CallChange(state: .connected, callID: "34", direction: .outgoing, remote: "mcu"))))
        let drop = rig.send(.terminal(.call(CallChange(state: .idle, callID: "34", remote: "mcu", cause: "network"))))
        #expect(drop.incidents.map(\.kind) == [.callDropped])
        #expect(drop.incidents.first?.detail == "the call to mcu dropped: network")
        #expect(drop.alerts == drop.incidents)
        #expect(drop.authorisations.isEmpty, "the room never redials (R1, R11)")
        #expect(drop.microphoneSettings.isEmpty && drop.cameraOrders.isEmpty && drop.readinessChecks.isEmpty)
        // Later ticks do nothing about it either.
        rig.now = t0.addingTimeInterval(600)
        #expect(rig.send(.tick).authorisations.isEmpty)
    }

    @Test func aHangUpTheCentreOrderedIsNotADrop() {
        var rig = Rig()
        rig.send(.terminal(.call(CallChange(state: .ringing, direction: .incoming))))
        rig.command(.call(.answer))
        rig.send(.terminal(.call(CallChange(state: .connected, direction: .incoming))))
        rig.command(.call(.hangUp(callID: nil)))
        let down = rig.send(.terminal(.call(CallChange(state: .disconnecting))))
        let idle = rig.send(.terminal(.call(CallChange(state: .idle))))
        #expect((down + idle).incidents.isEmpty)
        #expect(!rig.state.callOrders.hangUpIsOrdered)
    }

    @Test func aCallThatDropsThroughDisconnectingIsReportedOnce() {
        var rig = Rig()
        rig.send(.terminal(.call(CallChange(state: .connected, direction: .incoming))))
        let down = rig.send(.terminal(.call(CallChange(state: .disconnecting))))
        let idle = rig.send(.terminal(.call(CallChange(state: .idle))))
        #expect(down.incidents.count == 1)
        #expect(idle.incidents.isEmpty)
    }

    @Test func aCallPlacedFromTheTerminalItselfIsAnIncidentAndAnAlert() {
        var rig = Rig()
        let effects = rig.send(.terminal(.call(CallChange(state: .connecting, direction: .outgoing, remote: "0912345678"))))
        #expect(effects.incidents.map(\.kind) == [.unauthorisedCall])
        #expect(effects.alerts.count == 1)
        #expect(effects.authorisations.isEmpty, "the room does not hang it up on its own either (R1)")
        // The driver's own report of the same call does not open a second incident.
        let again = rig.send(.terminal(.unauthorisedOutgoingCall(number: "0912345678")))
        #expect(again.incidents.isEmpty)
    }

    @Test func theDriversReportOfAnUnauthorisedCallIsAnIncident() {
        var rig = Rig()
        let effects = rig.send(.terminal(.unauthorisedOutgoingCall(number: "113")))
        #expect(effects.incidents.first?.detail == "the terminal called 113 without the centre asking (R1)")
        #expect(effects.alerts.count == 1)
    }

    @Test func anOrderedDialIsNotUnauthorised() {
        var rig = Rig()
        rig.command(.call(.dial(number: "mcu", protocol: nil, rateKbps: nil)))
        let effects = rig.send(.terminal(.call(CallChange(state: .connecting, direction: .outgoing, remote: "mcu"))))
        #expect(effects.incidents.isEmpty)
    }

    @Test func registrationLossIsAnIncidentAndQualitySamplesAreLogged() {
        var rig = Rig()
        #expect(rig.send(.terminal(.registration(RegistrationState(registered: true, detail: "Registered")))).incidents.isEmpty)
        let lost = rig.send(.terminal(.registration(RegistrationState(registered: false, detail: "Rejected"))))
        #expect(lost.incidents.map(\.kind) == [.registrationLost])
        let sample = CallQuality(lossPercent: 0.4, jitterMs: 12, rateKbps: 1024)
        #expect(rig.send(.terminal(.quality(sample))).records == [.callQuality(sample: sample)])
        #expect(rig.send(.terminal(.unitRestarted)).incidents.map(\.kind) == [.terminalRestarted])
    }

    @Test func incidentsAreNumberedAndTheFixIsPassedToTheCentre() {
        var rig = Rig(demoSetup)
        rig.state = State(setup: demoSetup, nextIncidentNumber: 7)
        rig.send(.camera(.fault("camera 1 on /dev/ttyUSB0 did not answer IF_Clear within 500 ms")))
        rig.send(.camera(.offline("/dev/ttyUSB0 is gone")))
        #expect(rig.state.openIncidents.map(\.id) == [7, 8])
        let back = t0.addingTimeInterval(900)
        let effects = rig.command(.noteFix(incident: 7, note: "re-seated the RS-232 cable", expectedBack: back), from: technician)
        #expect(effects.records == [.fixed(incident: 7, note: "re-seated the RS-232 cable", by: technician.description)])
        #expect(effects.events == [.incidentUpdate(id: 7, note: "re-seated the RS-232 cable", expectedBack: back)])
        #expect(rig.state.openIncidents.map(\.id) == [8])
        // R11: the expected recovery of an open incident, set and updated, each time logged and sent.
        let first = rig.command(.expectRecovery(incident: 8, at: back, note: "chờ thay cáp"), from: technician)
        #expect(first.records == [.expectedBack(incident: 8, at: back, note: "chờ thay cáp", by: technician.description)])
        #expect(first.events == [.incidentUpdate(id: 8, note: "chờ thay cáp", expectedBack: back)])
        let later = back.addingTimeInterval(1800)
        #expect(rig.command(.expectRecovery(incident: 8, at: later, note: ""), from: technician).events == [.incidentUpdate(id: 8, note: "", expectedBack: later)])
        #expect(rig.state.openIncidents.map(\.id) == [8], "an expected time does not close the incident")
        #expect(rig.command(.expectRecovery(incident: 7, at: later, note: ""), from: technician).refusals == ["incident 7 is not open; open incidents: 8"])
        let unknown = rig.command(.noteFix(incident: 42, note: "?", expectedBack: nil), from: technician)
        #expect(unknown.refusals == ["no incident 42; open incidents: 8"])
        let online = rig.send(.camera(.online))
        #expect(online.records.first == .health(change: .init(part: .camera, healthy: true, state: "online", detail: "the camera answers again", said: Message("camera online: the camera answers again"))))
        #expect(online.events.contains(.health(change: .init(part: .camera, healthy: true, state: "online", detail: "the camera answers again", said: Message("camera online: the camera answers again")))))
        #expect(online.cameraOrders == [recall(0, "wide")], "the camera frames the room again")
    }
}

/// Q.850 causes as words, the number kept (issue 15).
@Suite struct CallCauseTests {
    @Test func aQ850CauseIsNamedInBothLanguagesAndKeepsItsNumber() {
        #expect(CallCause.describe("16") == "16 (Normal call clearing / Xóa cuộc gọi bình thường)")
        #expect(CallCause.describe("17") == "17 (User busy / Thuê bao bận)")
        #expect(CallCause.describe("38") == "38 (Network out of order / Mạng không hoạt động)")
    }

    @Test func whatQ850DoesNotListStaysAsTheTerminalSaidIt() {
        #expect(CallCause.describe("network") == "network")
        #expect(CallCause.describe("200") == "200")
        #expect(CallCause.describe("") == "")
    }

    @Test func theDroppedCallsIncidentNamesTheCause() {
        let line = LogRecord.callState(call: CallChange(state: .idle, cause: "16")).text(in: .vi)
        #expect(line == "cuộc gọi: không có cuộc gọi, nguyên nhân: 16 (Normal call clearing / Xóa cuộc gọi bình thường)")
    }
}
