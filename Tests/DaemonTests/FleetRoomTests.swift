import Configuration
import DemoRoom
import Foundation
import Room
import Testing
import TestSupport

/// diemcaud in the fleet (issue 19): the demo room with a `fleet` section,
/// against the real Mosquitto, seen by `mosquitto_sub`/`mosquitto_pub` as
/// the centre's account.
@Suite(.serialized) struct FleetRoomTests {
    /// A demo room in a province of the test's own, as the account `room1`.
    static func room(_ name: String, broker: TestBroker, province: String, commandRole: Role? = nil) throws -> DemoRoom {
        try RoomFixture.make(name) { configuration in
            configuration.fleet = FleetSetup(
                host: broker.host, port: Int(broker.port), province: province, room: "room1", district: "demo",
                credentials: broker.credentialsFile(of: "room1"), commandRole: commandRole)
        }
    }

    @Test("commands from the broker carry the fleet section's role: an observer's mute is forbidden, its status answered")
    func theConfiguredRoleRules() async throws {
        let broker = try TestBroker.shared()
        let province = Self.province()
        let root = "diemcau/\(province)/room1"
        let room = try Self.room("fleet-role", broker: broker, province: province, commandRole: .observer)
        defer { Task { await room.tearDown() } }
        try await room.start()
        try await Self.waitUntilOnline(broker, root: root)
        let replies = try broker.subscriber(as: "centre", filter: root + "/reply")
        defer { replies.stop() }
        try await Task.sleep(for: .milliseconds(300))
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":1,"command":"unmute all"}"#)
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":2,"command":["status"]}"#)
        let lines = await replies.waitFor(seconds: 10) { $0.count >= 2 }
        #expect(lines.first?.contains(#""id":1,"ok":false,"error":"forbidden""#) == true, "\(lines)")
        #expect(lines.first?.contains("fleet") == true, "the fleet section gives the role: \(lines)")
        #expect(lines.last?.contains(#""id":2,"ok":true,"reply":"status""#) == true, "\(lines)")
        #expect(await room.stop() == 0)
    }

    static func province() -> String { "t" + UUID().uuidString.prefix(8).lowercased() }

    /// The centre's subscription to the room's replies, in place before the test publishes a command.
    static func replies(_ broker: TestBroker, root: String) async throws -> Subscriber {
        let replies = try broker.subscriber(as: "centre", filter: root + "/reply")
        try await Task.sleep(for: .milliseconds(300))
        return replies
    }

    /// Waits (at most 10 s) until the room's retained state says it is online.
    static func waitUntilOnline(_ broker: TestBroker, root: String) async throws {
        let state = try broker.subscriber(as: "centre", filter: root + "/state")
        _ = await state.waitFor(seconds: 10) { $0.contains { $0.contains(#""online":true"#) } }
        state.stop()
    }

    @Test("the state is retained, a command from the centre gets its reply with the request's id, a stop says offline")
    func stateCommandsAndReplies() async throws {
        let broker = try TestBroker.shared()
        let province = Self.province()
        let root = "diemcau/\(province)/room1"
        let room = try Self.room("fleet", broker: broker, province: province)
        defer { Task { await room.tearDown() } }
        try await room.start()

        let state = try broker.subscriber(as: "centre", filter: root + "/state")
        defer { state.stop() }
        let first = await state.waitFor(seconds: 10) { $0.contains { $0.contains(#""online":true"#) } }
        let document = try #require(first.last { $0.contains(#""online":true"#) })
        #expect(document.contains(#""version":1"#))
        #expect(document.contains(#""district":"demo""#))
        #expect(document.contains(#""phase":"#))
        #expect(document.contains(#""room":"#))

        let replies = try broker.subscriber(as: "centre", filter: root + "/reply")
        defer { replies.stop() }
        try await Task.sleep(for: .milliseconds(300))
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":"c-42","command":"mute all"}"#)
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":43,"command":"mute nosuchmic"}"#)
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":44,"command":"login secret"}"#)
        let lines = await replies.waitFor(seconds: 10) { $0.count >= 3 }
        #expect(lines.count == 3)
        #expect(lines.first?.contains(#""id":"c-42","ok":true,"reply":"mute""#) == true, "\(lines)")
        #expect(lines.dropFirst().first?.contains(#""id":43,"ok":false,"error":"not-found""#) == true, "\(lines)")
        #expect(lines.last?.contains(#""id":44,"ok":false"#) == true, "\(lines)")

        #expect(await room.stop() == 0)
        let last = await state.waitFor(seconds: 5) { $0.last?.contains(#""online":false"#) == true }
        #expect(last.last?.contains(#""online":false"#) == true, "\(last.suffix(2))")
    }

    @Test("alerts raised while the broker is down reach the centre when it is back: none lost, in order")
    func alertsAcrossABrokerRestart() async throws {
        let broker = try TestBroker.own()
        defer { broker.wipe() }
        let province = Self.province()
        let root = "diemcau/\(province)/room1"
        let session = ["-c", "-i", "centre-\(province)"]
        let before = try broker.subscriber(as: "centre", filter: root + "/alert", extra: session)
        let room = try Self.room("fleet-restart", broker: broker, province: province)
        defer { Task { await room.tearDown() } }
        try await room.start()
        let online = try broker.subscriber(as: "centre", filter: root + "/state")
        _ = await online.waitFor(seconds: 10) { $0.contains { $0.contains(#""online":true"#) } }
        online.stop()
        guard case .ok = try await room.technician("fault open \"alert before\"") else {
            Issue.record("fault open was refused")
            return
        }
        _ = await before.waitFor { $0.contains { $0.contains("alert before") } }
        before.stop()

        try broker.stop()
        for n in 1...5 {
            guard case .ok = try await room.technician("fault open \"away \(n)\"") else {
                Issue.record("fault open \(n) was refused")
                return
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        try broker.restart()
        let after = try broker.subscriber(as: "centre", filter: root + "/alert", extra: session)
        defer { after.stop() }
        let lines = await after.waitFor(seconds: 20) { $0.contains { $0.contains("away 5") } }
        let order = lines.compactMap { line in (1...5).first { line.contains("\"detail\":\"away \($0) ") } }
        var seen: [Int] = []
        for n in order where !seen.contains(n) { seen.append(n) }
        #expect(seen == [1, 2, 3, 4, 5], "\(lines)")
        // R1: the broker going and coming back made the room dial nothing.
        #expect(await room.terminal.callCommands.isEmpty)
        #expect(await room.stop() == 0)
    }

    @Test("diemcau fleet: status lists the room from its retained state, send gets its reply and names the rooms that did not answer")
    func theCentresTool() async throws {
        let broker = try TestBroker.shared()
        let province = Self.province()
        let room = try Self.room("fleet-tool", broker: broker, province: province)
        defer { Task { await room.tearDown() } }
        try await room.start()
        let tool = URL(fileURLWithPath: RoomFixture.daemon).deletingLastPathComponent().appendingPathComponent("diemcau").path
        let connection = ["--broker", "\(broker.host):\(broker.port)", "--province", province,
                          "--password-file", broker.credentialsFile(of: "centre")]
        let state = try broker.subscriber(as: "centre", filter: "diemcau/\(province)/room1/state")
        _ = await state.waitFor(seconds: 10) { $0.contains { $0.contains(#""online":true"#) } }
        state.stop()

        let status = try runToEnd(tool, ["fleet", "status"] + connection)
        #expect(status.status == 0, "\(status.output)")
        let row = status.output.split(separator: "\n").first { $0.hasPrefix("\(province)/room1") }
        #expect(row?.contains("demo") == true && row?.contains("yes") == true, "\(status.output)")
        #expect(status.output.contains("1 rooms (0 offline) of 1"), "\(status.output)")

        let everyone = try runToEnd(tool, ["fleet", "send", "all", "mute", "all"] + connection)
        #expect(everyone.status == 0, "\(everyone.output)")
        #expect(everyone.output.contains("\(province)/room1  "), "\(everyone.output)")
        #expect(everyone.output.contains(#""ok":true,"reply":"mute""#), "\(everyone.output)")

        let named = try runToEnd(tool, ["fleet", "send", "room1,room9", "status", "--timeout", "1"] + connection)
        #expect(named.status == 1)
        #expect(named.output.contains("no answer within 1.0 s from 1: \(province)/room9"), "\(named.output)")
        #expect(named.output.contains(#""reply":"status""#), "\(named.output)")

        let wrong = try runToEnd(tool, ["fleet", "status", "--broker", "\(broker.host):\(broker.port)",
                                        "--password-file", broker.credentialsFile(of: "room2")])
        #expect(wrong.status == 69)
        #expect(wrong.output.contains("credentials"), "\(wrong.output)")
        #expect(await room.stop() == 0)
    }
}
