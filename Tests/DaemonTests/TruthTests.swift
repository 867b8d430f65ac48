import Control
import DemoRoom
import Foundation
import PulseProbe
import Testing

/// Every OK is true: the real `diemcaud` answers a command only once the
/// mixer read it back (checked from outside with `pactl`) and its logbook
/// entry is on the disk; floods settle on the last command; SIGTERM is
/// bounded whatever is queued.
@Suite("Every OK is true, under floods", .serialized)
struct TruthTests {
    @Test("3,000 grant/end pairs from two centres: every one answered, and the room settles on the last command within 200 ms")
    func floodSettlesOnTheLastCommand() async throws {
        let room = try RoomFixture.make("flood")
        defer { Task { await room.tearDown() } }
        try await room.start()
        let port = try #require(await room.controlPort), token = try #require(await room.token(.mcu))
        let sources = await room.sources()
        let mic2 = try #require(sources["mic2"])

        // Two connections, 1,500 pairs each, sent 50 lines at a time ahead of their replies.
        let started = Date()
        let answers = try await Self.onThreads(2) { _ in
            try Flood.pairs(1_500, port: port, token: token, last: "floor end")
        }
        let flooded = Date().timeIntervalSince(started)
        #expect(answers.allSatisfy { $0.errors.isEmpty }, "errors: \(answers.flatMap(\.errors).prefix(5))")
        #expect(answers.map(\.replies).reduce(0, +) == 6_002, "3,000 pairs and the last command on each of two connections")

        // The last command of both was `floor end`: within 200 ms every source is muted, and stays so.
        #expect(try await Self.within(0.2) { sources.values.allSatisfy { Pulse.sourceMuted($0) == true } },
                "the room did not settle muted within 200 ms of the last reply")
        for _ in 0..<10 {
            try await Task.sleep(for: .milliseconds(100))
            #expect(sources.values.allSatisfy { Pulse.sourceMuted($0) == true }, "a microphone opened after the flood's last reply")
        }
        guard case .ok(let status) = try await room.mcu("status") else { Issue.record("no status"); return }
        #expect(status.value("open") == "" && status.value("floor") == "")

        // And a flood that ends with a grant leaves exactly that microphone open.
        _ = try await Self.onThreads(1) { _ in try Flood.pairs(500, port: port, token: token, last: "floor grant mic2") }
        #expect(try await Self.within(0.2) { Pulse.sourceMuted(mic2) == false })
        try await Task.sleep(for: .milliseconds(500))
        #expect(Pulse.sourceMuted(mic2) == false)
        #expect(sources.filter { $0.key != "mic2" }.values.allSatisfy { Pulse.sourceMuted($0) == true })
        print("flood: 6,000 commands answered in \(String(format: "%.2f", flooded)) s")
        #expect(await room.stop() == 0)
    }

    @Test("an OK to unmute means pactl already sees the microphone open")
    func okMeansTheMixerHasIt() async throws {
        let room = try RoomFixture.make("ok-true")
        defer { Task { await room.tearDown() } }
        try await room.start()
        let sources = await room.sources()
        for round in 0..<20 {
            let grant = round % 2 == 0
            let reply = try await room.mcu(grant ? "floor grant mic3" : "floor end")
            guard case .ok = reply else { Issue.record("\(reply)"); return }
            // Asked right after the OK, with no wait: the mixer has it already.
            #expect(Pulse.sourceMuted(sources["mic3"]!) == !grant, "round \(round): OK came before the mixer changed")
        }
        #expect(await room.stop() == 0)
    }

    @Test("SIGTERM in the middle of a flood: the daemon ends within 5 s, status 0, every microphone muted")
    func sigtermDuringAFloodIsBounded() async throws {
        let room = try RoomFixture.make("term-flood")
        defer { Task { await room.tearDown() } }
        try await room.start()
        let port = try #require(await room.controlPort), token = try #require(await room.token(.mcu))
        let sources = await room.sources()
        // Four centres flooding grants and ends, not waiting for their replies.
        for _ in 0..<4 {
            Thread.detachNewThread {
                _ = try? Flood.pairs(50_000, port: port, token: token, last: "floor grant all", window: 400)
            }
        }
        try await Task.sleep(for: .milliseconds(700))
        let pid = try #require(await room.processIdentifier)
        let sent = Date()
        #expect(await room.signal(SIGTERM))
        let status = await room.stop(timeout: 10)
        let took = Date().timeIntervalSince(sent)
        #expect(status == 0, "exit status \(String(describing: status)); log:\n\(room.daemonLog().suffix(2000))")
        #expect(took < 5, "SIGTERM took \(took) s (pid \(pid))")
        #expect(sources.values.allSatisfy { Pulse.sourceMuted($0) == true }, "a microphone was left open")
        print("SIGTERM during a flood: stopped in \(String(format: "%.2f", took)) s")
    }

    // MARK: Helpers

    /// Runs `body` on `count` threads of their own (blocking sockets) and collects the results.
    static func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread.detachNewThread { continuation.resume(with: Result { try body(index) }) }
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Polls `condition` every 5 ms for at most `seconds`.
    static func within(_ seconds: Double, _ condition: @escaping @Sendable () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }
}

/// A centre that sends floor commands as fast as the daemon takes them.
enum Flood {
    struct Answers: Sendable {
        var replies = 0
        var errors: [String] = []
    }

    /// `count` grant/end pairs on one TCP connection, `window` lines ahead of
    /// their replies, then `last`; returns once every reply is in.
    static func pairs(_ count: Int, port: UInt16, token: String, last: String, window: Int = 50) throws -> Answers {
        let link = try ControlLink(host: "127.0.0.1", port: port)
        try link.greet { token }
        var lines: [String] = []
        for index in 0..<count {
            lines.append(index % 3 == 0 ? "floor grant mic2" : "floor grant chair")
            lines.append("floor end")
        }
        lines.append(last)
        var answers = Answers()
        var sent = 0
        while answers.replies < lines.count {
            while sent < lines.count, sent - answers.replies < window {
                try link.send(lines[sent])
                sent += 1
            }
            switch try link.nextLine(timeout: 30) {
            case .reply(.ok): answers.replies += 1
            case .reply(.error(let code, let message)):
                answers.replies += 1
                answers.errors.append("\(code.rawValue) \(message)")
            default: continue
            }
        }
        return answers
    }
}
