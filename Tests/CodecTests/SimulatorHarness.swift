@testable import Codec
import CodecSimulator
import Foundation
import Synchronization
import Testing

/// Records a client's events and lets a test wait for one, without polling.
actor EventRecorder {
    private(set) var events: [TerminalEvent] = []
    private var waiters: [(id: Int, from: Int, predicate: @Sendable (TerminalEvent) -> Bool, continuation: CheckedContinuation<TerminalEvent?, Never>)] = []
    private var nextWaiter = 0

    init(_ client: TerminalClient) {
        let stream = client.events
        Task { [weak self] in
            for await event in stream { await self?.record(event) }
        }
    }

    private func record(_ event: TerminalEvent) {
        events.append(event)
        let index = events.count - 1
        var remaining: [(id: Int, from: Int, predicate: @Sendable (TerminalEvent) -> Bool, continuation: CheckedContinuation<TerminalEvent?, Never>)] = []
        for waiter in waiters {
            if index >= waiter.from && waiter.predicate(event) {
                waiter.continuation.resume(returning: event)
            } else {
                remaining.append(waiter)
            }
        }
        waiters = remaining
    }

    var count: Int { events.count }

    /// The first event from index `from` on that matches, waiting up to `within`.
    func first(from: Int = 0, within: Duration = .seconds(15), where predicate: @escaping @Sendable (TerminalEvent) -> Bool) async -> TerminalEvent? {
        if let found = events.dropFirst(from).first(where: predicate) { return found }
        nextWaiter += 1
        let id = nextWaiter
        return await withCheckedContinuation { continuation in
            waiters.append((id, from, predicate, continuation))
            Task { [weak self] in
                try? await Task.sleep(for: within)
                await self?.timeOut(id)
            }
        }
    }

    private func timeOut(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: nil)
    }
}

/// Collects what the client logs.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}

struct Rig {
    let simulator: CodecSimulator
    let client: TerminalClient
    let recorder: EventRecorder
    let log: LogLines

    static let password = "Dc#2026-secret"

    static func make(
        _ dialect: DialectKind, password: String = Rig.password, asksUser: Bool = false,
        tune: (inout TerminalClient.Options) -> Void = { _ in },
        unit: (inout CodecSimulator.Configuration) -> Void = { _ in }
    ) async throws -> Rig {
        var configuration = CodecSimulator.Configuration(dialect: dialect, password: Rig.password)
        configuration.asksUser = asksUser
        unit(&configuration)
        let simulator = CodecSimulator(configuration)
        let port = try await simulator.start()
        var options = TerminalClient.Options()
        options.pacing = .milliseconds(20)
        options.commandTimeout = .seconds(4)
        options.nudgeAfter = .milliseconds(600)
        options.firstReconnectDelay = .milliseconds(200)
        options.maximumReconnectDelay = .seconds(1)
        let log = LogLines()
        options.log = { log.append($0.description) }
        tune(&options)
        let client = TerminalClient(
            host: "127.0.0.1", port: port, dialect: dialect.dialect,
            credentials: TerminalCredentials(user: "admin", password: password), options: options)
        return Rig(simulator: simulator, client: client, recorder: EventRecorder(client), log: log)
    }

    /// A rig whose terminal is in a connected call from the centre's MCU at
    /// `rateKbps` (call 34), with `packetsLost` lost so far; the client connected.
    static func inCall(_ dialect: DialectKind, rateKbps: Int = 1920, packetsLost: Int? = nil) async throws -> Rig {
        let rig = try await make(dialect)
        var steps: [ScenarioStep] = [
            .incomingCall(name: "MCU Trung tam", number: "10.10.0.100", rateKbps: rateKbps, protocol: .h323),
            .connectCall(id: nil),
        ]
        if let packetsLost { steps.append(.packetLoss(packetsLost)) }
        await rig.simulator.play(steps)
        try await rig.client.connect()
        return rig
    }

    /// Polls `condition` every 20 ms for up to `within`; whether it came true.
    func waitUntil(within: Duration = .seconds(5), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    func shutDown() async {
        await client.stop()
        await simulator.stop()
    }
}

extension TerminalEvent {
    var isConnected: Bool { if case .connected = self { true } else { false } }
    var isConnectionLost: Bool { if case .connectionLost = self { true } else { false } }
    var isRestart: Bool { if case .unitRestarted = self { true } else { false } }
}
