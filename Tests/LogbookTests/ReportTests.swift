import Foundation
import Testing
@testable import Logbook
import Room

@Suite struct ReportTests {
    let minute: TimeInterval = 60

    /// A test session, a meeting with a dropped call and its fix, and quality samples.
    var entries: [LogEntry] {
        let drop = Incident(id: 4, kind: .callDropped, detail: "the call to mcu dropped: network, cause 16", openedAt: june1.addingTimeInterval(150 * minute))
        return [
            entry(0, .started(room: "UBND xã Tân Lập")),
            entry(60 * minute, .sessionStarted(kind: .test, meeting: "HN-12")),
            entry(65 * minute, .callQuality(sample: CallQuality(lossPercent: 1, jitterMs: 20))),
            entry(90 * minute, .sessionEnded(kind: .test, meeting: "HN-12")),
            entry(120 * minute, .sessionStarted(kind: .official, meeting: "HN-12")),
            entry(121 * minute, .floorGranted(target: .microphone(name: "chair"), channels: ["chair"], by: "mcu")),
            entry(130 * minute, .callQuality(sample: CallQuality(lossPercent: 0.5, jitterMs: 10))),
            entry(140 * minute, .callQuality(sample: CallQuality(lossPercent: 2.5, jitterMs: 30))),
            entry(150 * minute, .incident(incident: drop)),
            entry(158 * minute, .fixed(incident: 4, note: "the centre redialled; router \"R1\" rebooted", by: "technician cli")),
            entry(160 * minute, .refused(command: "dial 100", by: "technician cli", reason: "R1")),
            entry(255 * minute, .sessionEnded(kind: .official, meeting: "HN-12")),
        ]
    }

    var period: DateInterval { DateInterval(start: june1, end: june1.addingTimeInterval(86_400)) }

    @Test func meetingsTestsIncidentsAndQualityAreCounted() {
        let report = LogbookReport(entries: entries, period: period)
        #expect(report.room == "UBND xã Tân Lập")
        #expect(report.meetingsHeld.count == 1)
        #expect(report.meetingsHeld.first?.duration(until: period.end) == 135 * minute)
        #expect(report.meetingsHeld.first?.quality?.samples == 2)
        #expect(report.meetingsHeld.first?.quality?.averageLossPercent == 1.5)
        #expect(report.testSessions.first?.duration(until: period.end) == 30 * minute)
        #expect(report.incidents.count == 1)
        #expect(report.incidents.first?.fix?.note == "the centre redialled; router \"R1\" rebooted")
        #expect(report.quality?.samples == 3)
        #expect(report.quality?.maximumJitterMs == 30)
        #expect(report.floorGrants == 1)
        #expect(report.refusedCommands == 1)
    }

    @Test func theTextReportReadsLikeTheLogbook() {
        let text = LogbookReport(entries: entries, period: period, damagedLines: 1).text(timeZone: hanoi)
        let expected = """
            Logbook report: UBND xã Tân Lập
            Period: 2026-06-01 07:00 – 2026-06-02 07:00 (UTC+07:00)

            Meetings held (official sessions): 1, 2 h 15 min in all
              2026-06-01 09:00 – 2026-06-01 11:15  2 h 15 min  meeting HN-12  2 samples, loss avg 1.5 % (max 2.5 %), jitter avg 20 ms (max 30 ms)

            Test sessions: 1, 30 min in all
              2026-06-01 08:00 – 2026-06-01 08:30  30 min  meeting HN-12  1 samples, loss avg 1 % (max 1 %), jitter avg 20 ms (max 20 ms)

            Incidents: 1, 1 with a fix noted
              #4 2026-06-01 09:30 call-dropped: the call to mcu dropped: network, cause 16
                  fixed 2026-06-01 09:38 by technician cli: the centre redialled; router "R1" rebooted (time to fix: 8 min)

            Call quality: 3 samples, loss avg 1.33 % (max 2.5 %), jitter avg 20 ms (max 30 ms)
            Floor grants: 1; refused commands: 1
            Damaged lines skipped: 1 (a crash cut a write short; every whole entry is counted)

            """
        #expect(text == expected)
    }

    @Test func theCSVReportQuotesWhatNeedsQuoting() {
        let csv = LogbookReport(entries: entries, period: period).csv(timeZone: utc)
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows.count == 5, "a header, two sessions, one incident, and the final line end")
        #expect(rows[0].hasPrefix("row,kind,meeting,start,end,minutes,samples,"))
        #expect(rows[1] == "session,test,HN-12,2026-06-01 01:00:00,2026-06-01 01:30:00,30,1,1,1,20,20,,,,,,,")
        #expect(rows[3] == #"incident,call-dropped,,2026-06-01 02:30:00,2026-06-01 02:38:00,8,,,,,,4,"the call to mcu dropped: network, cause 16","the centre redialled; router ""R1"" rebooted",technician cli,2026-06-01 02:38:00,,"#)
        #expect(rows[4].isEmpty)
    }

    @Test func csvFieldsAreQuotedPerRFC4180() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
    }

    @Test func sessionsCutByARestartOrThePeriodAreMarked() {
        let cut = [
            entry(0, .sessionEnded(kind: .official, meeting: "A")),
            entry(60 * minute, .sessionStarted(kind: .test, meeting: "B")),
            entry(70 * minute, .started(room: "x")),
            entry(80 * minute, .sessionStarted(kind: .official, meeting: "B")),
        ]
        let report = LogbookReport(entries: cut, period: DateInterval(start: june1.addingTimeInterval(-minute), duration: 100 * minute))
        #expect(report.sessions.map(\.note) == [
            "began before the period", "not closed: the daemon restarted", "still open at the end of the period",
        ])
        #expect(report.sessions[2].duration(until: report.period.end) == 19 * minute)
    }

    @Test func aReportIsReadFromTheFilesForItsPeriod() async throws {
        let directory = temporaryDirectory()
        let logbook = try Logbook(directory: directory, timeZone: utc)
        try await logbook.append(entries)
        try await logbook.append(entry(40 * 86_400, .sessionStarted(kind: .official, meeting: "July")))
        let report = try await logbook.report(period)
        #expect(report.meetingsHeld.map(\.meeting) == ["HN-12"])
        await #expect(throws: LogbookError.emptyPeriod) {
            try await logbook.report(DateInterval(start: june1, duration: 0))
        }
    }
}

@Suite struct PrintedLogbookTests {
    @Test func entriesPrintOneLineEachInLocalTime() {
        let reading = LogbookReading(
            entries: [
                entry(0, .floorGranted(target: .microphone(name: "chair"), channels: ["chair"], by: "mcu 10.0.0.5")),
                entry(30, .refused(command: "dial 100", by: "technician cli", reason: "only the MCU centre may ask the room to dial (R1)")),
                entry(90, .hourBeforeStart(meeting: "HN-12", inCall: false)),
            ],
            damaged: [DamagedLine(file: "2026-06.jsonl", line: 4, length: 17, unterminated: true)])
        #expect(reading.text(timeZone: hanoi) == """
            2026-06-01 07:00:00  floor granted to microphone chair (chair) by mcu 10.0.0.5
            2026-06-01 07:00:30  REFUSED dial 100 from technician cli: only the MCU centre may ask the room to dial (R1)
            2026-06-01 07:01:30  one hour before meeting HN-12: the room is NOT in the call (R5)
            skipped: 2026-06.jsonl line 4 (17 bytes): the last line, cut short by a crash

            """)
    }
}
