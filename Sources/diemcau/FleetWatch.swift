import Foundation
import MQTT

/// `diemcau fleet watch`: every room's alerts (and events) as they come.
enum FleetWatch {
    static func run(_ words: [String], _ connection: FleetConnection) async -> Int32 {
        var kinds = ["alert"]
        for word in words {
            guard word == "--events" else {
                warn("diemcau fleet watch: unknown option '\(word)'.\n\n" + FleetCommand.help)
                return 64
            }
            kinds.append("event")
        }
        guard let client = await connection.connect() else { return 69 }
        do {
            try await client.subscribe(kinds.map { .init(connection.filter($0), qos: .atLeastOnce) })
        } catch {
            warn("diemcau fleet watch: \(error)")
            return 69
        }
        for await message in client.messages {
            let levels = message.topic.split(separator: "/")
            let room = levels.count == 4 ? "\(levels[1])/\(levels[2]) \(levels[3])" : message.topic
            print("\(Date().formatted(.iso8601))  \(room)  \(String(decoding: message.payload, as: UTF8.self))")
            fflush(nil)
        }
        warn("diemcau fleet watch: the client stopped")
        return 69
    }
}
