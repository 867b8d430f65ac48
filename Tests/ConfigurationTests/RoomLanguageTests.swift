import Foundation
import Localization
import Testing

@testable import Configuration

/// `room.language`: what the daemon speaks (issue 15).
@Suite struct RoomLanguageTests {
    @Test func theDemoRoomSpeaksVietnamese() throws {
        let configuration = try ConfigurationFile.parse(Data(RoomFileProblemTests.demoText.utf8), file: "room.json")
        #expect(configuration.room.language == .vi)
    }

    @Test func aRoomFileWithoutTheFieldKeepsEnglish() throws {
        let text = RoomFileProblemTests.demo([(#""language": "vi","#, "")])
        #expect(try ConfigurationFile.parse(Data(text.utf8), file: "room.json").room.language == nil)
    }

    @Test func anUnknownLanguageIsNamedWithWhatToWrite() {
        let problems = RoomFileProblemTests.problems(RoomFileProblemTests.demo([(#""language": "vi""#, #""language": "vn""#)]))
        #expect(problems.map(\.description) == [#"room.language: "vn" is not a language DiemCau speaks: give one of vi, en"#])
    }
}
