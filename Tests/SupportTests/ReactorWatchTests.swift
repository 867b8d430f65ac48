import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Support

/// Watches: descriptors their owner reads and closes (a listening socket).
@Suite struct ReactorWatchTests {
    /// Connects to 127.0.0.1:`port` (blocking), or -1.
    static func connectClient(_ port: UInt16) -> Int32 {
        (try? connectedSocket(host: "127.0.0.1", port: port, type: Int32(SOCK_STREAM.rawValue), timeout: 1000))?.takeRawValue() ?? -1
    }

    /// Waits until `condition` holds, for at most two seconds.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(2)
        while !condition() {
            if ContinuousClock.now > deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    @Test func aListeningSocketIsReadyWhenAClientWaitsPausedWhenAskedAndGoneAfterCancel() async throws {
        let reactor = Reactor(name: "reactor-watch")
        defer { reactor.stop() }
        let (listener, port) = try loopbackSocket(SOCK_STREAM)
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        let accepted = Mutex<[Int32]>([])
        let watch = try reactor.watch(listener) { _ in
            while case let client = accept(listener, nil, nil), client >= 0 {
                accepted.withLock { $0.append(client) }
            }
        }
        let first = Self.connectClient(port)
        #expect(await Self.eventually { accepted.withLock { $0.count } == 1 })

        watch.pause()
        try await Task.sleep(for: .milliseconds(50))
        let second = Self.connectClient(port)
        try await Task.sleep(for: .milliseconds(100))
        #expect(accepted.withLock { $0.count } == 1, "paused: the second client waits in the backlog")
        watch.resume()
        #expect(await Self.eventually { accepted.withLock { $0.count } == 2 })

        let cancelled = Atomic(false)
        watch.cancel { cancelled.store(true, ordering: .releasing) }
        #expect(await Self.eventually { cancelled.load(ordering: .acquiring) })
        #expect(reactor.count == 0)
        let third = Self.connectClient(port)
        try await Task.sleep(for: .milliseconds(100))
        #expect(accepted.withLock { $0.count } == 2, "cancelled: nothing accepts")
        for fd in [first, second, third, listener] + accepted.withLock({ $0 }) { close(fd) }
    }

    @Test func aOneShotWatchWaitsToBeResumed() async throws {
        let reactor = Reactor(name: "reactor-watch")
        defer { reactor.stop() }
        let (reader, writer) = try ReactorTests.pipePair()
        let calls = Atomic(0)
        let watch = try reactor.watch(reader.rawValue, oneShot: true) { events in
            #expect(events & UInt32(POLLIN) != 0)
            calls.add(1, ordering: .relaxed)  // reads nothing: level-triggered, it would come again at once
        }
        try writer.writeAll([1])
        #expect(await Self.eventually { calls.load(ordering: .relaxed) == 1 })
        try await Task.sleep(for: .milliseconds(50))
        #expect(calls.load(ordering: .relaxed) == 1)
        watch.resume()
        #expect(await Self.eventually { calls.load(ordering: .relaxed) == 2 })
        watch.cancel()
    }

    @Test func watchingAClosedDescriptorIsRefused() throws {
        let reactor = Reactor(name: "reactor-watch")
        defer { reactor.stop() }
        #expect(throws: Errno.badDescriptor) { try reactor.watch(-1) { _ in } }
        #expect(reactor.count == 0)
    }

    @Test func timersRunInOrderNotEarlyAndACancelledOneNever() async throws {
        let reactor = Reactor(name: "reactor-timer")
        defer { reactor.stop() }
        let start = ContinuousClock.now
        let ran = Mutex<[(String, Duration)]>([])
        // Scheduled latest first: each new earliest must wake the sleeping reactor.
        for (name, after) in [("late", 120), ("cancelled", 60), ("early", 30)] {
            let scheduled = reactor.schedule(at: start + .milliseconds(after)) {
                ran.withLock { $0.append((name, ContinuousClock.now - start)) }
            }
            if name == "cancelled" { scheduled.cancel() }
        }
        #expect(await Self.eventually { ran.withLock { $0.count } == 2 })
        try await Task.sleep(for: .milliseconds(50))
        let seen = ran.withLock { $0 }
        #expect(seen.map(\.0) == ["early", "late"])
        #expect(seen.count == 2 && seen[0].1 >= .milliseconds(30) && seen[1].1 >= .milliseconds(120))
    }
}
