import Control
import DemoRoom
import Foundation
import Logbook
import Room
import Testing

/// `report` on the control protocol (issue 15: "the same page can be asked
/// from the daemon"): the running daemon answers with the document
/// `diemcau logbook report` prints from the same logbook, framed by the
/// reply's `bytes=N`, and the connection goes on after it.
@Suite(.serialized) struct ReportFromDaemonTests {
    /// A demo room whose logbook already holds two meetings of 2026-03-10.
    static func room(_ name: String) async throws -> (room: DemoRoom, run: String) {
        let room = try RoomFixture.make(name)
        let run = room.options.runDirectory
        let seeded = try await LogbookCommandLineTests.stateDirectory()
        try FileManager.default.createDirectory(atPath: run + "/state", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: seeded + "/logbook", toPath: run + "/state/logbook")
        try? FileManager.default.removeItem(atPath: seeded)
        return (room, run)
    }

    @Test("the daemon's six-monthly HTML page is the CLI's, byte for byte, and the connection reads on after it")
    func theDaemonServesTheSamePage() async throws {
        let (room, run) = try await Self.room("report")
        defer { Task { await room.tearDown() } }
        try await room.start()

        let reply = try await room.technician("report 2026-H1 html")
        guard case .document(let message, let page) = reply else {
            Issue.record("expected a document, got \(reply)")
            return
        }
        #expect(message.topic == "report")
        #expect(message["period"]?.text == "2026-H1" && message["format"]?.text == "html" && message["meetings"]?.text == "2")
        // The room speaks Vietnamese (room.language), so the page is in it.
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        for text in ["<html lang=\"vi\">", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "6 tháng đầu năm 2026", "Giao ban"] {
            #expect(page.contains(text), "the page lacks \(text)")
        }
        let local = try LogbookCommandLineTests.run(
            ["logbook", "report", "--period", "2026-H1", "--html", "--config", run + "/room.json"], lang: "vi_VN.UTF-8")
        #expect(local.status == 0, "\(local.errors)")
        #expect(local.output == page, "the daemon's page differs from the CLI's")
        // The duty technician (the first of room.technicians) signs it, in both.
        #expect(page.contains("<span class=\"signer\">Trần Thị Bình – Cán bộ kỹ thuật</span>"))

        // The next reply on the same connection is read as a line: the document was exactly bytes=N long.
        guard case .ok(let status) = try await room.technician("status") else {
            Issue.record("status after a report")
            return
        }
        #expect(status.topic == "status")

        // JSON: the report's data model, which a program reads back.
        guard case .document(_, let json) = try await room.mcu("report 2026-H1 json") else {
            Issue.record("no JSON document")
            return
        }
        let figures = try LogbookReport(json: json)
        #expect(figures.meetingsHeld.count == 2 && figures.testSessions.count == 1 && figures.room == "UBND xã Tân Lập")
        #expect(figures.schedule["A"]?.title == "Giao ban")

        // A period the grammar does not know is refused with the usage.
        guard case .error(let code, _) = try await room.technician("report 2026-H3") else {
            Issue.record("2026-H3 was taken")
            return
        }
        #expect(code == .badArgument)
        #expect(await room.stop() == 0)
    }

    @Test("diemcau logbook report --from-daemon prints the daemon's page; in JSON mode the document is a string member")
    func theCommandLineAsksTheDaemon() async throws {
        let (room, run) = try await Self.room("report-cli")
        defer { Task { await room.tearDown() } }
        try await room.start()

        let asked = try LogbookCommandLineTests.run(
            ["logbook", "report", "--period", "2026-H1", "--csv", "--from-daemon", "--config", run + "/room.json"], lang: "vi_VN.UTF-8")
        #expect(asked.status == 0, "\(asked.errors)")
        let local = try LogbookCommandLineTests.run(
            ["logbook", "report", "--period", "2026-H1", "--csv", "--config", run + "/room.json"], lang: "vi_VN.UTF-8")
        #expect(asked.output == local.output && asked.output.hasPrefix("row,kind,meeting"), "\(asked.output)")

        // JSON mode, as a program on the TCP port sends it.
        let port = try #require(await room.controlPort)
        let token = try #require(await room.token(.observer))
        let replies = try await Task.detached { () throws -> [String] in
            let link = try ControlLink(host: "127.0.0.1", port: port)
            try link.greet { token }
            try link.send("mode json")
            _ = try link.readLine(timeout: 10)
            try link.send(#"{"id":"r1","command":["report","2026-Q1","text"]}"#)
            try link.send(#"{"id":"r2","command":"status"}"#)
            return [try link.readLine(timeout: 10), try link.readLine(timeout: 10)]
        }.value
        let first = try JSONSerialization.jsonObject(with: Data(replies[0].utf8)) as? [String: Any]
        #expect(first?["id"] as? String == "r1" && first?["reply"] as? String == "report")
        let document = try #require(first?["document"] as? String)
        #expect(document.contains("UBND xã Tân Lập") && document.contains("Phiên họp chính thức đã tổ chức: 2"), "\(document)")
        #expect(replies[1].contains(#""id":"r2","ok":true,"reply":"status""#), "\(replies[1])")
        #expect(await room.stop() == 0)
    }
}
