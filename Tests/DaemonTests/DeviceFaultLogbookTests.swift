import Foundation
import Logbook
import Room
import Testing

/// A device's fault, as the rules log it, read back by `diemcau logbook show`
/// in the technician's language: the camera going offline and the mixer
/// lost read in Vietnamese under a Vietnamese locale, in English under
/// `LANG=C`; the device's own words stay as the device said them; a line
/// written before the rules made messages shows its English.
@Suite struct DeviceFaultLogbookTests {
    static let morning = Date(timeIntervalSince1970: 1_773_104_400)  // 2026-03-10 08:00 in Hanoi

    /// The entries the rules log for a second camera going offline, the main
    /// camera going offline and a mixer going away.
    static func faultEntries() -> [LogEntry] {
        let setup = RoomSetup(
            identity: EndpointIdentity(roomName: "UBND xã Tân Lập"), microphones: [MicSeat(name: "chair"), MicSeat(name: "mic2")],
            otherCameras: [CameraBook(name: "cam2", presets: [:])])
        var state = State(setup: setup)
        var entries: [LogEntry] = []
        let inputs: [Input] = [
            .otherCamera(name: "cam2", .offline("no answer on /dev/ttyUSB1")),
            .mixer(.lost(device: "room1", channels: ["chair", "mic2"], reason: "No such device")),
            .otherCamera(name: "cam2", .online),
        ]
        for (index, input) in inputs.enumerated() {
            for case .log(let entry) in state.apply(input, at: morning.addingTimeInterval(Double(index + 1) * 60)) { entries.append(entry) }
        }
        return entries
    }

    /// A state directory whose logbook holds the rules' entries and, after
    /// them, a line an older diemcau wrote (no `said`).
    static func stateDirectory() async throws -> String {
        let directory = NSTemporaryDirectory() + "diemcau-device-faults-\(UUID().uuidString.prefix(8))"
        let logbook = try Logbook(directory: directory + "/logbook", timeZone: .room)
        try await logbook.append(faultEntries())
        let old = #"{"v":1,"time":"2026-03-10T01:10:00.000Z","kind":"incident","incident":{"number":9,"kind":"camera-offline","detail":"camera cam3: written before messages","opened_at":"2026-03-10T01:10:00.000Z"}}"#
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/logbook/2026-03.jsonl"))
        try file.seekToEnd()
        try file.write(contentsOf: Data((old + "\n").utf8))
        try file.close()
        return directory
    }

    @Test func theRulesLogTheFaultsAsMessages() {
        let entries = Self.faultEntries()
        let incidents = entries.compactMap { entry -> Incident? in if case .incident(let incident) = entry.record { incident } else { nil } }
        #expect(incidents.map(\.detail) == [
            "camera cam2: no answer on /dev/ttyUSB1",
            "mixer room1 is gone (microphones chair, mic2): No such device; the microphones cannot be switched until it is back",
        ], "the English detail is what it always was")
        #expect(incidents.allSatisfy { $0.said?.description == $0.detail })
    }

    @Test func theFaultsReadInTheTechniciansLanguage() async throws {
        let directory = try await Self.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["logbook", "show", "--day", "2026-03-10", "--state-dir", directory]

        let vietnamese = try LogbookCommandLineTests.run(arguments, lang: "vi_VN.UTF-8")
        #expect(vietnamese.status == 0, "\(vietnamese.errors)")
        for line in [
            "THIẾT BỊ camera cam2 mất kết nối: no answer on /dev/ttyUSB1",
            "SỰ CỐ #1 camera không trả lời: camera cam2: no answer on /dev/ttyUSB1",
            "THIẾT BỊ mixer room1 mất kết nối: No such device (micro chair, mic2)",
            ": mixer room1 không còn (micro chair, mic2): No such device; không thể bật/tắt các micro này cho đến khi mixer trở lại",
            "camera cam2 hoạt động: camera đã trả lời trở lại",
            ": camera cam3: written before messages",
        ] {
            #expect(vietnamese.output.contains(line), "no line with \(line) in:\n\(vietnamese.output)")
        }
        #expect(!vietnamese.output.contains("is gone") && !vietnamese.output.contains("answers again"), "\(vietnamese.output)")

        let english = try LogbookCommandLineTests.run(arguments, lang: "C")
        #expect(english.status == 0, "\(english.errors)")
        for line in [
            "DEVICE camera cam2 offline: no answer on /dev/ttyUSB1",
            "INCIDENT #1 camera-offline: camera cam2: no answer on /dev/ttyUSB1",
            "DEVICE mixer room1 lost: No such device (microphones chair, mic2)",
            ": mixer room1 is gone (microphones chair, mic2): No such device; the microphones cannot be switched until it is back",
            "camera cam2 online: the camera answers again",
            "INCIDENT #9 camera-offline: camera cam3: written before messages",
        ] {
            #expect(english.output.contains(line), "no line with \(line) in:\n\(english.output)")
        }
    }
}
