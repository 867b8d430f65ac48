import FleetSimulator
import Foundation
import MQTT
import PulseProbe
import Support
import TestSupport

/// The fleet at scale (issue 19): N simulated rooms (one process, the same
/// topics and behaviour as diemcaud's FleetLink) on a real Mosquitto that
/// Scripts/broker-up starts in a directory of its own, and the centre as an
/// MQTT client. Prints, for 100 and 1,000 rooms: `mute all` to every room →
/// every reply (p50, p99), a `fleet status` of every room, a broker restart
/// → every room back with its state republished, alerts raised while the
/// broker was down and lost, and memory.
///
///     swift build -c release --product fleet-bench && .build/release/fleet-bench [N ...]
@main
enum FleetBench {
    static func main() async throws {
        let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        for size in sizes.isEmpty ? [100, 1000] : sizes {
            try await run(rooms: size)
        }
    }

    static func run(rooms count: Int) async throws {
        print("fleet-bench: \(count) rooms")
        let names = (1...count).map { "r\($0)" }
        let broker = try TestBroker.own(rooms: names)
        defer { broker.wipe() }
        let province = "bench"

        var started = ContinuousClock.now
        var rooms: [SimulatedRoom] = []
        for name in names {
            let room = SimulatedRoom(province: province, room: name, host: broker.host, port: broker.port,
                                     password: try broker.password(of: name))
            await room.start()
            rooms.append(room)
        }
        for room in rooms { try await room.client.waitUntilConnected(within: .seconds(30)) }
        print("  connect every room: \(milliseconds(ContinuousClock.now - started)) ms")

        let centre = MQTTClient(ClientOptions(
            host: broker.host, port: broker.port, clientID: "bench-centre", username: "centre",
            password: try broker.password(of: "centre"), cleanSession: false, outboxLimit: 100_000))
        try await centre.connect()
        try await centre.subscribe([
            .init("diemcau/\(province)/+/reply", qos: .atLeastOnce), .init("diemcau/\(province)/+/alert", qos: .atLeastOnce),
            .init("diemcau/\(province)/+/state", qos: .atLeastOnce),
        ])
        let inbox = Inbox(centre)

        // mute all → every reply.
        try await Task.sleep(for: .milliseconds(500))
        var sent: [String: ContinuousClock.Instant] = [:]
        started = ContinuousClock.now
        for name in names {
            sent[name] = .now
            try await centre.publish("diemcau/\(province)/\(name)/command", Array("{\"id\":\"m-\(name)\",\"command\":\"mute all\"}".utf8), qos: .atLeastOnce)
        }
        let replies = await inbox.wait(seconds: 30) { $0.replies.count >= count }.replies
        let latencies = replies.compactMap { name, arrived in sent[name].map { arrived - $0 } }
        let figures = Figures(latencies)
        print("  mute all → every reply: \(replies.count)/\(count) replies in \(milliseconds(ContinuousClock.now - started)) ms; per room p50 \(figures.p50), p99 \(figures.p99)")

        // fleet status: a new client, every room's retained state.
        started = ContinuousClock.now
        let status = MQTTClient(ClientOptions(host: broker.host, port: broker.port, clientID: "bench-status", username: "centre",
                                              password: try broker.password(of: "centre")))
        try await status.connect()
        let statusInbox = Inbox(status)
        try await status.subscribe([.init("diemcau/\(province)/+/state", qos: .atLeastOnce)])
        let states = await statusInbox.wait(seconds: 30) { $0.states.count >= count }.states
        print("  fleet status of every room: \(states.count)/\(count) states in \(milliseconds(ContinuousClock.now - started)) ms")
        await status.stop()

        // Broker restart, with two alerts per room raised while it is down.
        let brokerMemory = residentKilobytes(of: brokerPID(broker))
        try broker.stop()
        for room in rooms {
            await room.raiseAlert(1)
            await room.raiseAlert(2)
        }
        await inbox.resetForRestart()
        started = ContinuousClock.now
        try broker.restart()
        let back = await inbox.wait(seconds: 60) { $0.republished.count >= count && $0.alerts.count >= 2 * count }
        let elapsed = ContinuousClock.now - started
        print("  broker restart → every room back, state republished: \(back.republished.count)/\(count) in \(milliseconds(elapsed)) ms")
        print("  alerts raised while the broker was down: \(2 * count), received \(back.alerts.count), lost \(2 * count - back.alerts.count)")
        print("  memory: broker \(brokerMemory / 1024) MB before the restart, \(residentKilobytes(of: brokerPID(broker)) / 1024) MB after; "
              + "this process (\(count) simulated rooms and the centre) \(residentKilobytes(of: getpid()) / 1024) MB")

        await centre.stop()
        for room in rooms { await room.stop() }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    static func brokerPID(_ broker: TestBroker) -> Int32 {
        Int32(String(decoding: (try? WholeFile.read(broker.directory + "/pid")) ?? [], as: UTF8.self).trimmed(of: ["\n"])) ?? 0
    }

    static func residentKilobytes(of pid: Int32) -> Int {
        let text = String(decoding: (try? WholeFile.read("/proc/\(pid)/status")) ?? [], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// What the centre received, by kind and room.
actor Inbox {
    struct Seen: Sendable {
        var replies: [String: ContinuousClock.Instant] = [:]
        var states: Set<String> = []
        var republished: Set<String> = []
        var alerts: Set<String> = []
    }

    private var seen = Seen()

    init(_ client: MQTTClient) {
        Task { [client] in
            for await message in client.messages { await self.take(message) }
        }
    }

    private func take(_ message: Packet.Publish) {
        let levels = message.topic.split(separator: "/")
        guard levels.count == 4 else { return }
        let room = String(levels[2])
        let text = String(decoding: message.payload, as: UTF8.self)
        switch levels[3] {
        case "reply": if seen.replies[room] == nil { seen.replies[room] = .now }
        case "state":
            seen.states.insert(room)
            if text.contains("\"connections\":2") { seen.republished.insert(room) }
        case "alert":
            if let range = text.range(of: "\"incident\":") { seen.alerts.insert(room + "#" + text[range.upperBound...].prefix(1)) }
        default: break
        }
    }

    func resetForRestart() {
        seen.republished = []
        seen.alerts = []
    }

    func wait(seconds: Double, until done: (Seen) -> Bool) async -> Seen {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !done(seen) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return seen
    }
}
