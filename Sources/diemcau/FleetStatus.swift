import Foundation
import MQTT

/// One room as its retained state says.
struct FleetRoom: Sendable {
    var province: String
    var room: String
    var district: String
    var online: Bool
    var phase: String
    var call: String
    var open: [String]
    var faults: [String]

    init?(_ message: Packet.Publish) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any],
              let room = object["room"] as? String, let province = object["province"] as? String else { return nil }
        self.province = province
        self.room = room
        district = object["district"] as? String ?? ""
        online = object["online"] as? Bool ?? false
        let status = object["status"] as? [String: Any] ?? [:]
        phase = status["phase"] as? String ?? "-"
        call = status["call"] as? String ?? "-"
        open = status["open"] as? [String] ?? []
        faults = status["faults"] as? [String] ?? []
    }

    /// The retained states of every room in scope: they arrive right after
    /// the subscription; the collection ends when none came for `quiet`.
    static func collect(_ client: MQTTClient, _ connection: FleetConnection,
                        quiet: Duration = .milliseconds(300)) async throws -> [FleetRoom] {
        let collector = Task {
            var rooms: [String: FleetRoom] = [:]
            for await message in client.messages where message.topic.hasSuffix("/state") {
                if let room = FleetRoom(message) { rooms[room.province + "/" + room.room] = room }
            }
            return rooms
        }
        try await client.subscribe([.init(connection.filter("state"), qos: .atLeastOnce)])
        var count = -1
        while true {
            try await Task.sleep(for: quiet)
            let now = await client.messagesReceived
            if now == count { break }
            count = now
        }
        await client.stop()
        return await collector.value.values.sorted { ($0.province, $0.district, $0.room) < ($1.province, $1.district, $1.room) }
    }
}

/// `diemcau fleet status`.
enum FleetStatus {
    static func run(_ words: [String], _ connection: FleetConnection) async -> Int32 {
        var district: String?, phase: String?, faulty = false
        var rest = words[...]
        while let word = rest.popFirst() {
            switch word {
            case "--district": district = rest.popFirst()
            case "--phase": phase = rest.popFirst()
            case "--faulty": faulty = true
            default:
                warn("diemcau fleet status: unknown option '\(word)'.\n\n" + FleetCommand.help)
                return 64
            }
        }
        guard let client = await connection.connect() else { return 69 }
        let started = ContinuousClock.now
        let all: [FleetRoom]
        do {
            all = try await FleetRoom.collect(client, connection)
        } catch {
            warn("diemcau fleet status: \(error)")
            return 69
        }
        let rooms = all.filter { room in
            (district == nil || room.district == district) && (phase == nil || room.phase == phase)
                && (!faulty || !room.faults.isEmpty || !room.online)
        }
        let rows = [["ROOM", "DISTRICT", "ONLINE", "PHASE", "CALL", "OPEN", "FAULTS"]] + rooms.map { room in
            [room.province + "/" + room.room, room.district, room.online ? "yes" : "NO", room.phase, room.call,
             room.open.joined(separator: ","), room.faults.joined(separator: "; ")]
        }
        let widths = (0..<7).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        let offline = rooms.filter { !$0.online }.count
        let elapsed = ContinuousClock.now - started
        print("\(rooms.count) rooms (\(offline) offline) of \(all.count); \(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)) ms")
        return 0
    }
}
