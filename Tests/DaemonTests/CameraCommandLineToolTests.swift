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
    static func camera(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let book = NSTemporaryDirectory() + "diemcau-cli-book-\(UUID().uuidString.prefix(8)).json"
        defer { unlink(book) }
        return try runToEnd(CommandLineToolTests.tool, ["camera"] + arguments + ["--book", book])
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
}
