import Control
import DemoRoom
import Foundation
import Glibc
import Testing

/// R8 (001 Art. 13.2): the centre is told who the room is when it connects
/// and when that changes: the room, its lead, and its technicians.
@Suite(.serialized)
struct IdentityPushTests {
    @Test("the centre's login is followed by EVENT identity with both technicians, unasked; a technician's is not")
    func theCentreHearsTheIdentityAtLogin() async throws {
        let room = try RoomFixture.make("identity-push")
        defer { Task { await room.tearDown() } }
        try await room.start()
        let port = try #require(await room.controlPort)
        let mcu = try #require(await room.token(.mcu)), technician = try #require(await room.token(.technician))
        let lines = try await Task.detached { () throws -> (centre: [String], technician: [String]) in
            func afterLogin(_ token: String) throws -> [String] {
                let link = try ControlLink(host: "127.0.0.1", port: port)
                _ = try link.readLine(timeout: 5)  // the greeting
                try link.send("login \(token)")
                var lines: [String] = []
                while let line = try? link.readLine(timeout: 0.5) { lines.append(line) }
                return lines
            }
            return (try afterLogin(mcu), try afterLogin(technician))
        }.value
        #expect(lines.centre.first == "OK login role=mcu")
        let identity = try #require(lines.centre.dropFirst().first { $0.hasPrefix("EVENT identity ") }, "\(lines.centre)")
        #expect(identity.contains("technician=\"Trần Thị Bình\"") && identity.contains("technician-2=\"Phạm Văn Dũng\""), "\(identity)")
        #expect(identity.contains("technician-2-email=dung@tanlap.example.vn") && identity.contains("technicians=2"), "\(identity)")
        #expect(lines.technician == ["OK login role=technician"], "only the centre is sent the identity unasked")

        // A new technician in the room file, read again: subscribers hear the new identity.
        _ = try await room.mcu("events on")
        let file = room.options.runDirectory + "/room.json"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "Phạm Văn Dũng", with: "Phạm Thị Dung")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await room.signal(SIGHUP))
        let changed = try await room.event(timeout: 5) { $0.topic == "identity" && $0.value("technician-2") == "Phạm Thị Dung" }
        #expect(changed != nil, "no identity event with the new technician after the reload")
        #expect(await room.stop() == 0)
        let logbook = try await room.logbook().entries
        #expect(logbook.contains("configuration: room.technicians"), "\(logbook)")
    }
}
