import Configuration
import Control
import Foundation
import Room
import Testing

/// A reply with a document (`report`): `OK ... bytes=N`, then exactly N
/// bytes; larger than a client's allowance of unread replies, and the
/// connection reads on after it. In JSON mode, the document is a member.
@Suite struct DocumentReplyTests {
    @Test func aDocumentLargerThanTheAllowanceArrivesWholeAndTheNextReplyFollowsIt() async throws {
        let fixture = try await ServerFixture.start()
        defer { Task { await fixture.stop() } }
        let port = UInt16(fixture.port)
        let (reply, next) = try await Task.detached { () throws -> (ControlReply, ControlReply) in
            let link = try ControlLink(host: "127.0.0.1", port: port)
            try link.greet { ServerFixture.tokens[.observer]! }
            return (try link.request("report 2026-H1 html"), try link.request("status"))
        }.value
        guard case .document(let message, let document) = reply else {
            Issue.record("expected a document, got \(reply)")
            return
        }
        #expect(message.topic == "report" && message["period"]?.text == "2026-H1" && message["bytes"] == nil)
        let lines = document.split(separator: "\n")
        #expect(document.utf8.count > 256 * 1024 && lines.count == 16_384)
        #expect(lines.last == "line 16384 of the 2026-H1 report, as html: 0123456789abcdef")
        guard case .ok(let status) = next else {
            Issue.record("the line after the document: \(next)")
            return
        }
        #expect(status.topic == "status")
    }

    @Test func theTextLineSaysHowManyBytesFollowAndJSONCarriesTheDocumentAsAMember() async throws {
        let fixture = try await ServerFixture.start()
        defer { Task { await fixture.stop() } }
        let client = try await fixture.client(as: .observer)
        let line = try await client.ask("report 2026 csv")
        let expected = (1...16_384).map { "line \($0) of the 2026 report, as csv: 0123456789abcdef\n" }.joined().utf8.count
        #expect(line == "OK report period=2026 format=csv bytes=\(expected)", "\(line)")

        let json = try await fixture.client(as: .observer)
        _ = try await json.ask("mode json")
        let reply = try await json.ask(#"{"id":9,"command":["report","2026-Q3","text"]}"#)
        let object = try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
        #expect(object?["id"] as? Int == 9 && object?["reply"] as? String == "report")
        #expect((object?["document"] as? String)?.hasPrefix("line 1 of the 2026-Q3 report, as text") == true)
        #expect((object?["data"] as? [String: Any])?["bytes"] == nil)
    }

    /// Reports asked for and never read are bounded: a client that asks
    /// for one after another without reading is closed as not reading,
    /// long before its documents fill the daemon.
    @Test func reportsAskedForAndNotReadAreBounded() async throws {
        let fixture = try await ServerFixture.start()
        defer { Task { await fixture.stop() } }
        let client = try await fixture.client(as: .observer)
        // Each of the fixture's documents is about 0.9 MB; 40 of them unread would be 36 MB.
        for _ in 0..<40 { try await client.send("report 2026 html") }
        var received = 0
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, let line = try await client.line() {
            received += line.utf8.count + 2
        }
        #expect(Date() < deadline, "the connection was not closed")
        #expect(received < 12 * 1024 * 1024, "\(received) bytes arrived: the unread documents were not bounded")
    }
}
