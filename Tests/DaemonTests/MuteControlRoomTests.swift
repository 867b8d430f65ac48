import DemoRoom
import Foundation
import PulseProbe
import Testing

/// `microphones[].mute`: the control the room file names is the one the
/// daemon turns, judged by `pactl` (issue 17: the room file's settings reach
/// the driver as written, with no stand-in on the way).
@Suite("The daemon mutes a microphone by the control its room file names", .serialized)
struct MuteControlRoomTests {
    @Test("mic3 muted by its capture volume: pactl sees it at 0 % with the mute flag untouched, and back up on a grant")
    func muteByCaptureVolume() async throws {
        let room = try RoomFixture.make("mute-volume") { $0.microphones[2].mute = .captureVolume }
        defer { Task { await room.tearDown() } }
        // RoomFixture's third source, as a person left it: open, at full volume.
        let source = "room3"
        _ = try Pulse.output(["/usr/bin/pactl", "set-source-mute", source, "0"])
        _ = try Pulse.output(["/usr/bin/pactl", "set-source-volume", source, "100%"])
        try await room.start()
        #expect(await room.sources()["mic3"] == source)
        #expect(try await HealthTests.eventually(5) { Self.volumePercent(source) == 0 }, "the start did not mute mic3 by its volume")
        #expect(Pulse.sourceMuted(source) == false, "the switch was turned, not the volume")
        guard case .ok = try await room.mcu("floor grant mic3") else { Issue.record("floor grant refused"); return }
        #expect((Self.volumePercent(source) ?? 0) > 0, "the grant did not bring the volume back")
        #expect(Pulse.sourceMuted(source) == false)
        #expect(await room.stop() == 0)
        #expect(Self.volumePercent(source) == 0, "the stop did not mute mic3 by its volume")
    }

    /// The first channel's volume in percent, as `pactl get-source-volume` prints it.
    static func volumePercent(_ source: String) -> Int? {
        guard let text = try? Pulse.output(["/usr/bin/pactl", "get-source-volume", source]),
              let percent = text.firstIndex(of: "%") else { return nil }
        let digits = text[..<percent].reversed().prefix { $0.isNumber || $0 == " " }
        return Int(String(digits.reversed()).trimmingCharacters(in: .whitespaces))
    }
}
