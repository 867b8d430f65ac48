@testable import Codec
import Foundation
@testable import Room
import Testing

/// The Yealink VC lines as "API Commands Introduction for Yealink Video
/// Conferencing Systems" shows them.
@Suite struct YealinkDialectTests {
    let yealink = YealinkDialect()

    @Test func sysstatusLinesAreTheCall() {
        let talking = "sysstatus get talking \"dialstr:10.10.0.100\" \"callid:34\" \"calltype:video\" \"protocol:h323\" \"direction:incoming\""
        #expect(yealink.interpret(talking) == [
            .call(id: "34", CallUpdate(direction: .incoming, remoteNumber: "10.10.0.100", protocol: .h323, status: .connected)),
        ])
        #expect(yealink.interpret("sysstatus get ringing \"dialstr:sip:mcu@10.10.0.100:5060\" \"callid:35\" \"calltype:video\" \"protocol:sip\" \"direction:incoming\"") == [
            .call(id: "35", CallUpdate(direction: .incoming, remoteNumber: "sip:mcu@10.10.0.100:5060", protocol: .sip, status: .ringing)),
        ], "a value keeps its own colons")
        #expect(yealink.interpret("sysstatus get outgoing \"dialstr:0912345678\" \"callid:36\" \"calltype:video\" \"protocol:h323\" \"direction:outgoing\"").first
            == .call(id: "36", CallUpdate(direction: .outgoing, remoteNumber: "0912345678", protocol: .h323, status: .dialling)))
        #expect(yealink.interpret("sysstatus get talking max \"dialstr:1\" \"callid:37\"") == [.call(id: "37", CallUpdate(remoteNumber: "1", status: .connected))])
        #expect(yealink.interpret("sysstatus get finished \"dialstr:10.10.0.100\" \"callid:34\" \"calltype:video\" \"protocol:h323\" \"direction:incoming\"") == [
            .callEnded(id: "34", cause: nil),
        ])
        #expect(yealink.interpret("sysstatus get idle") == [.callList([])])
        #expect(yealink.interpret("sysstatus get sleeping") == [.callList([])])
    }

    @Test func theCallQueryReadsSysstatus() {
        #expect(yealink.commands(for: .calls).map(\.text) == ["sysstatus get"])
        #expect(yealink.parse(.calls, answers: [["sysstatus get idle"]]) == [.callList([])])
        #expect(yealink.parse(.calls, answers: [["sysstatus get talking \"dialstr:10.10.0.100\" \"callid:34\" \"protocol:h323\" \"direction:incoming\""]]) == [
            .callList([Call(id: "34", direction: .incoming, remoteNumber: "10.10.0.100", protocol: .h323, status: .connected)]),
        ])
    }

    @Test func muteVersionAndStatistics() {
        #expect(yealink.interpret("mute near get on") == [.nearMute(true)])
        #expect(yealink.interpret("mute near get off") == [.nearMute(false)])
        #expect(yealink.interpret("version \"model:VC800\" \"firmware:63.345.0.5\" \"hardware:63.1.0.0.0.0.0\" \"productId:VC800\" \"cc_version:1.0.0.12\"") == [
            .identity(TerminalIdentity(model: "VC800", softwareVersion: "63.345.0.5")),
        ])
        let line = "callinfo video \"callid:34\" \"RemoteStr:MCU\" \"direction:incoming\" \"protocol:h323\" \"devInfo:x\" \"TotalBwRecv:1920\" \"TotalBwSend:1856\" \"VJrRecv:12\" \"VtplRecv:7\" \"VtplpRecv:0.4\" \"AJrRecv:3\" \"AtplRecv:1\" \"AtplpRecv:0.1\""
        #expect(yealink.parse(.statistics, answers: [[line]]) == [.statistics([
            CallStatistics(callID: "34", packetsLost: 8, lossPercent: 0.4, jitterMilliseconds: 12, transmitRateKbps: 1856, receiveRateKbps: 1920),
        ])])
        #expect(yealink.parse(.statistics, answers: [[]]) == [.statistics([])], "no call: the unit says nothing")
        #expect(yealink.commands(for: .registration).isEmpty, "the API has no registration query: it stays unknown")
    }

    @Test func callControlIsRecognisedIncludingTheRemoteControlsKeys() throws {
        #expect(try yealink.callControlCommand(for: .dial(number: "10.10.0.100", protocol: .h323, rateKbps: 1920)).text == "dial manual video h323 \"1920\" \"10.10.0.100\"")
        #expect(try yealink.callControlCommand(for: .dial(number: "mcu@example.vn", protocol: nil, rateKbps: nil)).text == "dial manual video auto \"auto\" \"mcu@example.vn\"")
        #expect(try yealink.callControlCommand(for: .hangUp(callID: nil)).text == "button hangup")
        #expect(try yealink.callControlCommand(for: .answer).text == "answer yes")
        for query in TerminalQuery.allCases {
            for command in yealink.commands(for: query) + yealink.sessionSetup + [yealink.keepAlive] {
                #expect(!yealink.isCallControl(command.text), "\(command.text) is a query")
            }
        }
        for line in ["dial auto \"1\"", "DIAL manual video sip \"auto\" \"1\"", "answer yes", "button call", "button hangup", "button 5", "gendial #"] {
            #expect(yealink.isCallControl(line), "\(line) makes, breaks or answers a call")
        }
        #expect(throws: CodecError.self) { try yealink.callControlCommand(for: .dial(number: "1\" \"2", protocol: nil, rateKbps: nil)) }
    }
}
