import Configuration
import Control
import Foundation
import Localization
import Logbook
import Room

/// `diemcau logbook show|report`: the logbook (the sổ theo dõi, R4) and the
/// period reports the regulations ask for, read straight from the state
/// directory (the daemon keeps writing meanwhile).
enum LogbookCommand {
    static let subcommand = Subcommand(
        name: "logbook", summary: cli.say("print the logbook, or the report for a period (text, CSV or HTML) (R4)"), run: run)

    static let help = cli.say(
        "usage: diemcau logbook show   [--from DATE] [--to DATE | --day DATE] [--meeting ID] [--config PATH | --state-dir DIR]\n       diemcau logbook report [--from DATE] [--to DATE | --period 2026-H1|2026-Q2|2026] [--csv | --html] [--config PATH | --state-dir DIR]\n\nshow     every entry of the period, one line each, in local time; --day one\n         day, --meeting one meeting from its technical test to its end\nreport   meetings held by chairing body and level, test sessions, hours,\n         incidents with cause, fix and time to fix, call quality,\n         readiness tests, floor grants, refusals\n\n  --from DATE      the first day, YYYY-MM-DD (default: six months before --to)\n  --to DATE        the last day, YYYY-MM-DD (default: today)\n  --day DATE       one day: --from DATE --to DATE\n  --meeting ID     only the entries of this meeting (show)\n  --period P       the six-monthly report (2026-H1, 2026-H2), the quarterly\n                   (2026-Q1 ... 2026-Q4) or the annual (2026)\n  --csv            the report as CSV, for a spreadsheet\n  --html           the report as a printable HTML page (A4) with charts\n  --config PATH    find the state directory in this room configuration\n                   (default {config})\n  --state-dir DIR  the state directory itself ($STATE_DIRECTORY, else /var/lib/diemcau)\n  --from-daemon    ask the running diemcaud for the report (with --period),\n                   over its control socket, or --tcp HOST:PORT as --role ROLE\n\nLines that a crash left torn are skipped and counted; nothing before them is lost.",
        ["config": ConfigurationFile.defaultPath])

    enum Output { case text, csv, html }

    static func run(_ arguments: [String]) async -> Int32 {
        var words = arguments[...]
        guard let verb = words.popFirst(), verb == "show" || verb == "report" else {
            let asked = arguments.contains("--help") || arguments.contains("-h")
            if asked { print(help) } else { warn(cli.say("diemcau logbook: say 'show' or 'report'.") + "\n\n" + help) }
            return asked ? 0 : 64
        }
        var from: Date?, to: Date?, output = Output.text, stateDirectory: String?, configuration: String?, meeting: String?
        var kind = ReportKind.span
        var fromDaemon = false, tcp: String?, role = Role.technician
        let days = DateFormatter()
        days.dateFormat = "yyyy-MM-dd"
        days.timeZone = .current
        func refuse(_ message: String) -> Int32 {
            warn("diemcau logbook: " + message)
            return 64
        }
        while let word = words.popFirst() {
            switch word {
            case "--help", "-h":
                print(help)
                return 0
            case "--csv":
                output = .csv
            case "--html":
                output = .html
            case "--from", "--to", "--day":
                guard let text = words.popFirst(), let day = days.date(from: text) else {
                    return refuse(cli.say("{option} takes a day as YYYY-MM-DD, e.g. 2026-06-30", ["option": word]))
                }
                if word != "--to" { from = day }
                if word != "--from" { to = day }
            case "--period":
                guard let text = words.popFirst(), let chosen = ReportKind(parsing: text) else {
                    return refuse(cli.say("--period takes 2026-H1 or 2026-H2 (six months), 2026-Q1 to 2026-Q4 (a quarter) or 2026 (a year)"))
                }
                kind = chosen
            case "--meeting":
                guard let value = words.popFirst(), !value.isEmpty else { return refuse(cli.say("--meeting needs the meeting's id")) }
                meeting = value
            case "--from-daemon":
                fromDaemon = true
            case "--tcp":
                guard let value = words.popFirst() else { return refuse(cli.say("--tcp needs HOST:PORT")) }
                tcp = value
            case "--role":
                guard let value = words.popFirst(), let chosen = Role(rawValue: value) else {
                    return refuse(cli.say("--role takes mcu, technician or observer"))
                }
                role = chosen
            case "--state-dir":
                guard let value = words.popFirst() else { return refuse(cli.say("--state-dir needs a folder")) }
                stateDirectory = value
            case "--config":
                guard let value = words.popFirst() else { return refuse(cli.say("--config needs a path")) }
                configuration = value
            default:
                return refuse(cli.say("unknown option '{option}'.", ["option": word]) + "\n\n" + help)
            }
        }
        let calendar = Calendar.current
        let period: DateInterval
        if let chosen = kind.period(in: calendar) {
            guard from == nil, to == nil else { return refuse(cli.say("give either --period or --from/--to/--day, not both")) }
            period = chosen
        } else {
            let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: to ?? Date()))!
            let start = from ?? calendar.date(byAdding: .month, value: -6, to: end)!
            guard start < end else { return refuse(cli.say("--from is after --to")) }
            period = DateInterval(start: start, end: end)
        }
        if verb == "show", output != .text { return refuse(cli.say("--csv and --html are for 'report'; 'show' prints the logbook's lines")) }
        if verb == "report", meeting != nil { return refuse(cli.say("--meeting is for 'show'")) }
        if fromDaemon {
            guard verb == "report", kind != .span else { return refuse(cli.say("--from-daemon asks the daemon for a report of a --period")) }
            let format: ReportFormat = switch output { case .text: .text; case .csv: .csv; case .html: .html }
            return talkingToRoom("logbook") {
                let link = try ControlLink.open(
                    configurationPath: configuration ?? ConfigurationFile.defaultPath, tcp: tcp, role: role, language: cli)
                return show(try link.request(ControlCommand.report(kind, format).line))
            }
        }
        if tcp != nil { return refuse(cli.say("--tcp is for --from-daemon")) }
        let room = (configuration ?? (FileManager.default.fileExists(atPath: ConfigurationFile.defaultPath) ? ConfigurationFile.defaultPath : nil))
            .flatMap { try? ConfigurationFile.load($0) }
        let directory: String
        if let stateDirectory {
            directory = stateDirectory + "/logbook"
        } else if let configured = room?.stateDirectory {
            directory = configured + "/logbook"
        } else {
            directory = StateDirectory.logbookPath()
        }
        let reader = LogbookReader(directory: directory)
        do {
            if verb == "show" {
                var reading = try reader.read(period)
                if let meeting {
                    guard let part = reading.meeting(meeting) else {
                        warn("diemcau logbook: " + cli.say("no session of meeting {meeting} in the period; widen it with --from and --to", ["meeting": meeting]))
                        return 1
                    }
                    reading = part
                }
                print(reading.text(language: cli), terminator: "")
                if !reading.damaged.isEmpty {
                    warn(cli.say("{count} unreadable line(s) skipped; the skipped: lines say why", ["count": "\(reading.damaged.count)"]))
                }
            } else {
                let report = try reader.report(period)
                switch output {
                case .text: print(report.text(language: cli), terminator: "")
                case .csv: print(report.csv(language: cli), terminator: "")
                case .html:
                    let page = report.html(kind: kind, language: cli, preparedBy: room?.room.everyTechnician.first, head: room?.room.lead)
                    print(page, terminator: "")
                }
            }
            return 0
        } catch {
            warn("diemcau logbook: \(error)")
            return 74
        }
    }
}
