import Foundation
import Logbook
import MQTT
import Room
import Support

/// One room of the fleet simulator: the topics, the retained state, the will
/// and the command replies of a `diemcaud` in the fleet (Sources/diemcaud/
/// FleetLink.swift), without the devices. Many of them share one process
/// (`fleet-sim`, `fleet-bench`). It answers `mute`, `status` and `report`
/// (a half year with one meeting of the district's, as JSON figures).
public actor SimulatedRoom {
    public nonisolated let province: String
    public nonisolated let room: String
    public nonisolated let client: MQTTClient
    private var muted = false
    private var connections = 0

    var root: String { "diemcau/\(province)/\(room)" }

    public init(province: String, room: String, host: String, port: UInt16, password: String) {
        self.province = province
        self.room = room
        let offline = "{\"version\":1,\"province\":\"\(province)\",\"room\":\"\(room)\",\"online\":false}"
        client = MQTTClient(ClientOptions(
            host: host, port: port, clientID: "sim-\(province)-\(room)", username: room, password: password,
            keepAlive: .seconds(30), cleanSession: false,
            will: Packet.Publish(topic: "diemcau/\(province)/\(room)/state", payload: Array(offline.utf8), qos: .atLeastOnce, retain: true),
            outboxLimit: 10_000, firstRetry: .milliseconds(200), longestRetry: .seconds(1)))
    }

    public func start() async {
        await client.start()
        _ = try? await client.subscribe([.init(root + "/command", qos: .atLeastOnce)])
        Task { [client] in
            for await state in client.states where state.isConnected { await self.connected() }
        }
        Task { [client] in
            for await message in client.messages { await self.answer(message) }
        }
    }

    private func connected() async {
        connections += 1
        await publishState()
    }

    private func publishState() async {
        let document = "{\"version\":1,\"province\":\"\(province)\",\"district\":\"sim\",\"room\":\"\(room)\",\"online\":true,"
            + "\"status\":{\"phase\":\"idle\",\"call\":\"idle\",\"open\":\(muted ? "[]" : "[\"mic1\"]"),\"faults\":[],\"connections\":\(connections)}}"
        try? await client.publish(root + "/state", Array(document.utf8), qos: .atLeastOnce, retain: true)
    }

    private func answer(_ message: Packet.Publish) async {
        guard let request = try? JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any] else { return }
        let id = (request["id"] as? String).map { "\"\($0)\"" } ?? "null"
        let words = (request["command"] as? [String]) ?? ((request["command"] as? String)?.split(separator: " ").map(String.init) ?? [])
        let reply: String
        switch words.first?.lowercased() {
        case "mute":
            muted = true
            reply = "{\"id\":\(id),\"ok\":true,\"reply\":\"mute\",\"data\":{\"open\":[]}}"
        case "status":
            reply = "{\"id\":\(id),\"ok\":true,\"reply\":\"status\",\"data\":{\"phase\":\"idle\"}}"
        case "report":
            reply = report(words.dropFirst().first, id: id)
        default:
            reply = "{\"id\":\(id),\"ok\":false,\"error\":\"unknown-command\",\"message\":\"the simulator answers mute, status and report\"}"
        }
        try? await client.publish(root + "/reply", Array(reply.utf8), qos: .atLeastOnce)
        await publishState()
    }

    /// `report PERIOD json`: the JSON figures of a period in which the room
    /// held one meeting of the district's, an hour long, in its middle.
    private func report(_ period: String?, id: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .room
        guard let kind = period.flatMap(ReportKind.init(parsing:)), let interval = kind.period(in: calendar) else {
            return "{\"id\":\(id),\"ok\":false,\"error\":\"bad-argument\",\"message\":\"give a period such as 2026-H1\"}"
        }
        let start = interval.start.addingTimeInterval(interval.duration / 2)
        let meeting = Meeting(id: "SIM", title: "Họp mô phỏng", priority: .district, startsAt: start)
        let report = LogbookReport(entries: [
            LogEntry(time: start.addingTimeInterval(-600), record: .started(room: room)),
            LogEntry(time: start.addingTimeInterval(-300), record: .scheduled(meeting: meeting, by: "centre")),
            LogEntry(time: start, record: .sessionStarted(kind: .official, meeting: "SIM")),
            LogEntry(time: start.addingTimeInterval(3600), record: .sessionEnded(kind: .official, meeting: "SIM")),
        ], period: interval, now: interval.end)
        let data = "{\"period\":\"\(kind.name)\",\"format\":\"json\",\"meetings\":1,\"incidents\":0}"
        return "{\"id\":\(id),\"ok\":true,\"reply\":\"report\",\"data\":\(data),\"document\":\(report.document(.json).jsonLiteral)}"
    }

    public func raiseAlert(_ number: Int) async {
        let alert = "{\"event\":\"alert\",\"data\":{\"incident\":\(number),\"kind\":\"reported\",\"detail\":\"simulated \(number)\"}}"
        try? await client.publish(root + "/alert", Array(alert.utf8), qos: .atLeastOnce)
    }

    /// Marks the room offline, as diemcaud does on its way out, and disconnects.
    public func stop() async {
        let offline = "{\"version\":1,\"province\":\"\(province)\",\"room\":\"\(room)\",\"online\":false}"
        try? await client.publish(root + "/state", Array(offline.utf8), qos: .atLeastOnce, retain: true)
        for _ in 0..<25 where await client.outboxCount > 0 {
            try? await Task.sleep(for: .milliseconds(20))
        }
        await client.stop()
    }
}
