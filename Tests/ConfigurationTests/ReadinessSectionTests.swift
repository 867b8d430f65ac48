import Foundation
import Room
import Testing

@testable import Configuration

/// The room file's sections for the readiness test (R5): each value read,
/// each problem named with its field and what to write.
@Suite struct ReadinessSectionTests {
    /// The demo room with `section` added before `control`.
    static func demo(adding section: String) -> String {
        RoomFileProblemTests.demo([(#""control": {"#, section + #", "control": {"#)])
    }

    @Test("001 Art. 8.2a, 003 Art. 5.4: the power section names the UPS and what a meeting needs of it")
    func powerIsRead() throws {
        let text = Self.demo(adding: #""power": {"host": "127.0.0.1", "ups": "phonghop", "minimumChargePercent": 60}"#)
        let configuration = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
        #expect(configuration.power == PowerSetup(host: "127.0.0.1", ups: "phonghop", minimumChargePercent: 60))
        #expect(configuration.power?.thresholds == PowerThresholds(minimumChargePercent: 60, minimumRuntimeSeconds: 600))
    }

    @Test("a power section's problems are named with their field and what to write", arguments: [
        (#""power": {"host": "127.0.0.1"}"#, #"power.ups: missing: give the UPS's name as `upsc -l HOST` lists it"#),
        (#""power": {"host": "127.0.0.1", "ups": "phòng họp"}"#, #"power.ups: "phòng họp" is not a UPS name"#),
        (#""power": {"host": "127.0.0.1", "ups": "a", "minimumChargePercent": 150}"#,
         "power.minimumChargePercent: 150 is not a percentage: give a whole number from 0 to 100"),
        (#""power": {"host": "127.0.0.1", "ups": "a", "minimumRuntimeSecond": 600}"#,
         #"power.minimumRuntimeSecond: unknown field: did you mean "minimumRuntimeSeconds"?"#),
    ])
    func powerProblems(_ section: String, _ message: String) {
        let found = RoomFileProblemTests.problems(Self.demo(adding: section))
        #expect(found.count == 1, "\(found)")
        #expect(found.first.map { "\($0)" }?.hasPrefix(message) == true, "\(found)")
    }

    @Test("001 Art. 8.2a: a microphone's capture device and the room's sound threshold are read")
    func soundIsRead() throws {
        var text = Self.demo(adding: #""readiness": {"minimumSoundDBFS": -50}"#)
        text = text.replacingOccurrences(of: #""device": "mic1","#, with: #""device": "mic1", "capture": "plughw:CARD=Device","#)
        let configuration = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
        #expect(configuration.microphones.first?.capture == "plughw:CARD=Device")
        #expect(configuration.readiness?.soundThreshold == SoundThreshold(minimumDBFS: -50))
        let wrong = RoomFileProblemTests.problems(Self.demo(adding: #""readiness": {"minimumSoundDBFS": 6}"#))
        #expect(wrong.map { "\($0)" } == ["readiness.minimumSoundDBFS: 6 is not a level in dBFS: give a whole number from -120 to 0 (-60 hears a live microphone in a quiet room)"])
    }

    @Test("001 Art. 8.2a, 003 Art. 7.1b: the line's thresholds are read, with the defaults where absent")
    func lineIsRead() throws {
        let text = Self.demo(adding: #""readiness": {"maxLossPercent": 2, "minimumRateKbps": 768}"#)
        let configuration = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
        #expect(configuration.readiness?.lineThresholds == LineThresholds(maxLossPercent: 2, maxJitterMs: 40, minimumRateKbps: 768))
        let wrong = RoomFileProblemTests.problems(Self.demo(adding: #""readiness": {"minimumRateKbps": 10}"#))
        #expect(wrong.map { "\($0)" } == ["readiness.minimumRateKbps: 10 is not a call rate in kbit/s: give a whole number from 64 to 8192 (384 is the lowest a meeting's picture takes)"])
    }

    @Test("001 Art. 7.1, 003 Art. 7.1b: the room's lead times are read into the rules' setup; one hour when absent")
    func leadTimesAreRead() throws {
        let text = Self.demo(adding: #""readiness": {"leadTimes": [{"minutesBefore": 90, "article": "001 Art. 7.1"}, {"minutesBefore": 10, "article": "000 Art. 6.1"}]}"#)
        let configuration = try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
        #expect(configuration.roomSetup.leadTimes == [
            LeadTime(minutesBefore: 90, article: "001 Art. 7.1"), LeadTime(minutesBefore: 10, article: "000 Art. 6.1"),
        ])
        let plain = try ConfigurationFile.parse(Data(RoomFileProblemTests.demoText.utf8), file: "room.json")
        #expect(plain.roomSetup.leadTimes == LeadTime.defaults)
        let wrong = RoomFileProblemTests.problems(Self.demo(adding: #""readiness": {"leadTimes": [{"minutesBefore": 0}]}"#))
        #expect(wrong.map { "\($0)" } == [
            "readiness.leadTimes[0].minutesBefore: 0 is not a number of minutes before the start: give a whole number from 1 to 10080 (90 is 001 Art. 7.1's 1.5 hours)",
            "readiness.leadTimes[0].article: missing: give the regulation's article that asks for this time, e.g. \"001 Art. 7.1\"",
        ])
    }
}
