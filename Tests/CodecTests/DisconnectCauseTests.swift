import Codec
import CodecSimulator
import Room
import Testing

/// Each dialect's disconnect reason, as words with its code (issue 15):
/// Cisco's `*e CallDisconnect` (CauseType, CauseCode, CauseOrigin), Poly's
/// Q.850 number, Yealink's `finished` with no reason.
@Suite struct DisconnectCauseTests {
    let cisco = DialectKind.cisco.dialect

    /// The event as the API reference prints it, its fields one a line.
    static func event(type: String, callID: String, code: Int, origin: String) -> [String] {
        [
            "*e CallDisconnect CauseValue: 2",
            "*e CallDisconnect CauseType: \"\(type)\"",
            "*e CallDisconnect CauseString: \"\"",
            "*e CallDisconnect OrigCallDirection: \"incoming\"",
            "*e CallDisconnect RemoteURI: \"10.10.0.100\"",
            "*e CallDisconnect CallId: \(callID)",
            "*e CallDisconnect CauseCode: \(code)",
            "*e CallDisconnect CauseOrigin: \(origin)",
            "** end",
        ]
    }

    @Test func aCiscoDisconnectEventEndsTheCallWithItsTypeAndCode() {
        var state = TerminalState()
        _ = state.apply(.call(id: "3", CallUpdate(direction: .incoming, status: .connected)))
        var events: [TerminalEvent] = []
        for line in Self.event(type: "RemoteBusy", callID: "3", code: 486, origin: "SIP") {
            for observation in cisco.interpret(line) { events += state.apply(observation) }
        }
        #expect(events == [.callDropped(Call(id: "3", direction: .incoming, status: .idle), cause: "RemoteBusy SIP:486")])
        // The ghost status that follows finds the call gone: no second drop.
        #expect(cisco.interpret("*s Call 3 (ghost=True):").flatMap { state.apply($0) }.isEmpty)
    }

    /// The record as the unit writes it: every pair on the event's one line,
    /// a quoted value with spaces and colons kept whole.
    @Test func aCiscoDisconnectEventOnOneLineEndsTheCall() {
        var state = TerminalState()
        _ = state.apply(.call(id: "89", CallUpdate(direction: .outgoing, status: .connected)))
        let line = #"*e CallDisconnect CauseValue: 1 CauseType: "RemoteDisconnect" CauseString: "Normal call: cleared" "#
            + #"OrigCallDirection: "outgoing" RemoteURI: "sip:firstname.lastname@company.com" CallId: 89 CauseCode: 16 CauseOrigin: Q850"#
        var events = cisco.interpret(line).flatMap { state.apply($0) }
        events += cisco.interpret("** end").flatMap { state.apply($0) }
        #expect(events == [.callDropped(Call(id: "89", direction: .outgoing, status: .idle), cause: "RemoteDisconnect Q850:16")])
        #expect(cisco.interpret("*s Call 89 (ghost=True):").flatMap { state.apply($0) }.isEmpty)
    }

    @Test func aLocalHangUpHasNoCodeAndTheGhostAloneStillEndsTheCall() {
        var state = TerminalState()
        _ = state.apply(.call(id: "89", CallUpdate(status: .connected)))
        var events: [TerminalEvent] = []
        for line in Self.event(type: "LocalDisconnect", callID: "89", code: 0, origin: "SIP") {
            for observation in cisco.interpret(line) { events += state.apply(observation) }
        }
        #expect(events == [.callDropped(Call(id: "89", status: .idle), cause: "LocalDisconnect")])
        // A unit that sends no CauseCode: the call ends on its ghost, with the type it told.
        _ = state.apply(.call(id: "90", CallUpdate(status: .connected)))
        for line in ["*e CallDisconnect CauseType: \"NetworkRejected\"", "*e CallDisconnect CallId: 90"] {
            for observation in cisco.interpret(line) { #expect(state.apply(observation).isEmpty) }
        }
        #expect(cisco.interpret("*s Call 90 (ghost=True):").flatMap { state.apply($0) }
            == [.callDropped(Call(id: "90", status: .idle), cause: "NetworkRejected")])
    }

    @Test func ciscoCausesAreWordsInBothLanguagesWithTheirCodes() {
        #expect(CallCause.describe("RemoteDisconnect Q850:16")
            == "RemoteDisconnect (The far end hung up / Đầu xa đã gác máy), Q.850 16 (Normal call clearing / Xóa cuộc gọi bình thường)")
        #expect(CallCause.describe("RemoteBusy SIP:486") == "RemoteBusy (The far end is busy / Đầu xa đang bận), SIP 486 (Busy Here / Máy bận)")
        #expect(CallCause.describe("LocalDisconnect") == "LocalDisconnect (Hung up here / Điểm cầu này đã gác máy)")
        #expect(CallCause.describe("OtherRemote internal:7") == "OtherRemote (Ended by the far end, for another reason / Đầu xa kết thúc vì lý do khác), internal 7")
        #expect(CallCause.describe("Unheard Q850:16") == "Unheard Q850:16", "a type Cisco does not list stays as given")
    }

    /// The logbook's line (and so the day's sổ theo dõi and the report) names a Cisco cause in words, its code kept.
    @Test func theLogbookLineNamesACiscoCause() {
        let line = LogRecord.callState(call: CallChange(state: .idle, cause: "RemoteBusy SIP:486")).text(in: .vi)
        #expect(line == "cuộc gọi: không có cuộc gọi, nguyên nhân: RemoteBusy (The far end is busy / Đầu xa đang bận), SIP 486 (Busy Here / Máy bận)")
    }

    @Test func aCallEndedWithNoCauseSaysSo() {
        // Yealink's `sysstatus get finished` names no reason; the daemon records `dropped`.
        let finished = "sysstatus get finished \"dialstr:10.10.0.100\" \"callid:34\" \"calltype:video\" \"protocol:h323\" \"direction:incoming\""
        #expect(DialectKind.yealink.dialect.interpret(finished) == [.callEnded(id: "34", cause: nil)])
        #expect(CallCause.describe("dropped")
            == "dropped (the terminal ended the call and gave no cause / thiết bị đầu cuối kết thúc cuộc gọi mà không cho biết nguyên nhân)")
    }

    /// Each simulator sends a drop as its vendor documents it (Cisco's
    /// CallDisconnect event; Poly's callstatus with a number, "status specific
    /// cause code returned by system call engine"), and the client reads the
    /// cause out of it.
    @Test(arguments: [
        (DialectKind.cisco, "17", "RemoteBusy Q850:17", "RemoteBusy (The far end is busy / Đầu xa đang bận), Q.850 17 (User busy / Thuê bao bận)"),
        (DialectKind.poly, "network", "38", "38 (Network out of order / Mạng không hoạt động)"),
    ])
    func theSimulatorsDropCarriesTheDocumentedCause(dialect: DialectKind, scenario: String, cause expected: String, words: String) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let start = await rig.recorder.count
        await rig.simulator.play(.incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .h323))
        #expect(await rig.recorder.first(from: start) { if case .callChanged = $0 { true } else { false } } != nil)
        await rig.simulator.play(.dropCall(id: nil, cause: scenario))
        let dropped = await rig.recorder.first(from: start) { if case .callDropped = $0 { true } else { false } }
        guard case let .callDropped(_, cause) = dropped else {
            Issue.record("no dropped call: \(await rig.recorder.events)")
            return
        }
        #expect(cause == expected)
        #expect(CallCause.describe(cause ?? "") == words)
    }
}
