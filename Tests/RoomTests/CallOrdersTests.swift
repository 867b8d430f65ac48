import Foundation
import Testing
@testable import Room

/// The call-order state (R1, R11) where two orders meet: the centre hangs up a
/// call it asked for before it connects, or hangs up a call the terminal
/// placed on its own. Each is one case of `CallOrders`.
@Suite struct CallOrdersTests {
    func outgoing(_ state: CallState) -> Input {
        .terminal(.call(CallChange(state: state, callID: "34", direction: .outgoing, remote: "mcu")))
    }

    @Test func aCallTheCentreAskedForAndThenHungUpIsNeitherUnauthorisedNorADrop() {
        var rig = Rig()
        rig.command(.call(.dial(number: "mcu", protocol: .h323, rateKbps: nil)))
        rig.command(.call(.hangUp(callID: nil)))
        #expect(rig.state.callOrders == .callThenHangUpOrdered)
        // The terminal reports the dial it was asked for: not unauthorised (R1).
        let placed = rig.send(outgoing(.connecting)) + rig.send(outgoing(.connected))
        #expect(placed.incidents.isEmpty)
        #expect(rig.state.callOrders == .hangUpOrdered)
        // And its end is the hang-up the centre asked for: not a drop (R11).
        #expect(rig.send(outgoing(.idle)).incidents.isEmpty)
        #expect(rig.state.callOrders == .noOrder)
    }

    @Test func theCentreHangsUpACallTheTerminalPlacedOnItsOwn() {
        var rig = Rig()
        let placed = rig.send(outgoing(.connecting))
        #expect(placed.incidents.map(\.kind) == [.unauthorisedCall])
        #expect(rig.state.callOrders == .unauthorisedCallReported)
        // The driver's own report of the same call is not a second incident.
        #expect(rig.send(.terminal(.unauthorisedOutgoingCall(number: "mcu"))).incidents.isEmpty)
        // A late dial from the centre does not make the call authorised, nor report it again.
        rig.command(.call(.dial(number: "mcu", protocol: nil, rateKbps: nil)))
        #expect(rig.state.callOrders == .unauthorisedCallReported)
        rig.send(outgoing(.connected))
        rig.command(.call(.hangUp(callID: nil)))
        #expect(rig.state.callOrders == .unauthorisedCallHangUpOrdered)
        #expect(rig.send(outgoing(.idle)).incidents.isEmpty, "the centre ended it: not a drop")
        // The next call the terminal places on its own is reported again.
        #expect(rig.send(outgoing(.connecting)).incidents.map(\.kind) == [.unauthorisedCall])
    }

    @Test func withoutAHangUpTheSameCallsEndIsADrop() {
        var rig = Rig()
        rig.command(.call(.dial(number: "mcu", protocol: .h323, rateKbps: nil)))
        rig.send(outgoing(.connecting))
        rig.send(outgoing(.connected))
        #expect(rig.state.callOrders == .noOrder, "the call asked for is there")
        #expect(rig.send(outgoing(.idle)).incidents.map(\.kind) == [.callDropped])
    }
}

/// A channel's name is kept and compared in NFC, case-sensitively.
@Suite struct ChannelNameTests {
    @Test func aNameTypedWithCombiningMarksIsTheSameChannelKeptPrecomposed() throws {
        let decomposed = ChannelName("đa\u{323}i bie\u{302}\u{309}u 1")
        let precomposed = ChannelName("đại biểu 1")
        #expect(decomposed == precomposed)
        #expect(Array(decomposed.text.unicodeScalars) == Array("\u{111}\u{1EA1}i bi\u{1EC3}u 1".unicodeScalars))
        #expect(Set([decomposed, precomposed]).count == 1)
        #expect(ChannelName("Mic2") != ChannelName("mic2"), "two channels the room file spells apart stay apart")
        // Stored as a plain string, so the state's stored form does not change.
        let data = try JSONEncoder().encode([decomposed])
        #expect(String(decoding: data, as: UTF8.self) == "[\"đại biểu 1\"]")
        #expect(try JSONDecoder().decode([ChannelName].self, from: Data("[\"đa\u{323}i bie\u{302}\u{309}u 1\"]".utf8)) == [precomposed])
    }

    @Test func aRoomWhoseFileSpellsAMicrophoneDecomposedGivesTheFloorToIt() {
        var setup = demoSetup
        setup.microphones.append(MicSeat(name: "đa\u{323}i bie\u{302}\u{309}u 1"))
        var rig = Rig(setup)
        let effects = rig.command(.unmute(channel: "đại biểu 1"))
        #expect(rig.state.floor.channels == [ChannelName("đại biểu 1")])
        #expect(effects.microphoneSettings.map(\.0) == ["đại biểu 1"])
    }
}
