import Foundation
import Room
import Testing
@testable import Logbook

/// The centre's report of many rooms (`diemcau fleet report`): each room's
/// figures as JSON, condensed for the wire, read back and added up.
@Suite struct ReportAggregateTests {
    let period = DateInterval(start: june1, end: june1.addingTimeInterval(30 * 86_400))

    /// A room's month: meeting M1 (scheduled, chaired by `chair`), its quality samples, one incident fixed after 8 minutes.
    func room(_ name: String, chair: MeetingPriority, losses: [Double]) -> LogbookReport {
        var entries = [
            entry(0, .started(room: name)),
            entry(60, .scheduled(meeting: Meeting(id: "M1", title: "Giao ban", priority: chair, startsAt: june1.addingTimeInterval(3600)), by: "mcu")),
            entry(3600, .sessionStarted(kind: .official, meeting: "M1")),
        ]
        for (index, loss) in losses.enumerated() {
            entries.append(entry(3600 + Double(index + 1), .callQuality(sample: CallQuality(lossPercent: loss, jitterMs: loss * 10, rateKbps: 1920))))
        }
        let incident = Incident(id: 1, kind: .callDropped, detail: "mất kết nối", openedAt: june1.addingTimeInterval(7000))
        entries += [
            entry(7000, .incident(incident: incident)),
            entry(7480, .fixed(incident: 1, note: "gọi lại", by: "Bình")),
            entry(9000, .sessionEnded(kind: .official, meeting: "M1")),
        ]
        return LogbookReport(entries: entries, period: period, now: period.end)
    }

    @Test func twoRoomsAddUpTheirMeetingsIncidentsAndQuality() throws {
        let a = room("UBND xã A", chair: .peoplesCommittee, losses: Array(repeating: 1, count: 300))
        let b = room("UBND xã B", chair: .district, losses: [4])
        // Through the wire: the JSON a room sends, read back.
        let sentA = try LogbookReport(json: a.document(.json)), sentB = try LogbookReport(json: b.document(.json))
        #expect(sentA.qualitySamples.count <= LogbookReport.chartPoints && sentA.qualitySamples.count > 0)
        #expect(sentA.quality == a.quality)

        let whole = LogbookReport(combining: [("b", sentB), ("a", sentA)], title: "Tỉnh X: 2 điểm cầu", period: period, missing: ["c"])
        #expect(whole.room == "Tỉnh X: 2 điểm cầu")
        #expect(whole.meetingsHeld.map(\.meeting) == ["a/M1", "b/M1"])
        #expect(Dictionary(uniqueKeysWithValues: whole.meetingsByChair.map { ($0.chair, $0.count) }) == [.peoplesCommittee: 1, .district: 1])
        #expect(whole.incidents.map(\.incident.detail) == ["a: mất kết nối", "b: mất kết nối"])
        #expect(whole.incidents.allSatisfy { $0.fix?.note == "gọi lại" })
        // Weighted by samples: 300 at 1 %, 1 at 4 %.
        #expect(whole.quality?.samples == 301)
        #expect(abs((whole.quality?.averageLossPercent ?? 0) - 304.0 / 301) < 1e-9)
        #expect(whole.quality?.maximumLossPercent == 4 && whole.quality?.averageRateKbps == 1920)
        #expect(whole.text(language: .en).contains("Meetings held (official sessions): 2"))
        #expect(whole.html(language: .vi).contains("a/M1: Giao ban"))
        #expect(whole.html(language: .vi).contains("Không có báo cáo của 1 điểm cầu: c"))
        #expect(sentA.roomsWithoutReport == nil, "a room's own report names no missing room")
    }
}
