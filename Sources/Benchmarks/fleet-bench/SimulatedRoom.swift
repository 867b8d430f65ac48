import Foundation
import MQTT

/// One room of the fleet simulator: the topics, the retained state, the will
/// and the command replies of a `diemcaud` in the fleet (Sources/diemcaud/
/// FleetLink.swift), without the devices. Many of them share one process.
actor SimulatedRoom {
    let province: String
    let room: String
    let client: MQTTClient
    private var muted = false
    private var connections = 0

    var root: String { "diemcau/\(province)/\(room)" }

    init(province: String, room: String, host: String, port: UInt16, password: String) {
        self.province = province
        self.room = room
        let offline = "{\"version\":1,\"province\":\"\(province)\",\"room\":\"\(room)\",\"online\":false}"
        client = MQTTClient(ClientOptions(
            host: host, port: port, clientID: "sim-\(province)-\(room)", username: room, password: password,
            keepAlive: .seconds(30), cleanSession: false,
            will: Packet.Publish(topic: "diemcau/\(province)/\(room)/state", payload: Array(offline.utf8), qos: .atLeastOnce, retain: true),
            outboxLimit: 10_000, firstRetry: .milliseconds(200), longestRetry: .seconds(1)))
    }

    func start() async {
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
        default:
            reply = "{\"id\":\(id),\"ok\":false,\"error\":\"unknown-command\",\"message\":\"the simulator answers mute and status\"}"
        }
        try? await client.publish(root + "/reply", Array(reply.utf8), qos: .atLeastOnce)
        await publishState()
    }

    func raiseAlert(_ number: Int) async {
        let alert = "{\"event\":\"alert\",\"data\":{\"incident\":\(number),\"kind\":\"reported\",\"detail\":\"simulated \(number)\"}}"
        try? await client.publish(root + "/alert", Array(alert.utf8), qos: .atLeastOnce)
    }

    func stop() async {
        await client.stop()
    }
}
