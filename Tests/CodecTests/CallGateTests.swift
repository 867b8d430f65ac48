@testable import Codec
import CodecSimulator
import Foundation
@testable import Room
import Testing

/// Rule R1: the terminal makes, breaks or answers a call only when the
/// control centre asked, and every such command is reported.
@Suite(.serialized) struct CallGateTests {
    func authorization(_ order: CallOrder, age: TimeInterval = 0) -> CallAuthorization {
        CallAuthorization(order: order, requestedBy: "mcu@10.10.0.100", grantedAt: Date().addingTimeInterval(-age))
    }

    @Test(arguments: DialectKind.allCases)
    func anAuthorisedDialIsSentOnceAndReported(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let dial = authorization(.dial(number: "10.10.0.100", protocol: .h323, rateKbps: 1920))
        let report = try await rig.client.perform(dial)
        #expect(report.authorization == dial)
        guard case let .accepted(answer) = report.outcome else {
            Issue.record("not accepted: \(report)")
            return
        }
        let facts = DialectFacts(dialect)
        #expect(answer.contains(facts.dial.answer))
        #expect(await rig.recorder.first { $0 == .callControl(report) } != nil, "every use is reported")
        let commands = await rig.simulator.callCommands
        #expect(commands == [facts.dial.command])
        let connected = await rig.recorder.first { if case let .callChanged(call) = $0 { call.status == .connected && call.direction == .outgoing } else { false } }
        #expect(connected != nil)
        #expect(!(await rig.recorder.events.contains { if case .unauthorisedOutgoingCall = $0 { true } else { false } }), "the authorised dial accounts for the outgoing call")

        // The same authorisation cannot dial again.
        await #expect(throws: CodecError.authorizationAlreadyUsed(requestedBy: "mcu@10.10.0.100")) { try await rig.client.perform(dial) }
        #expect(await rig.recorder.first { if case let .callControl(report) = $0, case .failed = report.outcome { true } else { false } } != nil)
        // Nor can a stale one.
        let stale = authorization(.dial(number: "10.10.0.100", protocol: nil, rateKbps: nil), age: 600)
        await #expect(throws: CodecError.self) { try await rig.client.perform(stale) }
        #expect(await rig.simulator.callCommands.count == 1)

        // Hanging up needs its own authorisation; afterwards nothing redials.
        try await rig.client.perform(authorization(.hangUp(callID: nil)))
        #expect(await rig.recorder.first { if case .callDropped = $0 { true } else { false } } != nil)
        try await Task.sleep(for: .milliseconds(500))
        let after = await rig.simulator.callCommands
        #expect(after.count == 2)
        #expect(after.last == facts.hangUpAll)
    }

    @Test(arguments: DialectKind.allCases)
    func answeringARingingCallNeedsAnAuthorisation(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        await rig.simulator.play(.incomingCall(name: "MCU", number: "10.10.0.100", rateKbps: 1920, protocol: .h323))
        #expect(await rig.recorder.first { if case let .callChanged(call) = $0 { call.status == .ringing } else { false } } != nil)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await rig.simulator.callCommands.isEmpty, "a ringing call is not answered on its own")
        let report = try await rig.client.perform(authorization(.answer))
        guard case .accepted = report.outcome else {
            Issue.record("not accepted: \(report)")
            return
        }
        #expect(await rig.simulator.callCommands == [DialectFacts(dialect).answerCall])
        #expect(await rig.recorder.first { if case let .callChanged(call) = $0 { call.status == .connected } else { false } } != nil)
    }

    @Test(arguments: DialectFacts.dialects(where: \.answersCallCommands))
    func aRefusedOrderIsReportedAsRefused(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        // Nothing rings: the terminal refuses to answer.
        await #expect(throws: CodecError.self) { try await rig.client.perform(authorization(.answer)) }
        let refused = await rig.recorder.first { if case let .callControl(report) = $0, case .refused = report.outcome { true } else { false } }
        #expect(refused != nil)
    }

    @Test(arguments: DialectKind.allCases)
    func nothingButTheGateCanSendACallCommand(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let hangUp = try rig.client.dialect.callControlCommand(for: .hangUp(callID: nil))
        await #expect(throws: CodecError.callControlWithoutAuthorization(command: hangUp.text)) {
            _ = try await rig.client.run(hangUp)
        }
        let dial = DialectCommand(DialectFacts(dialect).disguisedDial, answer: .xapi)
        await #expect(throws: CodecError.self) { _ = try await rig.client.run(dial) }
        #expect(await rig.simulator.callCommands.isEmpty)
    }

    @Test(arguments: DialectKind.allCases)
    func anOutgoingCallNobodyAuthorisedIsReported(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        await rig.simulator.play(.outgoingCall(number: "0912345678"))
        let event = await rig.recorder.first { if case .unauthorisedOutgoingCall = $0 { true } else { false } }
        guard case let .unauthorisedOutgoingCall(call) = event else {
            Issue.record("not reported: \(await rig.recorder.events)")
            return
        }
        #expect(call.remoteNumber == "0912345678")
        #expect(await rig.simulator.callCommands.isEmpty, "the driver does not hang it up on its own either")
    }
}
