@testable import Control
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
        // The burst the limit lets through: ten wrong logins, from ten addresses.
        for index in 0..<10 {
            let early = try await room.client(from: "127.0.11.\(index + 1)")
            #expect(try await early.ask("login wrong-token-burst-\(index)").hasPrefix("ERR login-failed"))
        }
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
                        // A guess queued behind the others may not be answered within
                        // the client's 10 s: that is the point, and the end of this guesser.
                        guard let reply = try? await guesser.ask("login wrong-token-\(index)-\(UInt32.random(in: 0...UInt32.max))"),
                              reply.hasPrefix("ERR login-failed") else { break }
                        if Date() < deadline { failed += 1 }
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        let rate = Double(answered) / seconds
        print(String(format: "wrong logins answered from 60 addresses past the burst of 10: %d in %.0f s (%.1f/s)", answered, seconds, rate))
        // Past the burst: one a second in all, whatever the address (a slot at the start and one each second after).
        #expect(answered <= Int(seconds) + 1, "\(answered) wrong logins answered in \(seconds) s past the burst")
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

@Suite("A login held by the back-off is still a login")
struct HeldLoginTests {
    @Test("a correct token that waits out the back-off longer than the login time-out still gets in")
    func aHeldLoginIsNotClosedForNotLoggingIn() async throws {
        let room = try await ServerFixture.start { $0.loginTimeout = .seconds(1) }
        let panel = try await room.client(from: "127.0.10.1")
        for _ in 0..<3 { #expect(try await panel.ask("login stale-button-token").hasPrefix("ERR login-failed")) }
        // The next attempt from this address waits 2 s, twice the login time-out.
        let centre = try await room.client(from: "127.0.10.1")
        #expect(try await centre.ask("login \(ServerFixture.tokens[.mcu]!)") == "OK login role=mcu")
        await room.stop()
    }
}

@Suite("Tokens made by diemcau")
struct GeneratedTokenTests {
    @Test("each role gets its own 24-letter token from the look-alike-free alphabet, and the file text loads as the daemon reads it")
    func generatedTokensLoad() throws {
        let tokens = RoleTokens.generate()
        #expect(Set(tokens.keys) == Set(Role.allCases))
        #expect(Set(tokens.values).count == 3, "three different tokens")
        let alphabet = Set("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        #expect(tokens.values.allSatisfy { $0.count == 24 && $0.allSatisfy(alphabet.contains) })
        let path = NSTemporaryDirectory() + "diemcau-tokens-\(UUID().uuidString.prefix(8))"
        defer { unlink(path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(RoleTokens.fileText(tokens).utf8), attributes: [.posixPermissions: 0o600])
        let loaded = try RoleTokens.load(from: path)
        for (role, token) in tokens { #expect(loaded.role(for: token) == role) }
        // Two runs never agree (139 bits each): the generator is not seeded the same way twice.
        #expect(RoleTokens.generate()[.mcu] != tokens[.mcu])
    }
}

@Suite("What one client may add to the logbook")
struct LogbookBudgetTests {
    @Test("past 20 notes a minute one client is refused, with why; another client is not, and the allowance refills")
    func notesAreBounded() async throws {
        let room = try await ServerFixture.start {
            $0.logbookEntriesPerMinute = 20
            $0.logbookBytesPerMinute = 20 * 1024
        }
        let busy = try await room.client(as: .technician)
        for index in 0..<20 { #expect(try await busy.ask("note line \(index)").hasPrefix("OK note")) }
        #expect(try await busy.ask("note one too many")
            == "ERR refused the logbook takes at most 20 notes, faults and fixes (20 KB of text) a minute from one client: wait a minute, or write fewer, longer notes")
        #expect(try await busy.ask("status").hasPrefix("OK status"), "other commands still go through")
        let other = try await room.client(from: "127.0.9.1")
        #expect(try await other.ask("login \(ServerFixture.tokens[.technician]!)") == "OK login role=technician")
        #expect(try await other.ask("note from the other desk").hasPrefix("OK note"))
        // A minute refills 20; 3.5 s refills one.
        try await Task.sleep(for: .milliseconds(3500))
        #expect(try await busy.ask("note after a pause").hasPrefix("OK note"))
        await room.stop()
    }

    @Test func bytesCountToo() {
        var budget = LogbookBudget(entriesPerMinute: 100, bytesPerMinute: 8 * 1024)
        let now = ContinuousClock.now
        let spent = [
            budget.spend(4096, by: "10.0.0.1", now: now),
            budget.spend(4096, by: "10.0.0.1", now: now),
            budget.spend(4096, by: "10.0.0.1", now: now),  // 12 KB in a minute past an 8 KB allowance
            budget.spend(4096, by: "10.0.0.2", now: now),  // another client has its own
            budget.spend(4096, by: "10.0.0.1", now: now + .seconds(30)),  // half a minute refills half
        ]
        #expect(spent == [true, true, false, true, true])
    }
}
