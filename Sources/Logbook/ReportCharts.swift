import FoundationEssentials
import Localization
import Room

/// The report's charts as inline SVG (no script, no external file: the page
/// prints the same in any browser and in an archive years later).
struct ReportCharts {
    let report: LogbookReport
    let clock: LocalClock
    let language: Language

    static let width = 640.0, height = 220.0, left = 40.0, bottom = 30.0, top = 20.0

    /// The months of the period, as (first instant, label "MM/yyyy").
    var months: [(start: Date, label: String)] {
        var result: [(Date, String)] = []
        let components = clock.calendar.dateComponents([.year, .month], from: report.period.start)
        var month = clock.calendar.date(from: components) ?? report.period.start
        while month < report.period.end, result.count < 120 {
            let parts = clock.calendar.dateComponents([.year, .month], from: month)
            result.append((month, "\(LocalClock.two(parts.month ?? 0))/\(parts.year ?? 0)"))
            month = clock.calendar.date(byAdding: .month, value: 1, to: month) ?? report.period.end
        }
        return result
    }

    func monthIndex(_ date: Date, _ months: [(start: Date, label: String)]) -> Int? {
        months.lastIndex { $0.start <= date }
    }

    /// Official sessions and test sessions started in each month, as bars.
    var meetingsPerMonth: String {
        let months = months
        var official = Array(repeating: 0.0, count: months.count), test = official
        for session in report.sessions {
            guard let index = monthIndex(session.start, months) else { continue }
            if session.kind == .official { official[index] += 1 } else { test[index] += 1 }
        }
        return bars(
            title: language.say("Meetings per month"), labels: months.map(\.label),
            series: [(language.say("official sessions"), "#1f4e79", official), (language.say("test sessions"), "#9dc3e6", test)], unit: "")
    }

    /// Incidents opened in each month, and the average time to fix them (minutes).
    var incidentsAndTimeToFix: String {
        let months = months
        var count = Array(repeating: 0.0, count: months.count), minutes = count, fixed = count
        for summary in report.incidents {
            guard let index = monthIndex(summary.incident.openedAt, months) else { continue }
            count[index] += 1
            if let fix = summary.fix {
                minutes[index] += fix.at.timeIntervalSince(summary.incident.openedAt) / 60
                fixed[index] += 1
            }
        }
        let average = zip(minutes, fixed).map { $1 > 0 ? ($0 / $1).rounded() : 0 }
        return bars(
            title: language.say("Incidents and average time to fix"), labels: months.map(\.label),
            series: [(language.say("incidents"), "#c00000", count), (language.say("time to fix (min)"), "#f4b183", average)], unit: "")
    }

    /// Loss (%) and jitter (ms) of the samples over the period, averaged into at most 120 points.
    var qualityOverTime: String {
        let samples = report.qualitySamples
        let span = max(1, report.period.duration)
        let buckets = LogbookReport.chartPoints
        var loss = Array(repeating: (0.0, 0), count: buckets), jitter = loss
        for sample in samples {
            let index = min(buckets - 1, max(0, Int(sample.time.timeIntervalSince(report.period.start) / span * Double(buckets))))
            loss[index].0 += sample.quality.lossPercent
            loss[index].1 += 1
            jitter[index].0 += sample.quality.jitterMs
            jitter[index].1 += 1
        }
        func points(_ values: [(Double, Int)]) -> [(Double, Double)] {
            values.enumerated().compactMap { $1.1 > 0 ? (Double($0), $1.0 / Double($1.1)) : nil }
        }
        let title = language.say("Call quality over time")
        guard !samples.isEmpty else { return frame(title: title, body: note(language.say("no samples"))) }
        let lossPoints = points(loss), jitterPoints = points(jitter)
        let maxLoss = max(1, lossPoints.map(\.1).max() ?? 1), maxJitter = max(1, jitterPoints.map(\.1).max() ?? 1)
        let plotWidth = Self.width - 2 * Self.left, plotHeight = Self.height - Self.top - Self.bottom
        func line(_ points: [(Double, Double)], scale: Double, colour: String) -> String {
            let path = points.map { x, y in
                "\(Self.f(Self.left + x / Double(buckets - 1) * plotWidth)),\(Self.f(Self.top + plotHeight - y / scale * plotHeight))"
            }
            return "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\"\(path.joined(separator: " "))\"/>"
        }
        var body = axes()
        body += line(lossPoints, scale: maxLoss, colour: "#c00000") + line(jitterPoints, scale: maxJitter, colour: "#1f4e79")
        body += "<text x=\"\(Self.f(Self.left - 4))\" y=\"\(Self.f(Self.top + 4))\" text-anchor=\"end\">\(Self.f(maxLoss)) %</text>"
        body += "<text x=\"\(Self.f(Self.width - Self.left + 4))\" y=\"\(Self.f(Self.top + 4))\">\(Self.f(maxJitter)) ms</text>"
        let months = months
        for (index, month) in months.enumerated() where months.count <= 12 || index % 3 == 0 {
            let x = Self.left + month.start.timeIntervalSince(report.period.start) / span * plotWidth
            body += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(Self.height - 12))\">\(month.label)</text>"
        }
        body += legend([(language.say("packet loss (%)"), "#c00000"), (language.say("jitter (ms)"), "#1f4e79")])
        return frame(title: title, body: body)
    }

    // MARK: Drawing

    func bars(title: String, labels: [String], series: [(String, String, [Double])], unit: String) -> String {
        let plotWidth = Self.width - 2 * Self.left, plotHeight = Self.height - Self.top - Self.bottom
        let highest = max(1, series.flatMap(\.2).max() ?? 1)
        let slot = plotWidth / Double(max(1, labels.count)), barWidth = slot * 0.8 / Double(max(1, series.count))
        var body = axes()
        for (index, label) in labels.enumerated() {
            let x0 = Self.left + Double(index) * slot + slot * 0.1
            for (number, item) in series.enumerated() {
                let value = item.2[index]
                let h = value / highest * plotHeight
                let x = x0 + Double(number) * barWidth
                body += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(Self.top + plotHeight - h))\" width=\"\(Self.f(barWidth))\" height=\"\(Self.f(h))\" fill=\"\(item.1)\"/>"
                if value > 0 {
                    body += "<text x=\"\(Self.f(x + barWidth / 2))\" y=\"\(Self.f(Self.top + plotHeight - h - 2))\" text-anchor=\"middle\">\(Self.f(value))\(unit)</text>"
                }
            }
            if labels.count <= 12 || index % 3 == 0 {
                body += "<text x=\"\(Self.f(x0 + slot * 0.4))\" y=\"\(Self.f(Self.height - 12))\" text-anchor=\"middle\">\(label)</text>"
            }
        }
        body += legend(series.map { ($0.0, $0.1) })
        return frame(title: title, body: body)
    }

    func axes() -> String {
        let bottomY = Self.height - Self.bottom
        return "<line x1=\"\(Self.f(Self.left))\" y1=\"\(Self.f(Self.top))\" x2=\"\(Self.f(Self.left))\" y2=\"\(Self.f(bottomY))\" stroke=\"#444\"/>"
            + "<line x1=\"\(Self.f(Self.left))\" y1=\"\(Self.f(bottomY))\" x2=\"\(Self.f(Self.width - Self.left))\" y2=\"\(Self.f(bottomY))\" stroke=\"#444\"/>"
    }

    func legend(_ items: [(String, String)]) -> String {
        items.enumerated().map { index, item in
            let x = Self.left + Double(index) * 200
            return "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(Self.height - 8))\" width=\"10\" height=\"8\" fill=\"\(item.1)\"/>"
                + "<text x=\"\(Self.f(x + 14))\" y=\"\(Self.f(Self.height))\">\(HTML.escape(item.0))</text>"
        }.joined()
    }

    func note(_ text: String) -> String {
        "<text x=\"\(Self.f(Self.width / 2))\" y=\"\(Self.f(Self.height / 2))\" text-anchor=\"middle\">\(HTML.escape(text))</text>"
    }

    func frame(title: String, body: String) -> String {
        "<figure><figcaption>\(HTML.escape(title))</figcaption>"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.f(Self.width)) \(Self.f(Self.height + 4))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
            + body + "</svg></figure>\n"
    }

    /// A coordinate with at most one decimal.
    static func f(_ value: Double) -> String { LogbookReport.number((value * 10).rounded() / 10) }
}

/// Text made safe for HTML element content and attribute values.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
