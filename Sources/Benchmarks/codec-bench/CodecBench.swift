import Codec
import CodecSimulator
import Foundation

/// `codec-bench`: how fast the terminal driver reads notifications, and how
/// long a status query takes on loopback against the simulator. Build it in
/// release mode: `swift build -c release --product codec-bench`.
@main
enum CodecBench {
    static func main() async {
        print("codec-bench: notification parsing (Telnet decoding + dialect + state), 8 MiB per run, 15 runs")
        for dialect in DialectKind.allCases {
            let rates = parsingRuns(dialect)
            print("  \(dialect.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) p50 \(format(percentile(rates, 0.5))) MB/s   p99 (slowest) \(format(percentile(rates, 0.01))) MB/s")
        }
        print("codec-bench: status query round trip on loopback over Telnet/TCP (client ⇄ codec-sim), pacing off, 400 queries after 20 warm-up")
        var medians: [DialectKind: Double] = [:]
        for dialect in DialectKind.allCases {
            do {
                let (command, times) = try await roundTrips(dialect)
                medians[dialect] = percentile(times, 0.5)
                print("  \(dialect.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) '\(command)'  p50 \(format(percentile(times, 0.5) * 1e6)) µs   p99 \(format(percentile(times, 0.99) * 1e6)) µs")
            } catch {
                print("  \(dialect.rawValue): failed: \(error)")
            }
        }
        if let poly = medians[.poly], let cisco = medians[.cisco], cisco > 0 {
            print("  ratio poly/cisco p50: \(format(poly / cisco))")
        }
        print("codec-bench: the same round trip for cisco over SSH (ssh client ⇄ sshd on loopback ⇄ codec-sim --stdio)")
        do {
            let (command, times) = try await sshRoundTrips()
            print("  cisco/ssh '\(command)'  p50 \(format(percentile(times, 0.5) * 1e6)) µs   p99 \(format(percentile(times, 0.99) * 1e6)) µs")
            if let cisco = medians[.cisco], cisco > 0 {
                print("  ratio ssh/telnet p50: \(format(percentile(times, 0.5) / cisco))")
            }
        } catch {
            print("  cisco/ssh: not measured: \(error)")
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
    }

    /// A burst of each dialect's notifications, with the line end its units write.
    static func notifications(_ dialect: DialectKind) -> (lines: [String], end: String) {
        switch dialect {
        case .poly:
            ([
                "notification:callstatus:incoming:34:MCU Trung tam:10.10.0.100:opened:1920::videocall",
                "notification:callstatus:incoming:34:MCU Trung tam:10.10.0.100:connected:1920::videocall",
                "notification:mutestatus:near:near:near:near:muted",
                "notification:mutestatus:far:34:MCU Trung tam:10.10.0.100:unmuted",
                "notification:mutestatus:near:near:near:near:unmuted",
                "notification:callstatus:incoming:34:MCU Trung tam:10.10.0.100:disconnected:1920:16:videocall",
            ], "\r\r\n")
        case .cisco:
            ([
                "*s Call 3 Direction: Incoming", "*s Call 3 DisplayName: \"MCU Trung tam\"", "*s Call 3 Protocol: H323",
                "*s Call 3 RemoteNumber: \"10.10.0.100\"", "*s Call 3 Status: Connected", "*s Call 3 TransmitCallRate: 1920", "** end",
                "*s Audio Microphones Mute: On", "** end", "*s Audio Microphones Mute: Off", "** end",
                "*s Call 3 (ghost=True):", "** end",
            ], "\r\n")
        case .yealink:
            ([
                "incoming \"num:10.10.0.100\" \"name:MCU Trung tam\"",
                "sysstatus get ringing \"dialstr:10.10.0.100\" \"callid:34\" \"calltype:video\" \"protocol:h323\" \"direction:incoming\"",
                "sysstatus get talking \"dialstr:10.10.0.100\" \"callid:34\" \"calltype:video\" \"protocol:h323\" \"direction:incoming\"",
                "mute near get on", "mute near get off",
                "sysstatus get finished \"dialstr:10.10.0.100\" \"callid:34\" \"calltype:video\" \"protocol:h323\" \"direction:incoming\"",
            ], "\r\n")
        }
    }

    /// MB/s for each run over the same 8 MiB of notifications in 4 KiB reads.
    static func parsingRuns(_ dialect: DialectKind) -> [Double] {
        let (lines, end) = notifications(dialect)
        let block = Array(lines.map { $0 + end }.joined().utf8)
        var wire: [UInt8] = []
        while wire.count < 8 << 20 { wire += block }
        let implementation = dialect.dialect
        var rates: [Double] = []
        for _ in 0..<15 {
            var decoder = TelnetDecoder()
            var state = TerminalState()
            var events = 0
            let started = ContinuousClock.now
            var offset = 0
            while offset < wire.count {
                let chunk = wire[offset..<min(offset + 4096, wire.count)]
                offset += 4096
                guard let output = try? decoder.decode(chunk) else { break }
                for line in output.lines {
                    for observation in implementation.interpret(line) { events += state.apply(observation).count }
                }
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            precondition(events > 0, "the notifications produced no events")
            rates.append(Double(wire.count) / 1_000_000 / seconds)
        }
        return rates
    }

    /// Seconds per `mute near get` / `xStatus Audio Microphones Mute` round trip.
    static func roundTrips(_ dialect: DialectKind) async throws -> (String, [Double]) {
        let simulator = CodecSimulator(CodecSimulator.Configuration(dialect: dialect, password: "bench"))
        let port = try await simulator.start()
        defer { Task { await simulator.stop() } }
        let client = TerminalClient(
            host: "127.0.0.1", port: port, dialect: dialect.dialect,
            credentials: TerminalCredentials(user: "admin", password: "bench"), options: benchOptions)
        return try await timeNearMute(client)
    }

    /// The Cisco round trip over SSH: a real sshd on loopback (`SSHFrontDoor`,
    /// needs root and openssh-server) in front of the codec-sim built beside
    /// this benchmark, reached with key authentication.
    static func sshRoundTrips() async throws -> (String, [Double]) {
        let codecSim = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("codec-sim").path
        guard FileManager.default.isExecutableFile(atPath: codecSim) else {
            throw SSHFrontDoor.Failure(description: "build codec-sim beside codec-bench first (swift build -c release --product codec-sim)")
        }
        let door = try await SSHFrontDoor(codecSim: codecSim, password: "bench-\(UInt32.random(in: 0...UInt32.max))")
        defer { door.stop() }
        let client = TerminalClient(
            host: "127.0.0.1", port: door.port, dialect: CiscoDialect(), credentials: TerminalCredentials(user: door.user, password: ""),
            transport: .ssh(SSHAccess(knownHosts: door.knownHosts, identityFile: door.clientKey)), options: benchOptions)
        return try await timeNearMute(client)
    }

    static var benchOptions: TerminalClient.Options {
        var options = TerminalClient.Options()
        options.pacing = .zero
        options.keepAliveInterval = .seconds(3600)
        return options
    }

    /// Connects, warms up with 20 queries, then times 400 near-mute queries.
    static func timeNearMute(_ client: TerminalClient) async throws -> (String, [Double]) {
        try await client.connect()
        for _ in 0..<20 { _ = try await client.nearMute() }
        var times: [Double] = []
        for _ in 0..<400 {
            let started = ContinuousClock.now
            _ = try await client.nearMute()
            let elapsed = ContinuousClock.now - started
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        await client.stop()
        return (client.dialect.commands(for: .nearMute)[0].text, times)
    }
}
