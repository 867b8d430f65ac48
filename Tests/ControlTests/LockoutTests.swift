import Control
import Foundation
import Glibc
import Room
import Testing

/// The control port cannot be taken from the centre: silent connections
/// cannot fill it, guessing from many addresses is slowed for all of them,
/// and a correct login is never held up by an earlier mistake.
@Suite("The centre cannot be locked out", .serialized)
struct LockoutTests {
    static let mcuToken = ServerFixture.tokens[.mcu]!

    @Test("63 silent connections from one address, refilled at once: every fresh MCU login gets in, from that address too")
    func silentConnectionsDoNotLockTheCentreOut() async throws {
        let room = try await ServerFixture.start()
        var silent: [LineClient] = []
        for _ in 0..<63 { silent.append(try LineClient.tcp(port: room.port, from: "127.0.5.1")) }
        var logins = 0
        for round in 0..<21 {
            // The attacker refills as fast as it is closed.
            for _ in 0..<8 { silent.append(try LineClient.tcp(port: room.port, from: "127.0.5.1")) }
            let source = round % 3 == 0 ? "127.0.5.1" : "127.0.5.2"
            let centre = try await room.client(from: source)
            if try await centre.ask("login \(Self.mcuToken)") == "OK login role=mcu" { logins += 1 }
        }
        #expect(logins == 21, "\(logins) of 21 fresh MCU logins got in")
        let waiting = await room.server.connectionCount
        #expect(waiting <= 32 + 21, "connections open: \(waiting)")
        await room.stop()
    }

    @Test("500 idle connections from 125 addresses: a fresh MCU login still takes milliseconds")
    func freshLoginBesideFiveHundredIdleConnections() async throws {
        let room = try await ServerFixture.start()
        var idle: [LineClient] = []
        for index in 0..<500 { idle.append(try LineClient.tcp(port: room.port, from: "127.0.6.\(index / 4 + 1)")) }
        var times: [Double] = []
        for _ in 0..<20 {
            let started = ContinuousClock.now
            let centre = try await room.client(from: "127.0.0.1")
            #expect(try await centre.ask("login \(Self.mcuToken)") == "OK login role=mcu")
            let took = ContinuousClock.now - started
            times.append(Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1000)
        }
        times.sort()
        #expect(times[times.count / 2] < 100, "median \(times[times.count / 2]) ms")
        print(String(format: "fresh MCU login beside 500 idle connections: median %.2f ms, max %.2f ms (n=%d)", times[times.count / 2], times.last!, times.count))
        await room.stop()
    }

    @Test("guessing tokens from 60 addresses at once: the whole room answers about one wrong login a second after the first ten")
    func guessingFromManyAddressesIsSlowedForAll() async throws {
        let room = try await ServerFixture.start()
        let seconds = 4.0
        let deadline = Date().addingTimeInterval(seconds)
        let port = room.port
        let answered = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<60 {
                group.addTask {
                    let guesser = try LineClient.tcp(port: port, from: "127.0.7.\(index + 1)")
                    _ = try await guesser.line()
                    var failed = 0
                    while Date() < deadline {
                        let reply = try await guesser.ask("login wrong-token-\(index)-\(UInt32.random(in: 0...UInt32.max))")
                        guard reply.hasPrefix("ERR login-failed") else { break }
                        if Date() < deadline { failed += 1 }
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        let rate = Double(answered) / seconds
        print(String(format: "wrong logins answered from 60 addresses: %d in %.0f s (%.1f/s)", answered, seconds, rate))
        #expect(answered <= 10 + Int(seconds) + 3, "\(answered) wrong logins answered in \(seconds) s")
        await room.stop()
    }

    @Test("after four wrong tokens, the correct one gets in at once, and so does every later one")
    func aCorrectLoginClearsTheBackOff() async throws {
        let room = try await ServerFixture.start()
        let panel = try await room.client(from: "127.0.8.1")
        for _ in 0..<4 { #expect(try await panel.ask("login stale-button-token").hasPrefix("ERR login-failed")) }
        // The fourth failure asks the next attempt to wait 4 s; a correct token waits that once.
        let first = try await room.client(from: "127.0.8.1")
        #expect(try await first.ask("login \(Self.mcuToken)") == "OK login role=mcu")
        for _ in 0..<3 {
            let started = ContinuousClock.now
            let again = try await room.client(from: "127.0.8.1")
            #expect(try await again.ask("login \(Self.mcuToken)") == "OK login role=mcu")
            #expect(ContinuousClock.now - started < .milliseconds(500), "a correct login from a cleared address was held up")
        }
        await room.stop()
    }
}
