import Configuration
import DemoRoom
import Foundation
import Room
import Testing
import TestSupport

/// R5's power and backup power in the running daemon (001 Art. 8.2a;
/// 003 Art. 5.4), its UPS served by a private upsd with NUT's dummy-ups.
@Suite(.serialized) struct PowerReadinessDaemonTests {
    @Test("003 Art. 5.4: the mains failing before a meeting fails the readiness test and opens an incident naming the UPS")
    func anOutageFailsTheTest() async throws {
        let upsd = try PrivateUPSD(["room": ["ups.status: OL", "battery.charge: 100", "battery.runtime: 1800"]])
        let port = Int(upsd.port)
        let room = try RoomFixture.make("power") { configuration in
            configuration.power = PowerSetup(host: "127.0.0.1", port: port, ups: "room")
        }
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.technician("check") else { Issue.record("check refused"); return }
        let first = try #require(try await room.events(["readiness"], timeout: 10)["readiness"])
        #expect(first.value("failed")?.contains("power") != true, "\(first)")

        try upsd.rewrite("room", ["ups.status: OB DISCHRG", "battery.charge: 70", "battery.runtime: 900"])
        // dummy-ups reads the file again at its next poll (1 s); upsc says when.
        for _ in 0..<50 where (try? upsd.upsc("room", "ups.status")) != "OB DISCHRG" {
            try await Task.sleep(for: .milliseconds(100))
        }
        guard case .ok = try await room.technician("check") else { Issue.record("check refused"); return }
        let second = try #require(try await room.events(["readiness"], timeout: 10)["readiness"])
        #expect(second.value("failed")?.contains("mains power") == true, "\(second)")
        #expect(second.value("failed")?.contains("backup power") == true, "\(second)")
        #expect(await room.stop() == 0)

        let entries = try await room.logbook().entries
        #expect(entries.contains("mains power ok; backup power ok"), "\(entries)")
        #expect(entries.contains("INCIDENT #1 readiness-failed"), "\(entries)")
        #expect(entries.contains("mains power: on battery (room@127.0.0.1:\(port) OB DISCHRG): the mains supply is off"), "\(entries)")
        #expect(entries.contains("backup power: charge 70 % is below 80 %"), "\(entries)")
    }
}
