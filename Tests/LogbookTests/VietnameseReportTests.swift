import Foundation
import Testing
@testable import Logbook
import Room

/// The report in the technician's language, and its counts never reaching into the future.
@Suite struct VietnameseReportTests {
    let minute: TimeInterval = 60

    @Test func aSessionStillOpenIsCountedUpToNowNotToThePeriodsEnd() {
        // The period is the whole day; the report is made a minute after the meeting began.
        let period = DateInterval(start: june1, duration: 86_400)
        let now = june1.addingTimeInterval(61 * minute)
        let report = LogbookReport(
            entries: [entry(60 * minute, .sessionStarted(kind: .official, meeting: "HN-12"))], period: period, now: now)
        #expect(report.countedUntil == now)
        #expect(report.meetingsHeld.first?.duration(until: report.countedUntil) == minute)
        #expect(report.text(timeZone: hanoi).contains("Meetings held (official sessions): 1, 1 min in all"))
        // A period long over counts up to its end.
        let later = LogbookReport(entries: [entry(60 * minute, .sessionStarted(kind: .official, meeting: "HN-12"))], period: period, now: june1.addingTimeInterval(10 * 86_400))
        #expect(later.countedUntil == period.end)
    }

    @Test func theReportReadsInVietnamese() {
        let drop = Incident(id: 4, kind: .callDropped, detail: "cuộc gọi tới MCU bị rớt", openedAt: june1.addingTimeInterval(150 * minute))
        let entries = [
            entry(0, .started(room: "UBND xã Tân Lập")),
            entry(60 * minute, .sessionStarted(kind: .test, meeting: "HN-12")),
            entry(90 * minute, .sessionEnded(kind: .test, meeting: "HN-12")),
            entry(120 * minute, .sessionStarted(kind: .official, meeting: "HN-12")),
            entry(150 * minute, .incident(incident: drop)),
            entry(152 * minute, .expectedBack(incident: 4, at: june1.addingTimeInterval(170 * minute), note: "chờ nhà mạng", by: "Nguyễn Văn An")),
            entry(155 * minute, .expectedBack(incident: 4, at: june1.addingTimeInterval(160 * minute), note: "", by: "mcu 10.0.0.5")),
            entry(158 * minute, .fixed(incident: 4, note: "trung tâm gọi lại", by: "Nguyễn Văn An")),
            entry(255 * minute, .sessionEnded(kind: .official, meeting: "HN-12")),
        ]
        let report = LogbookReport(entries: entries, period: DateInterval(start: june1, duration: 86_400))
        let text = report.text(timeZone: hanoi, language: .vi)
        let incidentRow = report.csv(timeZone: hanoi).components(separatedBy: "\r\n").first { $0.hasPrefix("incident,") }
        #expect(incidentRow?.hasSuffix(",2026-06-01 09:40:00") == true, "the CSV's expected_back is the last time set: \(incidentRow ?? "")")
        #expect(text.contains("Báo cáo sổ theo dõi: UBND xã Tân Lập"))
        #expect(text.contains("Phiên họp chính thức đã tổ chức: 1, tổng cộng 2 giờ 15 phút"))
        #expect(text.contains("Phiên kết nối thử: 1, tổng cộng 30 phút"))
        #expect(text.contains("#4 2026-06-01 09:30 mất kết nối cuộc gọi: cuộc gọi tới MCU bị rớt"))
        #expect(text.contains("dự kiến khôi phục lúc 2026-06-01 09:40 (do mcu 10.0.0.5 đặt, 2 lần)"), "\(text)")
        #expect(text.contains("đã khắc phục lúc 2026-06-01 09:38, do Nguyễn Văn An: trung tâm gọi lại (thời gian khắc phục: 8 phút)"))
        #expect(!text.contains("Meetings"), "an English heading left in the Vietnamese report:\n\(text)")
    }

    @Test func thePrintedLogbookReadsInVietnamese() {
        let reading = LogbookReading(
            entries: [entry(0, .sessionStarted(kind: .test, meeting: "HN-12")), entry(30, .note(text: "đã thay micro 3", by: "Nguyễn Văn An"))],
            damaged: [])
        #expect(reading.text(timeZone: hanoi, language: .vi) == """
            2026-06-01 07:00:00  bắt đầu phiên kết nối thử (cuộc họp HN-12)
            2026-06-01 07:00:30  ghi chú của Nguyễn Văn An: đã thay micro 3

            """)
    }
}

/// A meeting scheduled before the period and held in it counts under its chairing body.
@Suite struct ScheduleLookBackTests {
    @Test func aMeetingScheduledInThePeriodBeforeKeepsItsChair() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        let july1 = june1.addingTimeInterval(30 * 86_400)
        let meeting = Meeting(id: "HN-7", title: "Giao ban tháng 7", priority: .provinceParty, startsAt: july1.addingTimeInterval(3600))
        try await logbook.append([
            entry(20 * 86_400, .scheduled(meeting: meeting, by: "mcu")),
            LogEntry(time: july1.addingTimeInterval(3600), record: .sessionStarted(kind: .official, meeting: "HN-7")),
            LogEntry(time: july1.addingTimeInterval(7200), record: .sessionEnded(kind: .official, meeting: "HN-7")),
        ])
        let report = try await logbook.report(DateInterval(start: july1, duration: 31 * 86_400))
        #expect(report.meetingsByChair.map(\.chair) == [.provinceParty])
        #expect(report.meeting(of: report.meetingsHeld[0])?.title == "Giao ban tháng 7")
        try? FileManager.default.removeItem(atPath: directory)
    }
}
