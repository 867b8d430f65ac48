import Foundation
import Localization
import Logbook
import Room

/// `report-bench`: how long the six-monthly report takes from a real logbook
/// of 100,000 entries (files on disk, read and decoded, the report built and
/// rendered as the Vietnamese HTML page, with its charts). Build it in
/// release mode: `swift build -c release --product report-bench`.
/// `report-bench PATH` also writes the page to PATH, to print it (page count).
@main
enum ReportBench {
    static let entryCount = 100_000
    static let runs = 7

    static func main() async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .room
        let kind = ReportKind.half(year: 2026, half: 1)
        guard let period = kind.period(in: calendar) else { fatalError("no period") }
        let directory = FileManager.default.temporaryDirectory.path + "/report-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logbook = try Logbook(directory: directory, timeZone: .room)
        let entries = busyHalfYear(from: period.start, count: entryCount)
        for start in stride(from: 0, to: entries.count, by: 5_000) {
            try await logbook.append(Array(entries[start..<min(entries.count, start + 5_000)]))
        }
        let reader = LogbookReader(directory: directory, timeZone: .room)
        print("report-bench: six-monthly report (2026-H1) from a logbook of \(entryCount) entries on disk, \(runs) runs after 1 warm-up")
        var read: [Double] = [], build: [Double] = [], render: [Double] = [], whole: [Double] = []
        var size = 0, meetings = 0, incidents = 0, lastPage = ""
        for run in 0...runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let reading = try reader.read(period)
            let t1 = DispatchTime.now().uptimeNanoseconds
            let report = LogbookReport(entries: reading.entries, period: period, damagedLines: reading.damaged.count)
            let t2 = DispatchTime.now().uptimeNanoseconds
            let page = report.html(kind: kind, timeZone: .room, language: .vi, now: period.end)
            let t3 = DispatchTime.now().uptimeNanoseconds
            guard run > 0 else { continue }
            read.append(Double(t1 - t0) / 1e6)
            build.append(Double(t2 - t1) / 1e6)
            render.append(Double(t3 - t2) / 1e6)
            whole.append(Double(t3 - t0) / 1e6)
            size = page.utf8.count
            lastPage = page
            meetings = report.meetingsHeld.count
            incidents = report.incidents.count
        }
        print("  read + decode the files  p50 \(format(median(read))) ms")
        print("  build the report         p50 \(format(median(build))) ms")
        print("  render the HTML page     p50 \(format(median(render))) ms  (\(size / 1024) KiB, \(meetings) meetings, \(incidents) incidents)")
        if CommandLine.arguments.count > 1 {
            try lastPage.write(toFile: CommandLine.arguments[1], atomically: true, encoding: .utf8)
            print("  page written to \(CommandLine.arguments[1])")
        }
        print("  whole report             p50 \(format(median(whole))) ms   (min \(format(whole.min() ?? 0)) ms, max \(format(whole.max() ?? 0)) ms)")

        // As the daemon serves `report 2026-H1 html` (diemcaud's ReportDesk, on
        // its own thread): the period read with the schedule's look-back, the
        // page rendered; and the JSON figures a room sends `diemcau fleet report`.
        var served: [Double] = [], figures: [Double] = []
        var jsonSize = 0
        for run in 0...runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let report = try reader.report(period)
            let page = report.document(.html, kind: kind, timeZone: .room, language: .vi, now: period.end)
            let t1 = DispatchTime.now().uptimeNanoseconds
            let json = report.document(.json)
            let t2 = DispatchTime.now().uptimeNanoseconds
            guard run > 0, !page.isEmpty else { continue }
            served.append(Double(t1 - t0) / 1e6)
            figures.append(Double(t2 - t1) / 1e6)
            jsonSize = json.utf8.count
        }
        print("  served by the daemon     p50 \(format(median(served))) ms   (report <period> html: read with the schedule's look-back, rendered)")
        print("  JSON figures for fleet   p50 \(format(median(figures))) ms   (\(jsonSize / 1024) KiB, report <period> json)")
    }

    /// A busy room's half year: four meetings a working day, each with its
    /// readiness test, test session, microphone and camera moves and a
    /// call-quality sample a minute; an incident and its fix every few days.
    static func busyHalfYear(from start: Date, count: Int) -> [LogEntry] {
        var entries: [LogEntry] = [LogEntry(time: start, record: .started(room: "UBND xã Tân Lập"))]
        var day = 0, incident = 0
        let chairs = MeetingPriority.allCases
        while entries.count < count {
            let morning = start.addingTimeInterval(Double(day) * 86_400 + 7 * 3600)
            for number in 0..<4 where entries.count < count {
                let id = "M\(day)-\(number)"
                var time = morning.addingTimeInterval(Double(number) * 2.5 * 3600)
                func add(_ record: LogRecord, after seconds: TimeInterval = 1) {
                    time = time.addingTimeInterval(seconds)
                    entries.append(LogEntry(time: time, record: record))
                }
                add(.scheduled(meeting: Meeting(id: id, title: "Họp \(id)", priority: chairs[(day + number) % chairs.count], startsAt: time.addingTimeInterval(1800)), by: "mcu 10.0.0.5"))
                add(.readiness(report: ReadinessReport(checks: [ReadinessCheck(name: "camera", passed: true, detail: "on")], trigger: .testTime(meeting: id))))
                add(.sessionStarted(kind: .test, meeting: id))
                add(.sessionEnded(kind: .test, meeting: id), after: 900)
                add(.sessionStarted(kind: .official, meeting: id), after: 900)
                for minute in 0..<90 {
                    add(.callQuality(sample: CallQuality(lossPercent: Double(minute % 7) * 0.1, jitterMs: 8 + Double(minute % 5), rateKbps: 1920)), after: 60)
                    if minute % 15 == 0 {
                        add(.floorGranted(target: .microphone(name: "mic\(minute % 4)"), channels: ["mic\(minute % 4)"], by: "mcu 10.0.0.5"))
                        add(.microphone(channel: "mic\(minute % 4)", muted: false, by: "mcu 10.0.0.5", reason: "floor granted"))
                    }
                }
                if (day * 4 + number) % 13 == 0 {
                    incident += 1
                    add(.incident(incident: Incident(id: incident, kind: .callDropped, detail: "mất kết nối tới MCU", openedAt: time)))
                    add(.fixed(incident: incident, note: "trung tâm gọi lại", by: "Nguyễn Văn An"), after: 420)
                }
                add(.sessionEnded(kind: .official, meeting: id))
            }
            day += 1
        }
        return Array(entries.prefix(count))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
