import Foundation
import Localization
import Room
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

/// `people`: who holds each token and local user (issue 15).
@Suite struct RoomPeopleTests {
    @Test func theDemoRoomNamesWhoHoldsTheTokens() throws {
        let configuration = try ConfigurationFile.parse(Data(RoomFileProblemTests.demoText.utf8), file: "room.json")
        #expect(configuration.people.map(\.person.name) == ["Phạm Văn Dũng", "Lê Văn Cường"])
        #expect(configuration.people.map(\.token) == [.technician, .mcu])
    }

    @Test func aTokenOrAUserGivenToTwoPeopleIsNamed() {
        let text = RoomFileProblemTests.demo([
            (#""token": "mcu" }"#, #""token": "technician", "users": ["binh", "binh"] }"#),
        ])
        #expect(RoomFileProblemTests.problems(text).map(\.description) == [
            #"people[1].token: the technician token is also "Phạm Văn Dũng"'s: give each token to one person"#,
            #"people[1].users[1]: "binh" is also "Lê Văn Cường"'s user: give each user to one person"#,
        ])
    }

    @Test func aPersonNeedsANameAPositionAndAPhone() {
        let text = RoomFileProblemTests.demo([(#""phone": "0912 000 003", "token": "mcu""#, #""token": "mcu""#)])
        #expect(RoomFileProblemTests.problems(text).map(\.description).contains { $0.hasPrefix("people[1].phone: missing") })
    }
}

/// Names from the room file are kept in NFC, whatever editor wrote the file (issue 15).
@Suite struct ComposedNamesTests {
    @Test func aDecomposedNameIsReadComposed() throws {
        // "Phạm Văn Dũng" with ạ and ũ typed as a base letter and a combining mark.
        let decomposed = "Pha\u{323}m Văn Du\u{303}ng"
        #expect(Array(decomposed.utf8) != Array("Phạm Văn Dũng".utf8))
        let text = RoomFileProblemTests.demo([("Phạm Văn Dũng", decomposed)])
        let configuration = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
        let name = try #require(configuration.people.first?.person.name)
        #expect(Array(name.utf8) == Array("Phạm Văn Dũng".utf8))
    }
}
