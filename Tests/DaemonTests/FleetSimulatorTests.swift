import Configuration
import DemoRoom
import Foundation
import Room
import Testing
import TestSupport

/// `fleet-sim` (20 simulated rooms in one process) beside a real diemcaud
/// under one broker: the centre's tool sees, commands and reports on all 21
/// alike, and the simulator's rooms go offline when it ends.
@Suite(.serialized) struct FleetSimulatorTests {
    @Test("diemcau fleet status, send and report over a real room and 20 simulated ones")
    func aRealRoomAmongSimulatedOnes() async throws {
        let simulated = (1...20).map { "s\($0)" }
        let broker = try TestBroker.own(rooms: ["room1"] + simulated)
        defer { broker.wipe() }
        let province = FleetRoomTests.province()
        let room = try FleetRoomTests.room("fleet-sim", broker: broker, province: province)
        defer { Task { await room.tearDown() } }
        try await room.start()

        let programs = URL(fileURLWithPath: RoomFixture.daemon).deletingLastPathComponent()
        let simulator = Process()
        simulator.executableURL = programs.appendingPathComponent("fleet-sim")
        simulator.arguments = [
            "--broker", "\(broker.host):\(broker.port)", "--province", province,
            "--accounts", broker.directory + "/accounts", "--count", "20", "--prefix", "s",
        ]
        let input = Pipe(), output = Pipe()
        simulator.standardInput = input
        simulator.standardOutput = output
        try simulator.run()
        defer { if simulator.isRunning { simulator.terminate() } }
        let ready = await Task.detached { () -> String in
            String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }.value
        #expect(ready.hasPrefix("READY 20"), "\(ready)")

        let tool = programs.appendingPathComponent("diemcau").path
        let connection = ["--broker", "\(broker.host):\(broker.port)", "--province", province,
                          "--password-file", broker.credentialsFile(of: "centre")]
        let states = try broker.subscriber(as: "centre", filter: "diemcau/\(province)/+/state")
        _ = await states.waitFor(seconds: 15) { lines in lines.filter { $0.contains(#""online":true"#) }.count >= 21 }
        states.stop()

        let status = try runToEnd(tool, ["fleet", "status"] + connection)
        #expect(status.output.contains("21 rooms (0 offline) of 21"), "\(status.output)")
        let muted = try runToEnd(tool, ["fleet", "send", "all", "mute", "all"] + connection)
        #expect(muted.status == 0, "\(muted.output)")
        #expect(muted.output.components(separatedBy: #""ok":true,"reply":"mute""#).count - 1 == 21, "\(muted.output)")
        let report = try runToEnd(tool, ["fleet", "report", "2026-H1"] + connection)
        #expect(report.status == 0, "\(report.output)")
        // The real room held nothing in 2026-H1; each simulated room one meeting of the district's.
        #expect(report.output.contains("Logbook report: \(province): 21 room(s)"), "\(report.output)")
        #expect(report.output.contains("Meetings held (official sessions): 20, 20 h 0 min in all"), "\(report.output)")

        // Its standard input closed, the simulator marks its rooms offline and ends.
        try input.fileHandleForWriting.close()
        simulator.waitUntilExit()
        #expect(simulator.terminationStatus == 0)
        let after = try runToEnd(tool, ["fleet", "status"] + connection)
        #expect(after.output.contains("21 rooms (20 offline) of 21"), "\(after.output)")
        #expect(await room.stop() == 0)
    }
}
