import Foundation
import Localization
import Testing
@testable import Logbook
import Room

/// A readiness record keeps each check's detail in English (`detail`, what
/// scripts and older readers read) and, optionally, as a message (`said`), so
/// that `logbook show` tells it in the reader's language (issue 15).
@Suite struct ReadinessSaidTests {
    static let seen = ReadinessObservations(
        cameraAnswers: true, cameraPowered: false, microphones: [MicrophoneObservation(channel: "mic2", muted: true)],
        terminalAnswers: true, terminalRegistered: false, terminalDetail: "SIP registration Failed", logbookFreeBytes: 10 * 1024 * 1024)
    static let entry = LogEntry(
        time: Date(timeIntervalSince1970: 1_780_000_000), record: .readiness(report: ReadinessReport(seen, trigger: .requested(by: "technician"))))

    @Test func theRecordKeepsTheEnglishDetailAndTheMessage() throws {
        let line = String(decoding: try LogbookSchema.line(for: Self.entry), as: UTF8.self)
        #expect(line.contains(#""detail":"answers but is in standby: switch it on before the test""#), "\(line)")
        #expect(line.contains(#""said":{"template":"answers but is in standby: switch it on before the test"}"#), "\(line)")
        #expect(line.contains(#""template":"not registered ({terminal}): check the gatekeeper"#), "\(line)")
        let read = try LogbookSchema.entry(from: Data(line.utf8))
        #expect(read == Self.entry)
        let vietnamese = read.record.text(in: .vi), english = read.record.text(in: .en)
        #expect(vietnamese.contains("có trả lời nhưng đang ở chế độ chờ"), "\(vietnamese)")
        #expect(vietnamese.contains("chưa đăng ký (SIP registration Failed): kiểm tra địa chỉ gatekeeper"), "the terminal's words stay its own: \(vietnamese)")
        #expect(english.contains("FAIL: answers but is in standby: switch it on before the test"), "\(english)")
    }

    @Test func aRecordWithoutMessagesReadsInEnglishInEveryLanguage() throws {
        guard case .readiness(let report) = Self.entry.record else { Issue.record("not a readiness record"); return }
        let old = ReadinessReport(checks: report.checks.map { ReadinessCheck(name: $0.name, passed: $0.passed, detail: $0.detail) }, trigger: report.trigger)
        let line = String(decoding: try LogbookSchema.line(for: LogEntry(time: Self.entry.time, record: .readiness(report: old))), as: UTF8.self)
        #expect(!line.contains(#""said""#), "\(line)")
        let read = try LogbookSchema.entry(from: Data(line.utf8))
        #expect(read.record.text(in: .vi).contains("answers but is in standby: switch it on before the test"))
    }
}
