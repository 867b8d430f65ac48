import Foundation
import Localization
import Logbook
import MQTT

/// `diemcau fleet report PERIOD [ROOMS]`: the province's (or a district's)
/// report for a period, added up from each room's own (issue 19). Every room
/// is asked `report PERIOD json` on its command topic and answers with its
/// figures (the report's data model); the rooms that answered are counted
/// together (`LogbookReport(combining:)`) and printed by the same renderer
/// as one room's report; the rooms that did not answer are named.
enum FleetReport {
    static func run(_ words: [String], _ connection: FleetConnection) async -> Int32 {
        var rest = words[...]
        var output = ReportFormat.text, timeout = 20.0, period: ReportKind?, selector = "all"
        while let word = rest.popFirst() {
            switch word {
            case "--csv": output = .csv
            case "--html": output = .html
            case "--timeout":
                guard let seconds = rest.popFirst().flatMap({ Double($0) }), seconds > 0 else {
                    warn("diemcau fleet report: " + cli.say("--timeout takes a number of seconds, e.g. 20"))
                    return 64
                }
                timeout = seconds
            default:
                if period == nil, let kind = ReportKind(parsing: word) {
                    period = kind
                } else if !word.hasPrefix("--") {
                    selector = word
                } else {
                    warn("diemcau fleet report: " + cli.say("unknown option '{option}'.", ["option": word]) + "\n\n" + FleetCommand.help)
                    return 64
                }
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .room
        guard let kind = period, let interval = kind.period(in: calendar) else {
            warn("diemcau fleet report: " + cli.say("give the PERIOD first: 2026-H1 or 2026-H2 (six months), 2026-Q1 to 2026-Q4 (a quarter) or 2026 (a year), e.g. diemcau fleet report 2026-H1 all"))
            return 64
        }
        let targets: [(province: String, room: String)]
        switch await FleetSend.targets(selector, connection, action: "report") {
        case .success(let found): targets = found
        case .failure(let failure): return failure.status
        }
        guard let client = await connection.connect() else { return 69 }
        let replies = await FleetSend.send(
            ["report", kind.name, ReportFormat.json.rawValue], to: targets, over: client, connection: connection,
            timeout: .milliseconds(Int(timeout * 1000)))
        await client.stop()

        var reports: [(room: String, report: LogbookReport)] = []
        var missing: [String] = []
        for target in targets {
            let key = target.province + "/" + target.room
            guard let (reply, _) = replies[key] else {
                missing.append(key)
                continue
            }
            guard let report = Self.report(in: reply) else {
                warn(cli.say("{room} answered without a report: {reply}", ["room": key, "reply": reply]))
                missing.append(key)
                continue
            }
            reports.append((target.room, report))
        }
        let scope = selector == "all"
            ? (connection.province ?? cli.say("every province"))
            : selector.hasPrefix("district:") ? String(selector.dropFirst("district:".count)) : selector
        let title = cli.say("{scope}: {count} room(s)", ["scope": scope, "count": "\(reports.count)"])
        let combined = LogbookReport(combining: reports, title: title, period: interval, missing: missing)
        print(combined.document(output, kind: kind, timeZone: .room, language: cli), terminator: "")
        if !missing.isEmpty {
            warn(cli.say("no report within {seconds} s from {count} room(s): {rooms}", [
                "seconds": String(format: "%g", timeout), "count": "\(missing.count)", "rooms": missing.joined(separator: ", "),
            ]))
            return 1
        }
        return 0
    }

    /// The figures in a room's JSON-mode reply to `report ... json`: its `document` member.
    static func report(in reply: String) -> LogbookReport? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any],
              object["ok"] as? Bool == true, let document = object["document"] as? String
        else { return nil }
        return try? LogbookReport(json: document)
    }
}
