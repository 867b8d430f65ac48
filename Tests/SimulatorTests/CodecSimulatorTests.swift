@testable import Codec
@testable import CodecSimulator
import Foundation
import Testing

/// The simulator speaks as the vendors' guides show, byte for byte where
/// they give bytes; these tests read it with a bare socket, not the driver.
@Suite(.serialized) struct CodecSimulatorTests {
    /// Reads until `marker` shows up in what has come so far.
    func read(_ reads: inout AsyncStream<SocketRead>.Iterator, until marker: String, into received: inout [UInt8]) async -> Bool {
        while String(decoding: received, as: UTF8.self).range(of: marker) == nil {
            guard case let .bytes(bytes) = await reads.next() else { return false }
            received += bytes
        }
        return true
    }

    /// A simulator, and a bare socket connected to it.
    struct BareSession {
        let simulator: CodecSimulator
        let link: TCPConnection

        init(_ configuration: CodecSimulator.Configuration) async throws {
            simulator = CodecSimulator(configuration)
            let port = try await simulator.start()
            link = try await TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
        }

        func end() {
            link.close()
            Task { [simulator] in await simulator.stop() }
        }
    }

    @Test func polyAsksThePasswordWithoutALineEndAndEndsLinesWithCrCrLf() async throws {
        let session = try await BareSession(CodecSimulator.Configuration(dialect: .poly, password: "pw"))
        defer { session.end() }
        let (simulator, link) = (session.simulator, session.link)
        var reads = link.reads.makeAsyncIterator()
        var received: [UInt8] = []
        #expect(await read(&reads, until: "Password: ", into: &received))
        #expect(received == Array("\r\n\r\nPassword: ".utf8))
        try link.write(Array("bad\r\n".utf8))
        received = []
        #expect(await read(&reads, until: "Password: ", into: &received))
        #expect(String(decoding: received, as: UTF8.self).contains("-- login failed, retry --\r\r\n"))
        try link.write(Array("pw\r\n".utf8))
        received = []
        #expect(await read(&reads, until: "-> ", into: &received))
        let welcome = String(decoding: received, as: UTF8.self)
        #expect(welcome.hasPrefix("Hi, my name is : UBND xa Tan Phu\r\r\nHere is what I know about myself:\r\r\n"))
        #expect(welcome.hasSuffix("\r\r\n-> "))
        try link.write(Array("mute near get\r\n".utf8))
        received = []
        #expect(await read(&reads, until: "-> ", into: &received))
        #expect(received == Array("mute near get\r\r\nmute near off\r\r\n-> ".utf8), "echo, answer, prompt")
        try link.write(Array("hangup all\r\n".utf8))
        received = []
        #expect(await read(&reads, until: "-> ", into: &received))
        #expect(await simulator.callCommands == ["hangup all"], "every command is recorded, call commands picked out")
        #expect(await simulator.received.contains { $0.text == "(password)" })
        #expect(!(await simulator.received.contains { $0.text.contains("pw") }), "the simulator does not record passwords either")
    }

    /// What a Poly says after its login to each command, read up to the
    /// command's marker, as one text.
    func polyTranscript(_ exchanges: [(command: String, until: String)], unit: (inout CodecSimulator.Configuration) -> Void) async throws -> String {
        var configuration = CodecSimulator.Configuration(dialect: .poly, password: "pw")
        unit(&configuration)
        let session = try await BareSession(configuration)
        defer { session.end() }
        let link = session.link
        var reads = link.reads.makeAsyncIterator()
        var received: [UInt8] = []
        _ = await read(&reads, until: "Password: ", into: &received)
        try link.write(Array("pw\r\n".utf8))
        _ = await read(&reads, until: "-> ", into: &received)
        received = []
        for (command, marker) in exchanges {
            try link.write(Array("\(command)\r\n".utf8))
            _ = await read(&reads, until: marker, into: &received)
        }
        return String(decoding: received, as: UTF8.self)
    }

    @Test(arguments: ["error: command not found", "error: this command is not supported on this model"])
    func aPolyWithoutACommandRefusesItInTheGuidesWords(refusal: String) async throws {
        let text = try await polyTranscript([("whoami", "-> ")]) { $0.refusedCommands = ["whoami": refusal] }
        #expect(text == "whoami\r\r\n\(refusal)\r\r\n-> ", "echo, refusal, prompt")
    }

    @Test func aPolyMayPrintNoPromptAfterWhoami() async throws {
        let text = try await polyTranscript([("whoami", "SNMP Enabled: True\r\r\n"), ("mute near get", "-> ")]) { $0.promptAfterWhoami = false }
        #expect(text.hasPrefix("whoami\r\r\nHi, my name is : UBND xa Tan Phu\r\r\nHere is what I know about myself:\r\r\n"))
        #expect(text.hasSuffix("SNMP Enabled: True\r\r\nmute near get\r\r\nmute near off\r\r\n-> "), "the block ends with no prompt: \(text.debugDescription)")
    }

    @Test func yealinkAsksNoLoginNamesItselfAndRepeatsEachCommandInItsAnswer() async throws {
        let session = try await BareSession(CodecSimulator.Configuration(dialect: .yealink, password: ""))
        defer { session.end() }
        let (simulator, link) = (session.simulator, session.link)
        var reads = link.reads.makeAsyncIterator()
        var received: [UInt8] = []
        #expect(await read(&reads, until: "\r\n", into: &received))
        #expect(received == Array("version \"model:VC800\" \"firmware:63.345.0.5\" \"hardware:63.1.0.0.0.0.0\" \"productId:VC800\" \"cc_version:1.0.0.12\"\r\n".utf8))
        received = []
        try link.write(Array("mute near get\r\n".utf8))
        #expect(await read(&reads, until: "\r\n", into: &received))
        #expect(received == Array("mute near get off\r\n".utf8), "no echo, no prompt")
        received = []
        try link.write(Array("sysstatus get\r\n".utf8))
        #expect(await read(&reads, until: "\r\n", into: &received))
        #expect(received == Array("sysstatus get idle\r\n".utf8))
        // State changes come unasked.
        received = []
        await simulator.play(.incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .h323))
        #expect(await read(&reads, until: "direction:incoming\"\r\n", into: &received))
        #expect(received == Array("incoming \"num:10.10.0.100\" \"name:MCU Trung tam\"\r\nsysstatus get ringing \"dialstr:10.10.0.100\" \"callid:34\" \"calltype:video\" \"protocol:h323\" \"direction:incoming\"\r\n".utf8))
        received = []
        await simulator.play(.nearMute(true))
        #expect(await read(&reads, until: "\r\n", into: &received))
        #expect(received == Array("mute near get on\r\n".utf8))
        #expect(await simulator.received.allSatisfy(\.afterLogin), "the session was open from the first byte")
    }

    @Test func ciscoOpensWithOptionNegotiationAndLogsIn() async throws {
        let session = try await BareSession(CodecSimulator.Configuration(dialect: .cisco, password: "pw"))
        defer { session.end() }
        let (simulator, link) = (session.simulator, session.link)
        var reads = link.reads.makeAsyncIterator()
        var received: [UInt8] = []
        #expect(await read(&reads, until: "login: ", into: &received))
        #expect(received == [255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39] + Array("login: ".utf8))
        try link.write([255, 252, 24] + Array("admin\r\n".utf8))
        received = []
        #expect(await read(&reads, until: "Password: ", into: &received))
        try link.write(Array("pw\r\n".utf8))
        received = []
        #expect(await read(&reads, until: "OK\r\n", into: &received))
        #expect(String(decoding: received, as: UTF8.self).contains("Cisco Codec Release ce9.15.3.17 2fdb8f9d4b0\r\n"))
        #expect(String(decoding: received, as: UTF8.self).contains("*r Login successful\r\n\r\nOK\r\n"))
        try link.write(Array("xStatus Audio Microphones Mute\r\n".utf8))
        received = []
        #expect(await read(&reads, until: "OK\r\n", into: &received))
        #expect(received == Array("xStatus Audio Microphones Mute\r\n*s Audio Microphones Mute: Off\r\n** end\r\n\r\nOK\r\n".utf8))
        #expect(await simulator.negotiationReplies == [255, 252, 24])
    }

    @Test func scriptsParseAndBadLinesAreNamed() throws {
        let steps = try ScenarioStep.parse(script: """
            # the MCU calls, mutes the room, the line drops
            incoming-call "MCU Trung tam" 10.10.0.100 1920 sip
            wait 0.5
            near-mute on   # muted by the MCU
            drop-call 34 remote
            registration-lost h323
            restart 2
            stall 3.5
            """)
        #expect(steps == [
            .incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: 1920, protocol: .sip),
            .wait(.milliseconds(500)),
            .nearMute(true),
            .dropCall(id: 34, cause: "remote"),
            .registrationLost(.h323Gatekeeper),
            .restart(downFor: .seconds(2)),
            .stall(.milliseconds(3500)),
        ])
        #expect(throws: ScenarioError.self) { try ScenarioStep.parse(script: "near-mute on\nexplode now") }
        do {
            _ = try ScenarioStep.parse(script: "near-mute on\nexplode now")
        } catch {
            #expect("\(error)".contains("line 2"))
        }
    }
}
