import Configuration
import DemoRoom
import Foundation
import Room
import Testing
import TestSupport

/// A command the broker delivers twice (QoS 1 redelivery, or the centre's
/// retry with the same request id) is carried out once and answered twice
/// with the same answer.
@Suite(.serialized) struct FleetRedeliveryTests {
    @Test("the same request id again is answered from the first answer: the note is written once")
    func aRepeatedRequestIsDoneOnce() async throws {
        let broker = try TestBroker.shared()
        let province = FleetRoomTests.province()
        let root = "diemcau/\(province)/room1"
        let room = try FleetRoomTests.room("fleet-redelivery", broker: broker, province: province)
        defer { Task { await room.tearDown() } }
        try await room.start()
        try await FleetRoomTests.waitUntilOnline(broker, root: root)
        let replies = try await FleetRoomTests.replies(broker, root: root)
        defer { replies.stop() }

        let note = #"{"id":"dup-1","command":["note","đã kiểm tra micro 2"]}"#
        try broker.publish(as: "centre", topic: root + "/command", message: note)
        try broker.publish(as: "centre", topic: root + "/command", message: note)
        // A new id is a new request, even with the same words.
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":"dup-2","command":["note","đã kiểm tra micro 2"]}"#)
        // An id used again for another command (a tool whose counter restarted) is that command, carried out.
        try broker.publish(as: "centre", topic: root + "/command", message: #"{"id":"dup-1","command":["note","đã thay pin micro 3"]}"#)
        let all = await replies.waitFor(seconds: 10) { $0.count >= 4 }
        #expect(all.count == 4, "\(all)")
        let lines = Array(all.prefix(3))
        #expect(lines.filter { $0.contains(#""id":"dup-1","ok":true,"reply":"note""#) }.count == 2, "\(lines)")
        #expect(lines.dropFirst().first == lines.first, "the repeated request's answer is the first one")
        #expect(lines.last?.contains(#""id":"dup-2","ok":true"#) == true, "\(lines)")

        #expect(await room.stop() == 0)
        let written = try await room.logbook().entries.components(separatedBy: "đã kiểm tra micro 2").count - 1
        #expect(written == 2, "dup-1 once and dup-2 once")
        #expect(try await room.logbook().entries.contains("đã thay pin micro 3"), "the reused id's other command was not carried out")
        // The demo room speaks Vietnamese: its journal says the request came again.
        #expect(room.daemonLog().contains("fleet: yêu cầu \"dup-1\" được gửi lại"), "\(room.daemonLog())")
    }
}
