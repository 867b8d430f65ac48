@testable import Codec
import CodecSimulator
import Foundation
@testable import Room
import Testing

@Suite(.serialized) struct ClientAgainstSimulatorTests {
    @Test(arguments: DialectKind.allCases)
    func theRightPasswordOpensTheSessionAndReadsTheTerminal(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let connected = await rig.recorder.first { $0.isConnected }
        let identity = try #require({ if case let .connected(identity) = connected { identity } else { nil } }())
        let facts = DialectFacts(dialect)
        let unit = rig.simulator.configuration
        #expect(identity.systemName == (facts.tellsSystemName ? "UBND xa Tan Phu" : nil))
        #expect(identity.model == unit.model)
        #expect(identity.softwareVersion == unit.softwareVersion)
        let state = await rig.client.state
        #expect(state.connection == .online)
        #expect(state.registration.h323 == (facts.reportsRegistration ? .registered : nil))
        #expect(state.registration.sip == (facts.reportsRegistration ? .registered : nil))
        #expect(state.nearMuted == false)
        #expect(state.calls.isEmpty)
        #expect(await rig.simulator.registrations == [facts.registrations])
        #expect(await rig.simulator.callCommands.isEmpty)
        if dialect == .cisco {
            // The client refused each option the unit asked for: IAC WONT TTYPE, TSPEED, XDISPLOC, NEW-ENVIRON.
            #expect(await rig.simulator.negotiationReplies == [255, 252, 24, 255, 252, 32, 255, 252, 35, 255, 252, 39])
            #expect(await rig.simulator.commands.first == "echo off")
        }
    }

    @Test func anOlderPolyThatAsksForTheUserFirst() async throws {
        let rig = try await Rig.make(.poly, asksUser: true)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        #expect(await rig.client.state.connection == .online)
    }

    @Test(arguments: DialectKind.allCases.filter(\.dialect.needsLogin))
    func aWrongPasswordIsRefusedOnceAndNeverRetried(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect, password: "wrong")
        defer { Task { await rig.shutDown() } }
        await rig.client.start()
        let stopped = await rig.recorder.first { if case .stopped = $0 { true } else { false } }
        guard case let .stopped(reason) = stopped else {
            Issue.record("no stopped event: \(await rig.recorder.events)")
            return
        }
        #expect(reason.description.contains("refused the API password"))
        #expect(reason.description.contains("check the user and password in the secrets file"))
        #expect(await rig.simulator.loginsFailed == 1, "a refused password is not tried again (it would lock the account)")
        #expect(await rig.simulator.commands.isEmpty)
        await #expect(throws: CodecError.self) { try await rig.client.connect() }
    }

    @Test(arguments: DialectKind.allCases)
    func eachQueryReadsWhatTheTerminalSays(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        await rig.simulator.play([
            .incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .h323),
            .connectCall(id: nil),
            .packetLoss(7),
        ])
        try await rig.client.connect()
        // Changes nobody is told about: only a query can find them.
        await rig.simulator.update {
            $0.nearMuted = true
            $0.gatekeeperAddress = "10.10.0.9"
            $0.sipRegistered = false
            $0.systemName = "Phong hop so 2"
        }
        let calls = try await rig.client.calls()
        #expect(calls.count == 1)
        let call = try #require(calls.first)
        let facts = DialectFacts(dialect)
        #expect(call.id == "34")
        #expect(call.direction == .incoming)
        #expect(call.remoteNumber == "10.10.0.100")
        #expect(call.status == .connected)
        if facts.callsTellNameAndRate {
            #expect(call.remoteName == "MCU Trung tam")
            #expect(call.rateKbps == 1920)
        }
        if dialect != .poly { #expect(call.protocol == .h323) }
        #expect(try await rig.client.nearMute() == true)
        let registration = try await rig.client.registration()
        if facts.reportsRegistration {
            #expect(registration.gatekeeperAddress == "10.10.0.9")
            #expect(registration.h323 == .registered)
            #expect(registration.sip != .registered)
            #expect(registration.sipRegistrarAddress == "sip.mcu.example.vn")
        } else {
            #expect(registration == Registration(), "nothing to read: it stays unknown")
        }
        #expect(try await rig.client.identity().systemName == (facts.tellsSystemName ? "Phong hop so 2" : nil))
        let statistics = try await rig.client.statistics()
        #expect(statistics.count == 1)
        #expect(statistics.first?.callID == "34")
        #expect(statistics.first?.packetsLost == 7)
        #expect(statistics.first?.jitterMilliseconds == 12)
        #expect(statistics.first?.receiveRateKbps == 1920)
        #expect(await rig.simulator.callCommands.isEmpty)
    }

    @Test(arguments: DialectKind.allCases)
    func notificationsBecomeEvents(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let recorder = rig.recorder
        let start = await recorder.count
        await rig.simulator.play(.incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .h323))
        let ringing = await recorder.first(from: start) { if case let .callChanged(call) = $0 { call.status == .ringing } else { false } }
        guard case let .callChanged(call) = ringing else {
            Issue.record("no ringing call: \(await recorder.events)")
            return
        }
        #expect(call.direction == .incoming)
        #expect(call.remoteNumber == "10.10.0.100")
        await rig.simulator.play(.connectCall(id: nil))
        #expect(await recorder.first(from: start) { if case let .callChanged(call) = $0 { call.status == .connected } else { false } } != nil)
        await rig.simulator.play(.nearMute(true))
        #expect(await recorder.first(from: start) { $0 == .nearMuteChanged(true) } != nil)
        if DialectFacts(dialect).reportsFarMute {
            await rig.simulator.play(.farMute(true))
            #expect(await recorder.first(from: start) { $0 == .farMuteChanged(callID: "34", muted: true) } != nil)
        }
        if DialectFacts(dialect).reportsRegistration {
            await rig.simulator.play(.registrationLost(.h323Gatekeeper))
            if dialect == .poly {
                // Poly tells registration through `status`, which the keep-alive or a query asks.
                _ = try await rig.client.registration()
            }
            #expect(await recorder.first(from: start) { if case .registrationLost(.h323Gatekeeper, _) = $0 { true } else { false } } != nil)
        }
        await rig.simulator.play(.dropCall(id: nil, cause: "remote"))
        let dropped = await recorder.first(from: start) { if case .callDropped = $0 { true } else { false } }
        guard case let .callDropped(droppedCall, _) = dropped else {
            Issue.record("no dropped call: \(await recorder.events)")
            return
        }
        #expect(droppedCall.id == "34")
        #expect(await rig.client.state.calls.isEmpty)
        #expect(!(await recorder.events.contains { if case .unauthorisedOutgoingCall = $0 { true } else { false } }))
        // The call dropped; nothing dials again.
        try await Task.sleep(for: .milliseconds(500))
        #expect(await rig.simulator.callCommands.isEmpty)
    }

    @Test func theKeepAliveNoticesALostRegistrationOnPoly() async throws {
        let rig = try await Rig.make(.poly) { $0.keepAliveInterval = .milliseconds(400) }
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        await rig.simulator.play(.registrationLost(.sipRegistrar))
        let lost = await rig.recorder.first { if case .registrationLost(.sipRegistrar, _) = $0 { true } else { false } }
        #expect(lost != nil)
        #expect(await rig.simulator.commands.filter { $0 == "status" }.count >= 2)
    }

    @Test(arguments: DialectKind.allCases)
    func aDroppedConnectionIsOpenedAgainWithNotificationsAndNoCall(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        await rig.simulator.play([
            .incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .h323),
            .connectCall(id: nil),
        ])
        await rig.client.start()
        #expect(await rig.recorder.first { $0.isConnected } != nil)
        #expect(await rig.client.state.calls.count == 1)
        let before = await rig.recorder.count
        await rig.simulator.play(.restart(downFor: .milliseconds(600)))
        #expect(await rig.recorder.first(from: before) { $0.isConnectionLost } != nil)
        #expect(await rig.recorder.first(from: before) { $0.isConnected } != nil)
        #expect(await rig.simulator.sessionsAccepted >= 2)
        #expect(await rig.simulator.registrations == [DialectFacts(dialect).registrations], "notifications registered again on the new session")
        // The restart ended the call: the room hears it dropped, and nothing redials.
        #expect(await rig.recorder.first(from: before) { if case .callDropped = $0 { true } else { false } } != nil)
        // A restart drops the connection: the room hears of it once.
        #expect(await rig.recorder.first(from: before) { $0.isRestart } == .unitRestarted(await rig.client.state.identity))
        #expect(await rig.recorder.events.filter(\.isRestart).count == 1)
        try await Task.sleep(for: .milliseconds(500))
        #expect(await rig.simulator.callCommands.isEmpty)
        #expect(try await rig.client.nearMute() == false)
    }

    @Test(arguments: DialectFacts.dialects(where: \.printsBanner))
    func theBannerAgainOnAnOpenConnectionIsNotARestart(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        let setup = rig.client.dialect.sessionSetup.map(\.text)
        await rig.simulator.play(.bannerAgain)
        // The notifications are registered again (fine, and harmless) ...
        for command in setup {
            let sentTwice = await rig.waitUntil { await rig.simulator.commands.filter { $0 == command }.count == 2 }
            #expect(sentTwice, "'\(command)' sent again after the banner")
        }
        #expect(try await rig.client.nearMute() == false)
        // ... but the connection never dropped, so the unit did not restart.
        #expect(!(await rig.recorder.events.contains { $0.isRestart || $0.isConnectionLost }))
        #expect(rig.log.all.contains { $0.contains("welcome banner came again on the open connection") })
        #expect(await rig.client.state.identity.systemName == "UBND xa Tan Phu")
        #expect(await rig.simulator.sessionsAccepted == 1)
        #expect(await rig.simulator.callCommands.isEmpty)
    }

    @Test func aBannerInTheMiddleOfAnAnswerLeavesTheAnswerAlone() async throws {
        let rig = try await Rig.make(.poly) { $0.nudgeAfter = .seconds(1) }
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        // The `status` answer is held back; the banner comes while it is awaited.
        await rig.simulator.play(.lag(true))
        let client = rig.client
        let query = Task { try await client.registration() }
        try await Task.sleep(for: .milliseconds(300))
        await rig.simulator.play(.bannerAgain)
        #expect(try await query.value.h323 == .registered)
        #expect(!(await rig.recorder.events.contains(where: \.isRestart)))
    }

    @Test(arguments: DialectKind.allCases)
    func closingTheConnectionOnItsOwnPartIsNotARestartWhenTheUptimeSaysSo(dialect: DialectKind) async throws {
        // The client gives up on a stalled session itself (Cisco: its answers
        // cannot be told apart, so a time-out resets the session).
        let rig = try await Rig.make(dialect) {
            $0.commandTimeout = .milliseconds(500)
            $0.keepAliveInterval = .milliseconds(300)
            $0.keepAliveWait = .milliseconds(300)
            $0.keepAliveFailuresBeforeReset = 1
        }
        defer { Task { await rig.shutDown() } }
        await rig.client.start()
        #expect(await rig.recorder.first { $0.isConnected } != nil)
        let before = await rig.recorder.count
        await rig.simulator.play(.stall(.seconds(1)))
        #expect(await rig.recorder.first(from: before) { $0.isConnectionLost } != nil, "the keep-alive reset the session")
        #expect(await rig.recorder.first(from: before) { $0.isConnected } != nil)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!(await rig.recorder.events.contains(where: \.isRestart)), "the unit never dropped the connection itself")
    }

    @Test(arguments: DialectKind.allCases)
    func garbageAndAMegabyteLineGiveAClearErrorAndAFreshSession(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect)
        defer { Task { await rig.shutDown() } }
        await rig.client.start()
        #expect(await rig.recorder.first { $0.isConnected } != nil)
        await rig.simulator.play(.garbage(bytes: 8192))
        await rig.simulator.update { $0.nearMuted = true }
        #expect(try await rig.client.nearMute() == true, "line noise does not break the session")
        let before = await rig.recorder.count
        await rig.simulator.play(.longLine(bytes: 1 << 20))
        let error = await rig.recorder.first(from: before) { if case .protocolError = $0 { true } else { false } }
        guard case let .protocolError(message) = error else {
            Issue.record("no protocol error: \(await rig.recorder.events)")
            return
        }
        #expect(message.description.contains("longer than 65536 bytes"))
        #expect(message.description.contains("the connection was reset"))
        #expect(await rig.client.decoder.bufferedByteCount <= 65536)
        #expect(await rig.recorder.first(from: before) { $0.isConnected } != nil)
        #expect(try await rig.client.nearMute() == true)
        #expect(await rig.simulator.callCommands.isEmpty)
    }

    @Test func answersLaggingOneCommandBehindStillReachTheirCommand() async throws {
        let rig = try await Rig.make(.poly)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        await rig.simulator.play(.lag(true))
        await rig.simulator.update {
            $0.nearMuted = true
            $0.gatekeeperAddress = "10.10.0.77"
        }
        #expect(try await rig.client.nearMute() == true)
        #expect(try await rig.client.registration().gatekeeperAddress == "10.10.0.77")
        // The echo of `gatekeeperip get` trails its answer: it must not pass for the next one.
        await rig.simulator.update { $0.gatekeeperAddress = "10.10.0.78" }
        #expect(try await rig.client.registration().gatekeeperAddress == "10.10.0.78")
        #expect(try await rig.client.calls().isEmpty)
        await rig.simulator.update { $0.nearMuted = false }
        #expect(try await rig.client.nearMute() == false)
        #expect(await rig.simulator.commands.contains(""), "the client sent an empty line to release the held answer")
    }

    @Test(arguments: DialectKind.allCases)
    func aStallTimesACommandOutClearlyAndTheSessionRecovers(dialect: DialectKind) async throws {
        let rig = try await Rig.make(dialect) { $0.commandTimeout = .seconds(1) }
        defer { Task { await rig.shutDown() } }
        await rig.client.start()
        #expect(await rig.recorder.first { $0.isConnected } != nil)
        let before = await rig.recorder.count
        await rig.simulator.play(.stall(.seconds(2)))
        do {
            _ = try await rig.client.nearMute()
            Issue.record("a stalled terminal answered")
        } catch let error as CodecError {
            guard case .commandTimedOut = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains("did not answer"))
        }
        try await Task.sleep(for: .seconds(2))
        if !rig.client.dialect.answersNameTheirCommand {
            // Cisco answers cannot be told apart: the session was opened afresh.
            #expect(await rig.recorder.first(from: before) { if case let .connectionLost(reason) = $0 { reason.description.contains("did not answer") } else { false } } != nil)
            #expect(await rig.recorder.first(from: before) { $0.isConnected } != nil)
        }
        await rig.simulator.update { $0.nearMuted = true }
        #expect(try await rig.client.nearMute() == true)
    }

    @Test func thePasswordNeverReachesTheLog() async throws {
        let rig = try await Rig.make(.poly)
        defer { Task { await rig.shutDown() } }
        try await rig.client.connect()
        _ = try await rig.client.refresh()
        let wrong = try await Rig.make(.cisco, password: "Wr0ng-but-secret")
        defer { Task { await wrong.shutDown() } }
        await #expect(throws: CodecError.self) { try await wrong.client.connect() }
        #expect(rig.log.all.contains { $0.contains("password hidden") })
        #expect(rig.log.all.count > 5)
        #expect(!rig.log.all.contains { $0.contains(Rig.password) })
        #expect(!wrong.log.all.contains { $0.contains("Wr0ng-but-secret") })
    }
}
