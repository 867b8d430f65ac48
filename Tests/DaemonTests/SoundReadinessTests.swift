import DemoRoom
import Foundation
import Room
import Testing

/// R5's sound check in the running daemon (001 Art. 8.2a; 004 Appendix
/// steps 5–7): a microphone is measured on its capture device while it
/// holds the floor, and a muted one is not opened to be measured (R2).
@Suite(.serialized) struct SoundReadinessTests {
    @Test("001 Art. 8.2a: the floor's microphone is heard (a tone passes, silence fails and opens an incident); muted ones are left shut (R2)")
    func theFloorsMicrophoneIsMeasured() async throws {
        // mic2 on a sine source (a delegate speaking), mic3 on a null source (a dead microphone).
        let room = try RoomFixture.make("sound") { configuration in
            configuration.microphones[1].capture = "tone1"
            configuration.microphones[2].capture = "room3"
        }
        defer { Task { await room.tearDown() } }
        try await room.start()
        guard case .ok = try await room.mcu("floor grant mic2") else { Issue.record("floor grant refused"); return }
        guard case .ok = try await room.technician("check") else { Issue.record("check refused"); return }
        let first = try #require(try await room.events(["readiness"], timeout: 10)["readiness"])
        #expect(first.value("failed")?.contains("sound") != true, "\(first)")

        guard case .ok = try await room.mcu("floor grant mic3") else { Issue.record("floor grant refused"); return }
        guard case .ok = try await room.technician("check") else { Issue.record("check refused"); return }
        let second = try #require(try await room.events(["readiness"], timeout: 10)["readiness"])
        #expect(second.value("failed")?.contains("sound mic3") == true, "\(second)")
        #expect(await room.stop() == 0)

        let entries = try await room.logbook().entries
        // The first test: mic2 measured and heard; mic3 (a silent source) muted, so left shut and not measured.
        #expect(entries.contains("readiness test passed"), "\(entries)")
        #expect(entries.contains("sound mic2 ok; sound mic3 ok"), "\(entries)")
        // The second: mic3 holds the floor, is measured, and its silence is an incident.
        #expect(entries.contains("INCIDENT #1 readiness-failed"), "\(entries)")
        #expect(entries.contains("sound mic3: microphone mic3 delivers no signal (RMS -120 dBFS"), "\(entries)")
        #expect(entries.contains("readiness-failed"), "\(entries)")
    }
}
