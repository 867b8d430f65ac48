import Foundation
import Logbook
import Room
import Testing

/// `diemcau logbook` as a process, in the technician's locale: the printed
/// sổ theo dõi of one meeting and the six-monthly report as an HTML page.
@Suite struct LogbookCommandLineTests {
    /// Runs `diemcau` with `LANG` set; its exit status, standard output and standard error.
    static func run(_ arguments: [String], lang: String) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineToolTests.tool)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["LANGUAGE", "LC_ALL", "LC_MESSAGES"] { environment.removeValue(forKey: key) }
        environment["LANG"] = lang
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complained = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed, complained)
    }

    /// A state directory whose logbook holds two meetings on 2026-03-10 (Hanoi time).
    static func stateDirectory() async throws -> String {
        let directory = NSTemporaryDirectory() + "diemcau-logbook-cli-\(UUID().uuidString.prefix(8))"
        let logbook = try Logbook(directory: directory + "/logbook", timeZone: .room)
        let morning = Date(timeIntervalSince1970: 1_773_104_400)  // 2026-03-10 08:00 in Hanoi
        var entries: [LogEntry] = []
        func at(_ minutes: Double, _ record: LogRecord) { entries.append(LogEntry(time: morning.addingTimeInterval(minutes * 60), record: record)) }
        at(0, .started(room: "UBND xã Tân Lập"))
        at(1, .scheduled(meeting: Meeting(id: "A", title: "Giao ban", priority: .peoplesCommittee, startsAt: morning.addingTimeInterval(3600)), by: "mcu"))
        at(10, .sessionStarted(kind: .test, meeting: "A"))
        at(20, .sessionEnded(kind: .test, meeting: "A"))
        at(60, .sessionStarted(kind: .official, meeting: "A"))
        at(70, .note(text: "đã thay micro 3", by: "Trần Thị Bình"))
        at(120, .sessionEnded(kind: .official, meeting: "A"))
        at(180, .sessionStarted(kind: .official, meeting: "B"))
        at(240, .sessionEnded(kind: .official, meeting: "B"))
        try await logbook.append(entries)
        return directory
    }

    @Test func oneMeetingsLogbookPrintsInVietnamese() async throws {
        let directory = try await Self.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let shown = try Self.run(["logbook", "show", "--day", "2026-03-10", "--meeting", "A", "--state-dir", directory], lang: "vi_VN.UTF-8")
        #expect(shown.status == 0, "\(shown.errors)")
        let lines = shown.output.split(separator: "\n")
        #expect(lines.first?.hasSuffix("bắt đầu phiên kết nối thử (cuộc họp A)") == true, "\(shown.output)")
        #expect(lines.last?.hasSuffix("kết thúc phiên họp chính thức (cuộc họp A)") == true, "\(shown.output)")
        #expect(shown.output.contains("ghi chú của Trần Thị Bình: đã thay micro 3") && !shown.output.contains("cuộc họp B"), "\(shown.output)")

        let english = try Self.run(["logbook", "show", "--day", "2026-03-10", "--meeting", "A", "--state-dir", directory], lang: "C.UTF-8")
        #expect(english.output.contains("test session started (meeting A)"), "\(english.output)")

        let missing = try Self.run(["logbook", "show", "--day", "2026-03-10", "--meeting", "Z", "--state-dir", directory], lang: "vi_VN.UTF-8")
        #expect(missing.status == 1)
        #expect(missing.errors.contains("không có phiên nào của cuộc họp Z trong kỳ"), "\(missing.errors)")
    }

    @Test func theSixMonthlyReportIsAnHTMLPage() async throws {
        let directory = try await Self.stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try Self.run(["logbook", "report", "--period", "2026-H1", "--html", "--state-dir", directory], lang: "vi_VN.UTF-8")
        #expect(report.status == 0, "\(report.errors)")
        #expect(report.output.hasPrefix("<!DOCTYPE html>"))
        for text in ["<html lang=\"vi\">", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "6 tháng đầu năm 2026", "UBND XÃ TÂN LẬP", "Giao ban", "UBND tỉnh"] {
            #expect(report.output.contains(text), "the page lacks \(text)")
        }
        let wrong = try Self.run(["logbook", "report", "--period", "2026-H3", "--state-dir", directory], lang: "vi_VN.UTF-8")
        #expect(wrong.status == 64)
        #expect(wrong.errors.contains("--period nhận 2026-H1 hoặc 2026-H2"), "\(wrong.errors)")
    }
}
