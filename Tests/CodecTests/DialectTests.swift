@testable import Codec
@testable import Room
import Foundation
import Testing

@Suite struct PolyDialectTests {
    let poly = PolyDialect()

    @Test func callinfoLinesBecomeCalls() {
        let observations = poly.parse(.calls, answers: [[
            "callinfo:43:MCU Trung tam:10.10.0.100:1920:connected:notmuted:incoming:videocall",
            "callinfo:44::0912345678:384:connecting:muted:outgoing:voiceonly",
        ]])
        #expect(observations == [.callList([
            Call(id: "43", direction: .incoming, remoteName: "MCU Trung tam", remoteNumber: "10.10.0.100", rateKbps: 1920, status: .connected, farMuted: false),
            Call(id: "44", direction: .outgoing, remoteName: nil, remoteNumber: "0912345678", rateKbps: 384, status: .connecting, farMuted: true),
        ])])
        #expect(poly.parse(.calls, answers: [["system is not in a call"]]) == [.callList([])])
    }

    @Test func callStatusNotifications() {
        #expect(poly.interpret("notification:callstatus:outgoing:34:Polycom Demo:192.168.1.101:connected:384:0:videocall") == [
            .call(id: "34", CallUpdate(direction: .outgoing, remoteName: "Polycom Demo", remoteNumber: "192.168.1.101", rateKbps: 384, status: .connected)),
        ])
        #expect(poly.interpret("notification:callstatus:incoming:35:MCU:10.0.0.1:opened:1920::videocall") == [
            .call(id: "35", CallUpdate(direction: .incoming, remoteName: "MCU", remoteNumber: "10.0.0.1", rateKbps: 1920, status: .ringing)),
        ])
        #expect(poly.interpret("notification:callstatus:incoming:35:MCU:10.0.0.1:disconnected:1920:16:videocall") == [
            .callEnded(id: "35", cause: "16"),
        ])
    }

    @Test func muteNotificationsAsTheGuideShowsThem() {
        #expect(poly.interpret("notification:mutestatus:near:near:near:near:muted") == [.nearMute(true)])
        #expect(poly.interpret("notification:mutestatus:near:near:near:near:unmuted") == [.nearMute(false)])
        #expect(poly.interpret("notification:mutestatus:far:43:MCU:10.0.0.1:muted") == [.farMute(callID: "43", true)])
        #expect(poly.interpret("mute near on") == [.nearMute(true)])
    }

    @Test func registrationFromStatusAndAddresses() {
        let observations = poly.parse(.registration, answers: [
            ["remotecontrol online", "gatekeeper online", "sipserver offline", "status end"],
            ["gatekeeperip 10.10.0.1"],
            ["systemsetting sipregistrarserver sip.mcu.example.vn"],
        ])
        #expect(observations.contains(.registration(.h323Gatekeeper, .registered)))
        #expect(observations.contains(.registration(.sipRegistrar, .failed("offline"))))
        #expect(observations.contains(.registrarAddress(.h323Gatekeeper, "10.10.0.1")))
        #expect(observations.contains(.registrarAddress(.sipRegistrar, "sip.mcu.example.vn")))
    }

    @Test func statisticsTokens() {
        let line = "call:43 tar:64k rar:64k tvr:1856k rvr:1800k tapl:0 tvpl:0 rapl:1 rvpl:7 taj:0mS raj:3mS tvj:0mS rvj:12mS"
        #expect(PolyDialect.statistics(line) == CallStatistics(callID: "43", packetsLost: 8, jitterMilliseconds: 12, transmitRateKbps: 1920, receiveRateKbps: 1864))
    }

    @Test func welcomeBlockGivesIdentity() {
        #expect(poly.bannerLine("Hi, my name is : UBND xa Tan Phu") == .start(systemName: "UBND xa Tan Phu"))
        #expect(poly.bannerLine("Model: RealPresence Group 500") == .field(TerminalIdentity(model: "RealPresence Group 500")))
        #expect(poly.bannerLine("Software Version: 6.2.2.3-600040") == .field(TerminalIdentity(softwareVersion: "6.2.2.3-600040")))
        #expect(poly.bannerLine("notification:mutestatus:near:near:near:near:muted") == nil)
        #expect(poly.bannerLine("callinfo:43:MCU:1:2:connected:notmuted:incoming:videocall") == nil)
    }

    @Test func callControlCommandsAreRecognisedAndDialStringsCannotSmuggle() throws {
        #expect(try poly.callControlCommand(for: .dial(number: "10.10.0.100", protocol: .h323, rateKbps: 1920)).text == "dial manual 1920 \"10.10.0.100\" h323")
        #expect(try poly.callControlCommand(for: .hangUp(callID: nil)).text == "hangup all")
        #expect(try poly.callControlCommand(for: .hangUp(callID: "43")).text == "hangup video 43")
        #expect(try poly.callControlCommand(for: .answer).text == "answer video")
        for query in TerminalQuery.allCases {
            for command in poly.commands(for: query) + poly.sessionSetup + [poly.keepAlive] {
                #expect(!poly.isCallControl(command.text), "\(command.text) is a query, not call control")
            }
        }
        #expect(poly.isCallControl("dial manual 384 \"1\""))
        #expect(poly.isCallControl("HANGUP all"))
        #expect(throws: CodecError.self) { try poly.callControlCommand(for: .dial(number: "1\" h323\r\nhangup all", protocol: nil, rateKbps: nil)) }
        #expect(throws: CodecError.self) { try poly.callControlCommand(for: .hangUp(callID: "1; dial")) }
    }
}

@Suite struct CiscoDialectTests {
    let cisco = CiscoDialect()

    @Test func xStatusCallBecomesTheCallList() {
        let lines = [
            "*s Call 3 Direction: Incoming", "*s Call 3 DisplayName: \"MCU Trung tam\"", "*s Call 3 Protocol: H323",
            "*s Call 3 RemoteNumber: \"10.10.0.100\"", "*s Call 3 Status: Connected", "*s Call 3 TransmitCallRate: 1920",
            "*s Audio Microphones Mute: On", "** end",
        ]
        let observations = cisco.parse(.calls, answers: [lines])
        #expect(observations.first == .callList([
            Call(id: "3", direction: .incoming, remoteName: "MCU Trung tam", remoteNumber: "10.10.0.100", protocol: .h323, rateKbps: 1920, status: .connected),
        ]))
        #expect(observations.contains(.nearMute(true)), "a feedback line inside the answer still counts")
        #expect(cisco.parse(.calls, answers: [["** end"]]) == [.callList([])])
    }

    @Test func feedbackLines() {
        #expect(cisco.interpret("*s Call 2 (ghost=True):") == [.callEnded(id: "2", cause: nil)])
        #expect(cisco.interpret("*s Call 2 Status: Ringing") == [.call(id: "2", CallUpdate(status: .ringing))])
        #expect(cisco.interpret("*s Audio Microphones Mute: Off") == [.nearMute(false)])
        #expect(cisco.interpret("*s H323 Gatekeeper Status: Registered") == [.registration(.h323Gatekeeper, .registered)])
        #expect(cisco.interpret("*s H323 Gatekeeper Status: Rejected") == [.registration(.h323Gatekeeper, .failed("Rejected"))])
        #expect(cisco.interpret("*s SIP Registration 1 Status: Failed") == [.registration(.sipRegistrar, .failed("Failed"))])
        #expect(cisco.interpret("*s SIP Registration 1 Status: Registering") == [.registration(.sipRegistrar, .inProgress("Registering"))])
        #expect(cisco.interpret("*c xConfiguration SystemUnit Name: \"Phong hop\"") == [.identity(TerminalIdentity(systemName: "Phong hop"))])
    }

    @Test func mediaChannelStatistics() {
        let lines = [
            "*s MediaChannels Call 3 IncomingAudioChannel 1 Netstat Loss: 2",
            "*s MediaChannels Call 3 IncomingVideoChannel 2 Netstat Loss: 5",
            "*s MediaChannels Call 3 IncomingVideoChannel 2 Netstat Jitter: 9",
            "*s MediaChannels Call 3 IncomingVideoChannel 2 Netstat ChannelRate: 1856000",
            "*s MediaChannels Call 3 OutgoingVideoChannel 4 Netstat ChannelRate: 1000000",
        ]
        #expect(cisco.parse(.statistics, answers: [lines]) == [.statistics([
            CallStatistics(callID: "3", packetsLost: 7, jitterMilliseconds: 9, transmitRateKbps: 1000, receiveRateKbps: 1856),
        ])])
    }

    @Test func callControlCommandsAreRecognised() throws {
        #expect(try cisco.callControlCommand(for: .dial(number: "mcu@example.vn", protocol: .sip, rateKbps: 1920)).text == "xCommand Dial Number: mcu@example.vn Protocol: Sip CallRate: 1920")
        #expect(try cisco.callControlCommand(for: .hangUp(callID: "3")).text == "xCommand Call Disconnect CallId: 3")
        #expect(try cisco.callControlCommand(for: .answer).text == "xCommand Call Accept")
        for query in TerminalQuery.allCases {
            for command in cisco.commands(for: query) + cisco.sessionSetup + [cisco.keepAlive] {
                #expect(!cisco.isCallControl(command.text))
            }
        }
        #expect(cisco.isCallControl("xcommand  dial Number: 1"))
        #expect(throws: CodecError.self) { try cisco.callControlCommand(for: .dial(number: "1 Protocol: Sip", protocol: nil, rateKbps: nil)) }
    }
}

@Suite struct TerminalStateTests {
    @Test func eventsFollowTheChanges() {
        var state = TerminalState()
        #expect(state.apply(.call(id: "3", CallUpdate(direction: .incoming, status: .ringing))) == [
            .callChanged(Call(id: "3", direction: .incoming, status: .ringing)),
        ])
        #expect(state.apply(.call(id: "3", CallUpdate(remoteName: "MCU"))).isEmpty, "no status change, no event")
        let events = state.apply(.callEnded(id: "3", cause: "16"))
        #expect(events == [.callDropped(Call(id: "3", direction: .incoming, remoteName: "MCU", status: .idle), cause: "16")])
        #expect(state.calls.isEmpty)
        #expect(state.apply(.nearMute(true)) == [.nearMuteChanged(true)])
        #expect(state.apply(.nearMute(true)).isEmpty)
        #expect(state.apply(.registration(.h323Gatekeeper, .registered)).count == 1)
        #expect(state.apply(.registration(.h323Gatekeeper, .failed("offline"))).contains(.registrationLost(.h323Gatekeeper, .failed("offline"))))
    }

    @Test func aCallMissingFromTheListHasDropped() {
        var state = TerminalState()
        _ = state.apply(.callList([Call(id: "1", status: .connected), Call(id: "2", status: .connected)]))
        let events = state.apply(.callList([Call(id: "2", status: .connected)]))
        #expect(events == [.callDropped(Call(id: "1", status: .connected), cause: nil)])
    }
}
