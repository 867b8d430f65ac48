import FoundationEssentials
import Localization
import Room

extension LogbookReport {
    /// The report as a technician reads it or pastes it into the six-monthly
    /// report, in `language` (names, notes and device words as written).
    public func text(timeZone: TimeZone = .room, language: Language = .en) -> String {
        let l = language
        let clock = LocalClock(timeZone: timeZone)
        var lines: [String] = []
        lines.append(l.say("Logbook report") + (room.map { ": \($0)" } ?? ""))
        lines.append(l.say("Period: {from} – {to} ({zone})", ["from": clock.minutes(period.start), "to": clock.minutes(period.end), "zone": clock.zoneName]))
        if let missing = roomsWithoutReport { lines.append(Self.missing(missing, l)) }
        lines.append("")
        let lists = [(l.say("Meetings held (official sessions)"), meetingsHeld), (l.say("Test sessions"), testSessions)]
        for (title, list) in lists {
            let total = list.reduce(0) { $0 + $1.duration(until: countedUntil) }
            lines.append(l.say("{title}: {count}, {duration} in all", ["title": title, "count": "\(list.count)", "duration": Self.duration(total, l)]))
            for session in list {
                var line = "  \(clock.minutes(session.start)) – \(session.end.map(clock.minutes) ?? "…")"
                line += "  \(Self.duration(session.duration(until: countedUntil), l))"
                if let meeting = session.meeting { line += "  " + l.say("meeting {meeting}", ["meeting": meeting]) }
                if let quality = session.quality { line += "  \(Self.describe(quality, l))" }
                if let note = session.note { line += "  (\(Self.note(note, l)))" }
                lines.append(line)
            }
            lines.append("")
        }
        let fixed = incidents.filter { $0.fix != nil }.count
        lines.append(l.say("Incidents: {count}, {fixed} with a fix noted", ["count": "\(incidents.count)", "fixed": "\(fixed)"]))
        for summary in incidents {
            let incident = summary.incident
            lines.append("  #\(incident.id) \(clock.minutes(incident.openedAt)) \(incident.kind.name(in: l)): \(incident.detail(in: l))")
            if let expected = summary.expectedBack {
                lines.append("      " + Self.expectedBack(expected, updates: summary.expectedBackUpdates, clock, l))
            }
            if let fix = summary.fix {
                lines.append("      " + l.say("fixed {time} by {who}: {note} (time to fix: {duration})", [
                    "time": clock.minutes(fix.at), "who": fix.by, "note": fix.note,
                    "duration": Self.duration(fix.at.timeIntervalSince(incident.openedAt), l),
                ]))
            } else {
                lines.append("      " + l.say("no fix noted"))
            }
        }
        lines.append("")
        lines.append(l.say("Call quality: {quality}", ["quality": quality.map { Self.describe($0, l) } ?? l.say("no samples")]))
        lines.append(l.say("Floor grants: {grants}; refused commands: {refused}", ["grants": "\(floorGrants)", "refused": "\(refusedCommands)"]))
        if damagedLines > 0 {
            lines.append(l.say("Damaged lines skipped: {count} (a crash cut a write short; every whole entry is counted)", ["count": "\(damagedLines)"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rooms of a combined report that sent none.
    static func missing(_ rooms: [String], _ l: Language) -> String {
        l.say("No report from {count} room(s): {rooms}", ["count": "\(rooms.count)", "rooms": rooms.joined(separator: ", ")])
    }

    /// The expected time of recovery, who set it last, and how often it was set (R11).
    static func expectedBack(_ expected: IncidentSummary.ExpectedBack, updates: Int, _ clock: LocalClock, _ l: Language) -> String {
        l.say("expected back {time} (set by {who}, {count} time(s))", ["time": clock.minutes(expected.at), "who": expected.by, "count": "\(updates)"])
            + (expected.note.isEmpty ? "" : ": \(expected.note)")
    }

    /// A session's note (the report writes them in English) in `language`.
    static func note(_ note: String, _ l: Language) -> String {
        switch note {
        case "began before the period": l.say("began before the period")
        case "not closed: the daemon restarted": l.say("not closed: the daemon restarted")
        case "not closed: another session started": l.say("not closed: another session started")
        case "still open at the end of the period": l.say("still open at the end of the period")
        default: note
        }
    }

    /// The report as CSV (RFC 4180: comma-separated, CRLF line ends, fields
    /// with commas, quotes or line breaks quoted, quotes doubled): one row per
    /// session and one per incident (with the last expected recovery time, R11).
    /// The incidents' details are in `language` (where the logbook kept them as messages); the rest are keywords.
    public func csv(timeZone: TimeZone = .room, language: Language = .en) -> String {
        let clock = LocalClock(timeZone: timeZone)
        var rows: [[String]] = [[
            "row", "kind", "meeting", "start", "end", "minutes", "samples", "loss_avg_percent", "loss_max_percent",
            "jitter_avg_ms", "jitter_max_ms", "incident", "detail", "fix", "fixed_by", "fixed_at", "note", "expected_back",
        ]]
        for session in sessions {
            let q = session.quality
            rows.append([
                "session", session.kind.rawValue, session.meeting ?? "", clock.seconds(session.start),
                session.end.map(clock.seconds) ?? "", Self.number(session.duration(until: countedUntil) / 60),
                q.map { String($0.samples) } ?? "", q.map { Self.number($0.averageLossPercent) } ?? "",
                q.map { Self.number($0.maximumLossPercent) } ?? "", q.map { Self.number($0.averageJitterMs) } ?? "",
                q.map { Self.number($0.maximumJitterMs) } ?? "", "", "", "", "", "", session.note ?? "", "",
            ])
        }
        for summary in incidents {
            let incident = summary.incident
            let minutes = summary.fix.map { Self.number($0.at.timeIntervalSince(incident.openedAt) / 60) } ?? ""
            rows.append([
                "incident", incident.kind.rawValue, "", clock.seconds(incident.openedAt),
                summary.fix.map { clock.seconds($0.at) } ?? "", minutes, "", "", "", "", "", String(incident.id),
                incident.detail(in: language), summary.fix?.note ?? "", summary.fix?.by ?? "", summary.fix.map { clock.seconds($0.at) } ?? "",
                "", summary.expectedBack.map { clock.seconds($0.at) } ?? "",
            ])
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func duration(_ seconds: TimeInterval, _ l: Language = .en) -> String {
        let minutes = Int((seconds / 60).rounded())
        return minutes >= 60
            ? l.say("{hours} h {minutes} min", ["hours": "\(minutes / 60)", "minutes": "\(minutes % 60)"])
            : l.say("{minutes} min", ["minutes": "\(minutes)"])
    }

    static func describe(_ quality: QualitySummary, _ l: Language = .en) -> String {
        l.say("{samples} samples, loss avg {loss} % (max {lossMax} %), jitter avg {jitter} ms (max {jitterMax} ms)", [
            "samples": "\(quality.samples)", "loss": number(quality.averageLossPercent), "lossMax": number(quality.maximumLossPercent),
            "jitter": number(quality.averageJitterMs), "jitterMax": number(quality.maximumJitterMs),
        ])
    }

    /// A number with at most two decimals, a point as separator.
    static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        if hundredths.truncatingRemainder(dividingBy: 100) == 0 { return String(Int(hundredths / 100)) }
        let magnitude = Int(abs(hundredths))
        let digits = magnitude % 100 < 10 ? "0\(magnitude % 100)" : "\(magnitude % 100)"
        let text = (hundredths < 0 ? "-" : "") + "\(magnitude / 100).\(digits)"
        return text.hasSuffix("0") ? String(text.dropLast()) : text
    }
}

/// RFC 4180 quoting.
enum CSV {
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}

/// Times in the room's own time zone, written the same way on every machine.
struct LocalClock {
    let calendar: Calendar
    let timeZone: TimeZone

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.timeZone = timeZone
    }

    var zoneName: String {
        let offset = timeZone.secondsFromGMT() / 60
        let sign = offset < 0 ? "-" : "+"
        return "UTC\(sign)\(Self.two(abs(offset) / 60)):\(Self.two(abs(offset) % 60))"
    }

    func minutes(_ date: Date) -> String { day(date) + " " + time(date) }

    /// The day alone, `2026-06-01`.
    func day(_ date: Date) -> String {
        let p = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(p.year ?? 0)-\(Self.two(p.month ?? 0))-\(Self.two(p.day ?? 0))"
    }

    /// The time of day alone, `08:30`.
    func time(_ date: Date) -> String {
        let p = calendar.dateComponents([.hour, .minute], from: date)
        return "\(Self.two(p.hour ?? 0)):\(Self.two(p.minute ?? 0))"
    }

    func seconds(_ date: Date) -> String {
        let p = calendar.dateComponents([.second], from: date)
        return minutes(date) + ":" + Self.two(p.second ?? 0)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

extension LogbookReading {
    /// The entries as the printed logbook: one line each, local time first,
    /// then the lines that had to be skipped.
    public func text(timeZone: TimeZone = .room, language: Language = .en) -> String {
        let clock = LocalClock(timeZone: timeZone)
        var lines = entries.map { "\(clock.seconds($0.time))  \($0.record.text(in: language))" }
        lines += damaged.map { language.say("skipped: {line}", ["line": "\($0)"]) }
        return lines.map { $0 + "\n" }.joined()
    }
}
