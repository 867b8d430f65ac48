import Configuration
import DemoRoom
import Foundation
import Logbook
import Room
import Testing
import TestSupport

/// `diemcau fleet report` (issue 19): two real rooms under one broker each
/// answer `report 2026-H1 json` on their command topic; the centre's tool
/// adds their figures up and names the room that did not answer.
@Suite(.serialized) struct FleetReportTests {
    /// A demo room on the fleet as `account`, its logbook holding the two meetings of 2026-03-10.
    static func room(_ account: String, broker: TestBroker, province: String, district: String) async throws -> DemoRoom {
        let room = try RoomFixture.make("fleet-report-\(account)") { configuration in
            configuration.fleet = FleetSetup(
                host: broker.host, port: Int(broker.port), province: province, room: account, district: district,
                credentials: broker.credentialsFile(of: account))
        }
        let run = room.options.runDirectory
        let seeded = try await LogbookCommandLineTests.stateDirectory()
        try FileManager.default.createDirectory(atPath: run + "/state", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: seeded + "/logbook", toPath: run + "/state/logbook")
        try? FileManager.default.removeItem(atPath: seeded)
        return room
    }

    @Test("the province's six-monthly report adds up both rooms' logbooks; a room that does not answer is named")
    func theProvincesReport() async throws {
        let broker = try TestBroker.shared()
        let province = FleetRoomTests.province()
        let first = try await Self.room("room1", broker: broker, province: province, district: "north")
        let second = try await Self.room("room2", broker: broker, province: province, district: "south")
        defer { Task { await first.tearDown(); await second.tearDown() } }
        try await first.start()
        try await second.start()
        // One more incident in room2, with its fix: the report shows it under its room's name.
        guard case .ok(let opened) = try await second.technician("fault open \"cáp HDMI lỏng\"") else {
            Issue.record("fault open was refused")
            return
        }
        _ = try await second.technician("fault fixed \(opened["id"]?.text ?? "?") \"cắm lại cáp\"")
        let states = try broker.subscriber(as: "centre", filter: "diemcau/\(province)/+/state")
        _ = await states.waitFor(seconds: 15) { lines in
            ["room1", "room2"].allSatisfy { room in lines.contains { $0.contains(#""room":"\#(room)""#) && $0.contains(#""online":true"#) } }
        }
        states.stop()

        let tool = URL(fileURLWithPath: RoomFixture.daemon).deletingLastPathComponent().appendingPathComponent("diemcau").path
        let connection = ["--broker", "\(broker.host):\(broker.port)", "--province", province,
                          "--password-file", broker.credentialsFile(of: "centre")]
        let everyone = try runToEnd(tool, ["fleet", "report", "2026-H1"] + connection)
        #expect(everyone.status == 0, "\(everyone.output)")
        #expect(everyone.output.contains("Logbook report: \(province): 2 room(s)"), "\(everyone.output)")
        // Two meetings held in each room (one of them scheduled, chaired by the people's committee), one test session each.
        #expect(everyone.output.contains("Meetings held (official sessions): 4, 4 h 0 min in all"), "\(everyone.output)")
        #expect(everyone.output.contains("Test sessions: 2, 20 min in all"), "\(everyone.output)")
        #expect(everyone.output.contains("meeting room1/A") && everyone.output.contains("meeting room2/B"), "\(everyone.output)")

        let html = try runToEnd(tool, ["fleet", "report", "2026-H1", "district:south", "--html"] + connection)
        #expect(html.status == 0, "\(html.output)")
        #expect(html.output.hasPrefix("<!DOCTYPE html>") && html.output.contains("<strong>SOUTH: 1 ROOM(S)</strong>"), "\(String(html.output.prefix(2000)))")
        #expect(html.output.contains("room2/A: Giao ban") && !html.output.contains("room1/A"))

        // This year's report holds room2's incident today, named by its room; room3 is not running.
        let thisYear = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
        let named = try runToEnd(tool, ["fleet", "report", thisYear, "room1,room2,room3", "--timeout", "3"] + connection)
        #expect(named.status == 1, "\(named.output)")
        #expect(named.output.contains("room2: cáp HDMI lỏng") && named.output.contains("cắm lại cáp"), "\(named.output)")
        #expect(named.output.contains("no report within 3 s from 1 room(s): \(province)/room3"), "\(named.output)")
        // The report itself says so, on the page as in the text.
        #expect(named.output.contains("No report from 1 room(s): \(province)/room3"), "\(named.output)")
        #expect(await first.stop() == 0)
        #expect(await second.stop() == 0)
    }

    @Test("a report asked over the broker does not hold up the command after it")
    func aReportDoesNotHoldUpTheNextCommand() async throws {
        let broker = try TestBroker.shared()
        let province = FleetRoomTests.province()
        let root = "diemcau/\(province)/room1"
        let room = try FleetRoomTests.room("fleet-report-busy", broker: broker, province: province)
        // A busy logbook: a call-quality sample every minute of March 2026, so that the report takes a while to read.
        let logbook = try Logbook(directory: room.options.runDirectory + "/state/logbook", timeZone: .room)
        let march = Date(timeIntervalSince1970: 1_772_323_200)
        try await logbook.append([LogEntry(time: march, record: .started(room: "UBND xã Tân Lập"))] + (1...40_000).map { minute in
            LogEntry(time: march.addingTimeInterval(Double(minute) * 60), record: .callQuality(sample: CallQuality(lossPercent: 0.1, jitterMs: 9)))
        })
        defer { Task { await room.tearDown() } }
        try await room.start()
        try await FleetRoomTests.waitUntilOnline(broker, root: root)
        let replies = try await FleetRoomTests.replies(broker, root: root)
        defer { replies.stop() }

        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":"r","command":"report 2026-H1 html"}"#)
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":"s","command":"status"}"#)
        let lines = await replies.waitFor(seconds: 20) { $0.count >= 2 }
        #expect(lines.first?.contains(#""id":"s","ok":true,"reply":"status""#) == true, "\(lines.map { $0.prefix(120) })")
        #expect(lines.last?.contains(#""id":"r","ok":true,"reply":"report""#) == true, "\(lines.map { $0.prefix(120) })")
        #expect(await room.stop() == 0)
    }
}
