import FoundationEssentials
import Localization
import Room

extension LogbookReport {
    /// The report as a printable HTML page: A4, print styles, the room's
    /// identity heading the page as an official document's does (the
    /// issuing body on the left, the national motto on the right), the
    /// figures, three SVG charts, then the sessions, incidents and readiness
    /// tests one by one. Self-contained: no script, no external file.
    /// `preparedBy` and `head` are the room file's technician and lead (R8),
    /// printed under the signature lines.
    public func html(
        kind: ReportKind = .span, timeZone: TimeZone = .room, language: Language = .vi, now: Date = Date(),
        preparedBy: Contact? = nil, head: Contact? = nil
    ) -> String {
        let l = language
        let clock = LocalClock(timeZone: timeZone)
        let charts = ReportCharts(report: self, clock: clock, language: l)
        let e = HTML.escape
        var page = ""
        page.reserveCapacity(64 * 1024 + sessions.count * 400 + incidents.count * 400)
        page += "<!DOCTYPE html>\n<html lang=\"\(l.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<title>\(e(kind.title(in: l)))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"

        // The heading of an official document.
        let today = clock.calendar.dateComponents([.year, .month, .day], from: now)
        page += "<header class=\"heading\"><div class=\"issuer\"><strong>\(e((room ?? l.say("Video-conference endpoint")).uppercased()))</strong>"
        page += "<span>\(e(l.say("Video-conference endpoint")))</span></div>"
        page += "<div class=\"motto\"><strong>\(e(l.say("SOCIALIST REPUBLIC OF VIET NAM")))</strong>"
        page += "<span class=\"underlined\">\(e(l.say("Independence – Freedom – Happiness")))</span>"
        page += "<em>\(e(l.say("Date: {day}/{month}/{year}", ["day": "\(today.day ?? 0)", "month": "\(today.month ?? 0)", "year": "\(today.year ?? 0)"])))</em></div></header>\n"
        page += "<h1>\(e(l.say("REPORT")))</h1>\n<p class=\"subtitle\">\(e(kind.title(in: l)))</p>\n"
        page += "<p class=\"period\">\(e(l.say("Period: {from} – {to} ({zone})", ["from": clock.minutes(period.start), "to": clock.minutes(period.end), "zone": clock.zoneName])))</p>\n"
        if let missing = roomsWithoutReport { page += "<p class=\"period\"><strong>\(e(Self.missing(missing, l)))</strong></p>\n" }

        // I. The figures.
        let official = meetingsHeld, tests = testSessions
        let hours = { (list: [SessionSummary]) in Self.duration(list.reduce(0) { $0 + $1.duration(until: countedUntil) }, l) }
        let fixed = incidents.filter { $0.fix != nil }
        let fixMinutes = fixed.map { $0.fix!.at.timeIntervalSince($0.incident.openedAt) }
        page += "<h2>\(e(l.say("I. Summary")))</h2>\n<table class=\"figures\">\n"
        func row(_ label: String, _ value: String) { page += "<tr><th>\(e(label))</th><td>\(e(value))</td></tr>\n" }
        row(l.say("Meetings held (official sessions)"), "\(official.count) (\(hours(official)))")
        for (chair, count) in meetingsByChair {
            row("  " + (chair.map { "\($0.name(in: l)), \($0.level(in: l))" } ?? l.say("chairing body not in the period's schedule")), "\(count)")
        }
        row(l.say("Test sessions"), "\(tests.count) (\(hours(tests)))")
        row(l.say("Incidents"), l.say("{count}, {fixed} fixed", ["count": "\(incidents.count)", "fixed": "\(fixed.count)"]))
        row(l.say("Average time to fix"), fixMinutes.isEmpty ? "–" : Self.duration(fixMinutes.reduce(0, +) / Double(fixMinutes.count), l))
        let passed = readinessResults.filter(\.passed).count
        row(l.say("Readiness tests"), l.say("{count}, {passed} passed", ["count": "\(readinessResults.count)", "passed": "\(passed)"]))
        row(l.say("Call quality"), quality.map { Self.describe($0, l) } ?? l.say("no samples"))
        if let rate = quality?.averageRateKbps { row(l.say("Average call rate"), "\(Self.number(rate)) kbit/s") }
        row(l.say("Floor grants"), "\(floorGrants)")
        row(l.say("Refused commands"), "\(refusedCommands)")
        if damagedLines > 0 { row(l.say("Damaged lines skipped"), "\(damagedLines)") }
        page += "</table>\n"
        page += "<section class=\"charts new-page\">\n" + charts.meetingsPerMonth + charts.incidentsAndTimeToFix + charts.qualityOverTime + "</section>\n"

        // II–III. The sessions.
        for (title, list, breaking) in [(l.say("II. Meetings held (official sessions)"), official, true), (l.say("III. Test sessions"), tests, false)] {
            page += breaking ? "<h2 class=\"new-page\">\(e(title))</h2>\n" : "<h2>\(e(title))</h2>\n"
            guard !list.isEmpty else { page += "<p>\(e(l.say("None in the period.")))</p>\n"; continue }
            page += "<table class=\"rows\"><thead><tr>"
            for heading in [l.say("Day"), l.say("Hours"), l.say("Duration"), l.say("Meeting"), l.say("Chaired by"), l.say("Level"), l.say("Loss / jitter (average)")] {
                page += "<th>\(e(heading))</th>"
            }
            page += "</tr></thead><tbody>\n"
            for session in list {
                let meeting = meeting(of: session)
                var name = [session.meeting, meeting?.title].compactMap { $0 }.joined(separator: ": ")
                if let note = session.note { name += " (\(Self.note(note, l)))" }
                let end = session.end.map { clock.day($0) == clock.day(session.start) ? clock.time($0) : clock.minutes($0) } ?? "…"
                let cells = [
                    clock.day(session.start), "\(clock.time(session.start))–\(end)", Self.duration(session.duration(until: countedUntil), l), name,
                    meeting?.priority.name(in: l) ?? "", meeting?.priority.level(in: l) ?? "",
                    session.quality.map { "\(Self.number($0.averageLossPercent)) % / \(Self.number($0.averageJitterMs)) ms" } ?? "",
                ]
                page += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
            }
            page += "</tbody></table>\n"
        }

        // IV. Incidents: cause, fix, time to fix (R4, R11).
        page += "<h2>\(e(l.say("IV. Incidents")))</h2>\n"
        if incidents.isEmpty {
            page += "<p>\(e(l.say("None in the period.")))</p>\n"
        } else {
            page += "<table class=\"rows\"><thead><tr>"
            for heading in ["#", l.say("Time"), l.say("Incident"), l.say("Cause"), l.say("Expected back"), l.say("Fix"), l.say("Fixed by"), l.say("Time to fix")] {
                page += "<th>\(e(heading))</th>"
            }
            page += "</tr></thead><tbody>\n"
            for summary in incidents {
                let incident = summary.incident
                let cells = [
                    "\(incident.id)", clock.minutes(incident.openedAt), incident.kind.name(in: l), incident.detail(in: l),
                    summary.expectedBack.map { Self.expectedBack($0, updates: summary.expectedBackUpdates, clock, l) } ?? "",
                    summary.fix?.note ?? l.say("no fix noted"), summary.fix?.by ?? "",
                    summary.fix.map { Self.duration($0.at.timeIntervalSince(incident.openedAt), l) } ?? "",
                ]
                page += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
            }
            page += "</tbody></table>\n"
        }

        // V. Readiness tests (R5).
        page += "<h2>\(e(l.say("V. Readiness tests")))</h2>\n"
        if readinessResults.isEmpty {
            page += "<p>\(e(l.say("None in the period.")))</p>\n"
        } else {
            page += "<table class=\"rows\"><thead><tr><th>\(e(l.say("Time")))</th><th>\(e(l.say("RESULT")))</th><th>\(e(l.say("Checks failed")))</th></tr></thead><tbody>\n"
            for result in readinessResults {
                page += "<tr><td>\(e(clock.minutes(result.time)))</td><td>\(e(result.passed ? l.say("pass") : l.say("FAIL")))</td>"
                page += "<td>\(e(result.failed.joined(separator: "; ")))</td></tr>\n"
            }
            page += "</tbody></table>\n"
        }
        func signature(_ title: String, _ hint: String, _ person: Contact?) -> String {
            "<div><strong>\(e(title))</strong><em>\(e(hint))</em><span class=\"signer\">\(e(person.map { "\($0.name) – \($0.position)" } ?? ""))</span></div>"
        }
        page += "<footer class=\"signatures\">" + signature(l.say("Prepared by"), l.say("(duty technician)"), preparedBy)
            + signature(l.say("Head of unit"), l.say("(signature, full name, seal)"), head) + "</footer>\n"
        page += "</body>\n</html>\n"
        return page
    }

    /// A4 pages with 2 cm margins; serif text as official documents are set.
    static let style = """
        @page { size: A4; margin: 20mm 20mm 20mm 30mm; }
        body { font-family: "Noto Serif", "Times New Roman", serif; font-size: 12pt; color: #000; }
        .heading { display: flex; justify-content: space-between; text-align: center; }
        .heading div { display: flex; flex-direction: column; width: 48%; }
        .heading .underlined { text-decoration: underline; font-weight: bold; }
        .heading em { margin-top: 6pt; }
        h1 { text-align: center; font-size: 15pt; margin: 18pt 0 2pt; }
        .subtitle, .period { text-align: center; margin: 2pt 0; }
        h2 { font-size: 13pt; margin: 14pt 0 6pt; break-after: avoid; }
        table { border-collapse: collapse; width: 100%; font-size: 10pt; }
        th, td { border: 1px solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; }
        .figures th { width: 55%; font-weight: normal; white-space: pre; }
        thead { display: table-header-group; }
        .rows td:nth-child(-n+2) { white-space: nowrap; }
        tr { break-inside: avoid; }
        figure { margin: 8pt 0; break-inside: avoid; }
        figcaption { font-weight: bold; font-size: 11pt; }
        svg { width: 100%; height: auto; font-family: "Noto Sans", sans-serif; font-size: 9px; }
        .new-page { break-before: page; }
        .signatures { display: flex; justify-content: space-around; margin-top: 24pt; text-align: center; break-inside: avoid; }
        .signatures div { display: flex; flex-direction: column; height: 110pt; }
        .signatures .signer { margin-top: auto; font-weight: bold; }
        @media screen { body { max-width: 180mm; margin: 10mm auto; } }

        """
}
