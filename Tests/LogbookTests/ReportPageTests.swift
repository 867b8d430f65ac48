import Foundation
import Testing
import TestSupport
@testable import Logbook
import Room

/// The six-monthly report as a printable page: rendered by a real headless
/// Chromium (Debian `chromium`, Vietnamese glyphs from `fonts-noto-core`),
/// printed to A4 PDF, read back with poppler's `pdfinfo` and `pdftotext`.
@Suite struct ReportPageTests {
    static let hour: TimeInterval = 3600
    static let january1 = Date(timeIntervalSince1970: 1_767_200_400)  // 2026-01-01 00:00 in Hanoi (UTC+7)

    /// Six months of a commune room: two meetings a month (a province and a
    /// district one), each with its test session, call-quality samples, a
    /// readiness test, and an incident in March and one in May.
    static var halfYear: [LogEntry] {
        var entries = [LogEntry(time: january1, record: .started(room: "UBND xã Tân Lập"))]
        func at(_ day: Int, _ hours: Double, _ record: LogRecord) {
            entries.append(LogEntry(time: january1.addingTimeInterval(Double(day) * 86_400 + hours * hour), record: record))
        }
        var day = 5
        for month in 1...6 {
            for (number, chair) in [(1, MeetingPriority.peoplesCommittee), (2, MeetingPriority.district)] {
                let id = "2026-\(month)-\(number)"
                let starts = january1.addingTimeInterval(Double(day) * 86_400 + 8 * hour)
                at(day - 2, 9, .scheduled(meeting: Meeting(id: id, title: "Giao ban tháng \(month)", priority: chair, startsAt: starts), by: "mcu 10.0.0.5"))
                at(day, 6, .readiness(report: ReadinessReport(checks: [ReadinessCheck(name: "camera", passed: true, detail: "on")], trigger: .testTime(meeting: id))))
                at(day, 6.5, .sessionStarted(kind: .test, meeting: id))
                at(day, 7, .sessionEnded(kind: .test, meeting: id))
                at(day, 8, .sessionStarted(kind: .official, meeting: id))
                for sample in 0..<6 {
                    at(day, 8 + Double(sample) * 0.25, .callQuality(sample: CallQuality(lossPercent: Double(month) * 0.3, jitterMs: 10 + Double(sample), rateKbps: 1920)))
                }
                if number == 1, month == 3 || month == 5 {
                    let incident = Incident(id: month, kind: .callDropped, detail: "mất kết nối tới MCU: đường truyền", openedAt: entries.last!.time.addingTimeInterval(600))
                    at(day, 8.6, .incident(incident: incident))
                    at(day, 8.9, .fixed(incident: month, note: "khởi động lại bộ định tuyến, trung tâm gọi lại", by: "Nguyễn Văn An"))
                }
                at(day, 10, .sessionEnded(kind: .official, meeting: id))
                day += 14
            }
            day = 5 + 31 * month - (month > 2 ? 3 : 0)
        }
        return entries
    }

    @Test func theSixMonthlyReportPrintsOnA4WithItsVietnameseHeadings() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/pdftotext", "/usr/bin/pdfinfo"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run Scripts/bootstrap (chromium, poppler-utils, fonts-noto-core)")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hanoi
        let kind = ReportKind.half(year: 2026, half: 1)
        let period = try #require(kind.period(in: calendar))
        let report = LogbookReport(entries: Self.halfYear, period: period, now: period.end.addingTimeInterval(86_400))
        #expect(report.meetingsHeld.count == 12 && report.testSessions.count == 12 && report.incidents.count == 2)
        let page = report.html(
            kind: kind, timeZone: hanoi, language: .vi, now: period.end,
            preparedBy: Contact(name: "Trần Thị Bình", position: "Cán bộ kỹ thuật", phone: "0912 000 002"),
            head: Contact(name: "Nguyễn Văn An", position: "Chủ tịch UBND xã", phone: "0912 000 001"))
        #expect(page.components(separatedBy: "<svg ").count - 1 == 3, "three charts")

        let directory = temporaryDirectory()
        let html = directory + "/report.html", pdf = directory + "/report.pdf"
        try page.write(toFile: html, atomically: true, encoding: .utf8)
        let chromium = try runToEnd("/usr/bin/timeout", [
            "120", "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory)/profile",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(html)",
        ])
        try #require(FileManager.default.fileExists(atPath: pdf), "chromium printed no PDF (status \(chromium.status)):\n\(chromium.output)")

        let info = try runToEnd("/usr/bin/pdfinfo", [pdf]).output
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
        #expect(info.contains("(A4)"), "the page is not A4:\n\(info)")
        // Page 1: heading and figures; page 2: the charts; page 3: the meetings
        // (twelve rows fit one page); then the test sessions, incidents and
        // readiness tests, on one or two more pages.
        #expect((4...5).contains(pages ?? 0), "page count: \(pages.map(String.init) ?? "none")\n\(info)")

        /// A page's text, its words joined by single spaces (table cells wrap).
        func text(page: Int) throws -> String {
            let raw = try runToEnd("/usr/bin/pdftotext", ["-f", "\(page)", "-l", "\(page)", pdf, "-"]).output
            return raw.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let first = try text(page: 1)
        for heading in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", "UBND XÃ TÂN LẬP", "BÁO CÁO",
            "Tình hình hoạt động của điểm cầu truyền hình trực tuyến 6 tháng đầu năm 2026", "I. Tổng hợp",
            "UBND tỉnh, cấp tỉnh", "cấp huyện", "Thời gian khắc phục trung bình"] {
            #expect(first.contains(heading), "page 1 lacks '\(heading)':\n\(first)")
        }
        let charts = try text(page: 2)
        #expect(charts.hasPrefix("Số cuộc họp theo tháng"), "page 2 is not the charts':\n\(charts)")
        for title in ["Sự cố và thời gian khắc phục trung bình", "Chất lượng kết nối theo thời gian", "01/2026", "06/2026"] {
            #expect(charts.contains(title), "page 2 lacks '\(title)':\n\(charts)")
        }
        let meetings = try text(page: 3)
        #expect(meetings.hasPrefix("II. Các phiên họp chính thức đã tổ chức") && meetings.contains("Giao ban tháng 6"), "\(meetings)")
        let rest = try (3...max(3, pages ?? 3)).map { try text(page: $0) }.joined(separator: " ")
        for heading in ["III. Các phiên kết nối thử", "IV. Sự cố và khắc phục", "Nguyên nhân", "Thời gian khắc phục", "khởi động lại bộ định tuyến",
            "V. Kiểm tra sẵn sàng trước cuộc họp", "Thủ trưởng đơn vị", "Trần Thị Bình – Cán bộ kỹ thuật", "Nguyễn Văn An – Chủ tịch UBND xã"] {
            #expect(rest.contains(heading), "pages 3– lack '\(heading)':\n\(rest)")
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func thePageEscapesWhatThePeopleWrote() {
        let incident = Incident(id: 1, kind: .reported, detail: "<script>alert(1)</script> & \"quotes\"", openedAt: june1)
        let report = LogbookReport(entries: [entry(0, .incident(incident: incident))], period: DateInterval(start: june1, duration: 86_400))
        let page = report.html(timeZone: hanoi, language: .en, now: june1)
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }

    @Test func periodsAreTheRegulationsOnes() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hanoi
        let clock = LocalClock(timeZone: hanoi)
        let cases: [(String, String, String)] = [
            ("2026-H1", "2026-01-01 00:00", "2026-07-01 00:00"), ("2026-H2", "2026-07-01 00:00", "2027-01-01 00:00"),
            ("2026-Q2", "2026-04-01 00:00", "2026-07-01 00:00"), ("2026", "2026-01-01 00:00", "2027-01-01 00:00"),
        ]
        for (text, start, end) in cases {
            let period = try #require(ReportKind(parsing: text)?.period(in: calendar))
            #expect(clock.minutes(period.start) == start && clock.minutes(period.end) == end, "\(text)")
        }
        for bad in ["2026-Q5", "2026-H3", "26", "2026-X1", "2026-Q", ""] { #expect(ReportKind(parsing: bad) == nil, "\(bad)") }
    }
}
