import Control
import DemoRoom
import Foundation
import PulseProbe

/// A bounded soak on loopback: a million control requests of every kind
/// (status, help, identity, floor and microphone orders, notes, refusals,
/// unknown commands, bad arguments) from four centres at once, each 32
/// requests ahead of its replies; resident memory after the first ten
/// thousand and at the end. Camera recalls are left out: each waits for the
/// camera's ACK behind the move before it (a second or so), which would make
/// the soak a test of the camera's speed; a flood of recalls is merged
/// instead (see CameraQueue), and the tests cover it.
enum Soak {
    static let mix = [
        "status", "help", "identity", "floor grant mic2", "floor end", "mute mic3", "unmute chair",
        "note soak", "phase preparation", "frobnicate", "floor grant nobody", "status", "mute all", "events off",
        "help floor", "status", "floor grant delegates", "floor end mic2", "call dial", "status",
    ]

    static func run(daemon: String, template: String, requests: Int) async throws {
        guard requests > 0 else { return }
        let room = DaemonBench.room(daemon, template, 100)
        try await room.start()
        defer { Task { await room.tearDown() } }
        guard let pid = await room.processIdentifier, let port = await room.controlPort, let token = await room.token(.mcu) else {
            throw BenchFailure("the soak's room did not start")
        }
        let connections = 4
        let started = Date()
        let warm = try await send(min(10_000, requests), port: port, token: token, connections: connections)
        let afterWarm = DaemonBench.memoryKilobytes(pid).resident
        var rest = Tally()
        var remaining = max(0, requests - 10_000)
        while remaining > 0 {
            let chunk = min(remaining, 100_000)
            let part = try await send(chunk, port: port, token: token, connections: connections)
            rest.replies += part.replies
            rest.errors += part.errors
            remaining -= chunk
            let done = warm.replies + rest.replies
            print(String(format: "  soak: %d of %d answered, RSS %d kB, %.0f requests/s so far", done, requests,
                         DaemonBench.memoryKilobytes(pid).resident, Double(done) / Date().timeIntervalSince(started)))
        }
        let took = Date().timeIntervalSince(started)
        try await Task.sleep(for: .seconds(2))
        let afterAll = DaemonBench.memoryKilobytes(pid).resident
        let answered = warm.replies + rest.replies
        print(String(format: "soak: %d requests of %d kinds from %d connections answered in %.0f s (%.0f/s), %d ERR as expected of the refusals",
                     answered, Set(mix).count, connections, took, Double(answered) / took, warm.errors + rest.errors))
        print("  RSS after the first 10,000: \(afterWarm) kB; after all \(answered): \(afterAll) kB; growth \(afterAll - afterWarm) kB  [goal ≤ 5 MB]")
        guard answered == requests else { throw BenchFailure("the soak got \(answered) replies to \(requests) requests") }
    }

    struct Tally: Sendable {
        var replies = 0
        var errors = 0
    }

    static func send(_ count: Int, port: UInt16, token: String, connections: Int) async throws -> Tally {
        guard count > 0 else { return Tally() }
        return try await withThrowingTaskGroup(of: Tally.self) { group in
            for index in 0..<connections {
                let share = count / connections + (index < count % connections ? 1 : 0)
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread.detachNewThread { continuation.resume(with: Result { try flood(share, offset: index, port: port, token: token) }) }
                    }
                }
            }
            return try await group.reduce(into: Tally()) { $0.replies += $1.replies; $0.errors += $1.errors }
        }
    }

    static func flood(_ count: Int, offset: Int, port: UInt16, token: String) throws -> Tally {
        let link = try ControlLink(host: "127.0.0.1", port: port)
        try link.greet { token }
        var tally = Tally()
        var sent = 0
        while tally.replies < count {
            while sent < count, sent - tally.replies < 32 {
                try link.send(mix[(sent + offset * 7) % mix.count])
                sent += 1
            }
            switch try link.nextLine(timeout: 30) {
            case .reply(.ok): tally.replies += 1
            case .reply(.error): tally.replies += 1; tally.errors += 1
            default: continue
            }
        }
        return tally
    }
}
