@testable import Codec
import CodecSimulator
import Foundation
import Testing

/// A query the model refuses must not stop everything (issue 13): the field
/// it answers stays unknown, the refusal is logged once, the session goes on.
@Suite(.serialized) struct RefusedQueryTests {
    /// The queries each Poly session runs, and the two answers the Integrator's
    /// Reference Manual gives for a command a model does not have.
    static let sessionQueries = ["callinfo all", "mute near get", "status", "gatekeeperip get", "systemsetting get sipregistrarserver", "whoami"]
    static let refusals = ["error: command not found", "error: this command is not supported on this model"]

    @Test(arguments: sessionQueries, refusals)
    func aRefusedQueryLeavesItsFieldUnknownAndTheSessionGoesOn(command: String, refusal: String) async throws {
        let rig = try await Rig.make(.poly, unit: { $0.refusedCommands = [command: refusal] })
        defer { Task { await rig.shutDown() } }
        await rig.simulator.play([
            .incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .h323),
            .connectCall(id: nil),
        ])
        await rig.client.start()
        #expect(await rig.recorder.first { $0.isConnected } != nil, "the session opened although '\(command)' is refused")
        await rig.simulator.update { $0.systemName = "Phong hop so 2" }
        let state = try await rig.client.refresh()
        #expect(state.connection == .online)
        #expect(state.refusedCommands == [command: refusal])
        // Only the refused command's field is unknown; the others were read.
        #expect(state.calls.isEmpty == (command == "callinfo all"))
        #expect((state.nearMuted == nil) == (command == "mute near get"))
        #expect((state.registration.h323 == nil) == (command == "status"))
        #expect((state.registration.gatekeeperAddress == nil) == (command == "gatekeeperip get"))
        #expect((state.registration.sipRegistrarAddress == nil) == (command == "systemsetting get sipregistrarserver"))
        #expect((state.identity.systemName == "Phong hop so 2") == (command != "whoami"), "whoami refused: the name from the login banner stays")
        let logged = rig.log.all.filter { $0.contains("the terminal refuses '\(command)' (\(refusal))") }
        #expect(logged.count == 1, "logged once, though asked twice: \(logged)")
        #expect(!(await rig.recorder.events.contains { $0.isConnectionLost }), "the session was never reset")
        #expect(await rig.simulator.sessionsAccepted == 1)
    }

    @Test func aRefusedNotificationRegistrationDoesNotStopTheLogin() async throws {
        let rig = try await Rig.make(.poly, unit: { $0.refusedCommands = ["notify mutestatus": "error: command not found"] })
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        #expect(await rig.client.state.connection == .online)
        #expect(await rig.simulator.registrations == [["callstatus"]])
        await rig.simulator.play(.incomingCall(name: "MCU", number: "10.10.0.100", rateKbps: 1920, protocol: .h323))
        #expect(await rig.recorder.first { if case .callChanged = $0 { true } else { false } } != nil, "the registration that went through still works")
    }

    @Test func whoamiWithoutAPromptEndsWhenTheTerminalGoesQuiet() async throws {
        let rig = try await Rig.make(.poly, tune: {
            $0.nudgeAfter = .seconds(3)
            $0.answerSettle = .milliseconds(300)
        }, unit: { $0.promptAfterWhoami = false })
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        await rig.simulator.update { $0.systemName = "Phong hop so 2" }
        let started = ContinuousClock.now
        let identity = try await rig.client.identity()
        #expect(identity.systemName == "Phong hop so 2")
        #expect(identity.model == "RealPresence Group 500")
        #expect(ContinuousClock.now - started < .seconds(2), "no wait for a prompt that does not come")
        #expect(!(await rig.simulator.commands.contains("")), "nor for a nudge")
        #expect(try await rig.client.nearMute() == false, "the next command gets its own answer")
    }
}

/// What tells a restart from a network hiccup, as a value.
@Suite struct SessionEndTests {
    @Test func anUptimeShorterThanTheOutageIsARestart() {
        let lastHeard = ContinuousClock.now - .seconds(90)
        let end = SessionEnd(.commandTimedOut(command: "xStatus SystemUnit Uptime", seconds: 5), lastHeard: lastHeard)
        #expect(end.restartEvidence(uptime: 40) != nil, "up 40 s after 90 s of silence: it restarted")
        #expect(end.restartEvidence(uptime: 86_400) == nil, "up a day: it only dropped off the network")
    }

    @Test func withoutAnUptimeOnlyAConnectionTheTerminalEndedIsARestart() {
        let lastHeard = ContinuousClock.now - .seconds(2)
        #expect(SessionEnd(.connectionClosed(host: "h", port: 24), lastHeard: lastHeard).restartEvidence(uptime: nil) != nil)
        #expect(SessionEnd(.socketFailed(operation: "read", errno: ECONNRESET), lastHeard: lastHeard).restartEvidence(uptime: nil) != nil)
        #expect(SessionEnd(.commandTimedOut(command: "status", seconds: 5), lastHeard: lastHeard).restartEvidence(uptime: nil) == nil)
        #expect(SessionEnd(.lineTooLong(limit: 65536), lastHeard: lastHeard).restartEvidence(uptime: nil) == nil)
    }
}

/// An answer with no end marker of its own is complete when the unit goes quiet.
@Suite(.serialized) struct QuietEndTests {
    @Test func yealinkCallinfoWithNoCallIsAnEmptyAnswerNotATimeOut() async throws {
        let rig = try await Rig.make(.yealink) { $0.answerSettle = .milliseconds(300) }
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let started = ContinuousClock.now
        #expect(try await rig.client.statistics().isEmpty)
        #expect(ContinuousClock.now - started < .seconds(2), "over when the unit stayed quiet, long before the 4 s time-out")
        await rig.simulator.play([
            .incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .h323),
            .connectCall(id: nil),
            .packetLoss(7),
        ])
        let statistics = try await rig.client.statistics()
        #expect(statistics.map(\.callID) == ["34"])
        #expect(statistics.first?.packetsLost == 7)
    }
}
