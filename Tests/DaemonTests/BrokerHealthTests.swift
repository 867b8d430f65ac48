import Configuration
import Control
import DemoRoom
import Foundation
import Room
import Testing
import TestSupport

/// The fleet's broker is a part of the room like the others (issue 19):
/// its loss goes through the rules to the control port, the `status`
/// reply, the logbook and systemd's STATUS=, and to the broker itself once
/// it is back.
@Suite(.serialized) struct BrokerHealthTests {
    /// The room's `status` reply, as the technician gets it.
    static func status(of room: DemoRoom) async throws -> ControlMessage {
        guard case .ok(let status) = try await room.technician("status") else { throw RoomFixture.FixtureError("status was refused") }
        return status
    }

    @Test("stopping the broker is EVENT device part=broker state=lost, a status field, a logbook line and STATUS=; starting it again is back, and the centre gets both")
    func theBrokersLossIsADeviceFault() async throws {
        let broker = try TestBroker.own()
        defer { broker.wipe() }
        let province = FleetRoomTests.province()
        let root = "diemcau/\(province)/room1"
        // The centre's persistent session keeps what the room sends while the centre is not listening.
        let session = ["-c", "-i", "centre-\(province)"]
        let room = try FleetRoomTests.room("fleet-broker-health", broker: broker, province: province)
        defer { Task { await room.tearDown() } }
        try await room.start()
        let before = try broker.subscriber(as: "centre", filter: root + "/+", extra: session)
        _ = await before.waitFor(seconds: 10) { $0.contains { $0.contains(#""online":true"#) } }
        before.stop()
        _ = try await room.technician("status")

        try broker.stop()
        let lost = try await room.event(timeout: 15) { $0.topic == "device" && $0["part"]?.text == "broker" }
        #expect(lost?["state"]?.text == "lost" && lost?["healthy"]?.text == "false", "\(String(describing: lost))")
        let status = try await Self.status(of: room)
        #expect(status["broker"]?.text == "lost", "\(status)")
        #expect(status["faults"]?.text.contains("broker unreachable") == true, "\(status)")
        let line = await room.status(timeout: 10) { $0.contains("broker unreachable") }
        #expect(line?.contains("FAULT: ") == true, "\(String(describing: line))")

        try broker.restart()
        let back = try await room.event(timeout: 20) { $0.topic == "device" && $0["part"]?.text == "broker" }
        #expect(back?["state"]?.text == "back" && back?["healthy"]?.text == "true", "\(String(describing: back))")
        let again = try await Self.status(of: room)
        #expect(again["broker"] == nil && again["faults"]?.text.contains("broker") != true, "\(again)")

        // The centre: the loss as an alert (it waited in the room's outbox), then the return as an event.
        let after = try broker.subscriber(as: "centre", filter: root + "/+", extra: session)
        defer { after.stop() }
        let lines = await after.waitFor(seconds: 20) { lines in
            lines.contains { $0.hasPrefix(root + "/event") && $0.contains(#""part":"broker""#) && $0.contains(#""state":"back""#) }
        }
        let alert = lines.firstIndex { $0.hasPrefix(root + "/alert") && $0.contains(#""part":"broker""#) && $0.contains(#""state":"lost""#) }
        let event = lines.firstIndex { $0.hasPrefix(root + "/event") && $0.contains(#""part":"broker""#) && $0.contains(#""state":"back""#) }
        #expect(alert != nil && event != nil, "\(lines)")

        #expect(await room.stop() == 0)
        let logbook = try await room.logbook().entries
        #expect(logbook.contains("DEVICE broker lost") && logbook.contains("broker back"), "\(logbook)")
    }
}
