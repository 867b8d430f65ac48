import Foundation
import MQTT
import Testing
import TestSupport

/// The room PC's transport security (issue 19): a local Mosquitto, to which
/// the client speaks plain MQTT on loopback, bridged to the centre's
/// Mosquitto over TLS with certificates Scripts/broker-up makes with openssl.
@Suite(.serialized) struct BridgeTests {
    @Test func aRoomsMessagesCrossTheTLSBridgeAndItsCommandsComeBack() async throws {
        let tlsPort = try TestBroker.freePort()
        let centre = try TestBroker.own(extra: ["DIEMCAU_BROKER_TLS_PORT": String(tlsPort)])
        defer { centre.wipe() }
        let local = try TestBroker.own(rooms: ["room1"], extra: [
            "DIEMCAU_BROKER_BRIDGE_TO": "127.0.0.1:\(tlsPort)",
            "DIEMCAU_BROKER_BRIDGE_CA": centre.directory + "/tls/ca.crt",
            "DIEMCAU_BROKER_BRIDGE_ROOM": "room1",
        ])
        defer { local.wipe() }

        let alerts = try centre.subscriber(as: "centre", filter: "diemcau/p/room1/alert")
        defer { alerts.stop() }
        let client = MQTTClient(ClientOptions(
            host: local.host, port: local.port, clientID: "room1-behind-bridge", username: "room1",
            password: try local.password(of: "room1")))
        try await client.connect()
        try await client.subscribe([.init("diemcau/p/room1/command", qos: .atLeastOnce)])

        // The bridge connects on its own schedule: publish until the centre sees one.
        var seen: [String] = []
        for n in 1...50 where seen.isEmpty {
            try await client.publish("diemcau/p/room1/alert", Array("alert \(n)".utf8), qos: .atLeastOnce)
            seen = await alerts.waitFor(seconds: 0.2) { !$0.isEmpty }
        }
        #expect(seen.first?.hasPrefix("diemcau/p/room1/alert alert ") == true, "nothing crossed the bridge")

        try centre.publish(as: "centre", topic: "diemcau/p/room1/command", message: "status")
        var command: String?
        for await message in client.messages {
            command = String(decoding: message.payload, as: UTF8.self)
            break
        }
        #expect(command == "status")

        // It went over TLS: the centre saw the bridge on its TLS listener, as the room's account.
        let log = try String(contentsOfFile: centre.directory + "/mosquitto.log", encoding: .utf8)
        #expect(log.contains("on port \(tlsPort)."))
        #expect(log.contains("as bridge-room1"))
        await client.stop()
    }
}
