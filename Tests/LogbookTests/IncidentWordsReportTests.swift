import Foundation
import Localization
import Testing
@testable import Logbook
import Room

/// An incident the rules described as a message reads in the report's
/// language (text, CSV, HTML), through the report's JSON (a room's report
/// sent to the centre) and in the centre's fleet report; one without a
/// message reads in its English.
@Suite struct IncidentWordsReportTests {
    let minute: TimeInterval = 60

    func report() -> LogbookReport {
        let lost = Message(
            "mixer {mixer} is gone (microphones {microphones}): {reason}; the microphones cannot be switched until it is back",
            ["mixer": "room1", "microphones": "chair", "reason": "No such device"])
        let entries = [
            entry(0, .sessionStarted(kind: .official, meeting: "HN-12")),
            entry(10 * minute, .incident(incident: Incident(id: 1, kind: .microphoneLost, detail: lost.description, openedAt: june1.addingTimeInterval(10 * minute), said: lost))),
            entry(20 * minute, .incident(incident: Incident(id: 2, kind: .cameraOffline, detail: "camera cam3: written before messages", openedAt: june1.addingTimeInterval(20 * minute)))),
            entry(60 * minute, .sessionEnded(kind: .official, meeting: "HN-12")),
        ]
        return LogbookReport(entries: entries, period: DateInterval(start: june1, duration: 86_400))
    }

    let vietnamese = "mixer room1 không còn (micro chair): No such device; không thể bật/tắt các micro này cho đến khi mixer trở lại"
    let english = "mixer room1 is gone (microphones chair): No such device; the microphones cannot be switched until it is back"

    @Test func theReportSaysTheIncidentInItsLanguage() throws {
        let report = report()
        for document in [report.text(timeZone: hanoi, language: .vi), report.csv(timeZone: hanoi, language: .vi), report.html(language: .vi)] {
            #expect(document.contains(vietnamese) && !document.contains(english), "\(document)")
            #expect(document.contains("camera cam3: written before messages"))
        }
        #expect(report.text(timeZone: hanoi, language: .en).contains(english))
        #expect(report.csv(timeZone: hanoi).contains(english), "CSV in English unless asked")
    }

    @Test func theCentreSaysARoomsIncidentInItsOwnLanguage() throws {
        let sent = try LogbookReport(json: report().json)
        #expect(sent.text(timeZone: hanoi, language: .vi).contains(vietnamese))
        let fleet = LogbookReport(combining: [("Tân Lập", sent)], title: "Tỉnh", period: DateInterval(start: june1, duration: 86_400))
        let text = fleet.text(timeZone: hanoi, language: .vi)
        #expect(text.contains("Tân Lập: " + vietnamese), "\(text)")
        #expect(text.contains("Tân Lập: camera cam3: written before messages"), "\(text)")
        #expect(fleet.text(timeZone: hanoi, language: .en).contains("Tân Lập: " + english))
    }
}
