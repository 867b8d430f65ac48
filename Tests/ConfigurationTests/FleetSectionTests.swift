import Foundation
import Testing

@testable import Configuration

/// The room file's `fleet` section (issue 19): optional, read like the
/// others, every problem named with its field and what to write.
@Suite struct FleetSectionTests {
    static let fleet = #""fleet": { "host": "127.0.0.1", "port": 1883, "province": "hanam", "room": "room1", "district": "duytien", "credentials": "fleet.secret" }"#

    /// The demo room with a fleet section written after `control`.
    static func withFleet(_ fleet: String = fleet) -> String {
        var text = RoomFileProblemTests.demoText
        let end = text.range(of: "}", options: .backwards)!
        text.replaceSubrange(end, with: ", " + fleet + "\n}")
        return text
    }

    @Test func absentMeansNoMQTT() throws {
        let configuration = try ConfigurationFile.parse(Data(RoomFileProblemTests.demoText.utf8), file: "room.json")
        #expect(configuration.fleet == nil)
    }

    @Test func aFleetSectionIsRead() throws {
        let configuration = try ConfigurationFile.parse(Data(Self.withFleet().utf8), file: "room.json")
        let fleet = try #require(configuration.fleet)
        #expect(fleet.host == "127.0.0.1")
        #expect(fleet.port == 1883)
        #expect(fleet.topicRoot == "diemcau/hanam/room1")
        #expect(fleet.district == "duytien")
        #expect(fleet.commandRole == nil)
    }

    @Test("each problem names its field", arguments: [
        (#""room": "room1""#, #""room": "room/1""#,
         #"fleet.room: "room/1" has a character other than ASCII letters, digits, '.', '_' and '-'"#),
        (#""province": "hanam""#, #""province": "hà nam""#, #"fleet.province: "hà nam" has a character other than"#),
        (#""port": 1883"#, #""port": 0"#, "fleet.port: 0 is not a port number"),
        (#", "credentials": "fleet.secret""#, "", "fleet.credentials"),
        (#""district": "duytien""#, #""district": "duytien", "commandRole": "boss""#, "fleet.commandRole"),
        (#""host": "127.0.0.1""#, #""hots": "127.0.0.1""#, "fleet"),
    ])
    func problems(_ old: String, _ new: String, _ message: String) {
        let found = RoomFileProblemTests.problems(Self.withFleet(Self.fleet.replacingOccurrences(of: old, with: new)))
        #expect(!found.isEmpty)
        #expect(found.contains { "\($0)".hasPrefix(message) }, "\(found)")
    }
}
