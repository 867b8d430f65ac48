import CameraSimulator
import Foundation
import TestSupport
import Testing
import VISCA

/// `diemcau camera` as a process against the camera simulator: what a
/// technician sees at bring-up, and the exit status `--help` promises.
@Suite("diemcau camera against visca-sim", .serialized)
struct CameraCommandLineToolTests {
    /// Runs `diemcau camera <arguments>` with a preset book of its own.
    /// With `locale`, under `LANG=locale`.
    static func camera(_ arguments: [String], locale: String? = nil) throws -> (status: Int32, output: String) {
        let book = NSTemporaryDirectory() + "diemcau-cli-book-\(UUID().uuidString.prefix(8)).json"
        defer { unlink(book) }
        let words = ["camera"] + arguments + ["--book", book]
        return try locale.map { try RoomLanguageJournalTests.run(CommandLineToolTests.tool, words, environment: ["LANG": $0]) }
            ?? runToEnd(CommandLineToolTests.tool, words)
    }

    /// `--help`: 69 the camera does not answer; 74 the port or network cannot be opened.
    @Test(arguments: ["--udp", "--tcp"])
    func aSilentCameraDoesNotAnswer(transport: String) async throws {
        let simulator = CameraSimulator(SimulatorConfiguration(model: .srg300se, timing: .instant))
        await simulator.setSilent(true)
        let port = transport == "--udp" ? try await simulator.startUDP() : try await simulator.startTCP(port: 0)
        let (status, output) = try Self.camera(["status", transport, "127.0.0.1:\(port)"])
        #expect(status == 69, "\(output)")
        #expect(output.contains("did not answer"), "\(output)")
        await simulator.stop()
    }

    @Test func statusShowsTheFocusMode() async throws {
        let simulator = CameraSimulator(SimulatorConfiguration(timing: .instant))
        let port = try await simulator.startPseudoTerminal()
        let auto = try Self.camera(["status", "--port", port])
        #expect(auto.status == 0, "\(auto.output)")
        #expect(auto.output.contains("focus mode:        auto"), "\(auto.output)")
        #expect(try Self.camera(["focus", "manual", "--port", port]).status == 0)
        let manual = try Self.camera(["status", "--port", port])
        #expect(manual.output.contains("focus mode:        manual"), "\(manual.output)")
        await simulator.stop()
    }

    /// The technician's language: the labels in Vietnamese, lined up after the longest.
    @Test func statusInVietnamese() async throws {
        let simulator = CameraSimulator(SimulatorConfiguration(timing: .instant))
        let port = try await simulator.startPseudoTerminal()
        let status = try Self.camera(["status", "--port", port], locale: "vi_VN.UTF-8")
        #expect(status.status == 0, "\(status.output)")
        #expect(status.output.contains("\nchế độ lấy nét:    auto\n"), "\(status.output)")
        #expect(status.output.contains(" (đang hoạt động (1 camera))\n"), "\(status.output)")
        let recalled = try Self.camera(["recall", "2", "--port", port], locale: "vi_VN.UTF-8")
        #expect(recalled.output.contains("camera 1: đang ở preset 2"), "\(recalled.output)")
        await simulator.stop()
    }
}
