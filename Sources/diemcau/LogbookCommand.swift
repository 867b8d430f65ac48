import Configuration
import Foundation
import Logbook

/// `diemcau logbook show|report`: the logbook (R4) and the period report the
/// regulations ask for every six months, read straight from the state
/// directory (the daemon keeps writing meanwhile).
enum LogbookCommand {
    static let subcommand = Subcommand(
        name: "logbook", summary: "print the logbook, or the report for a period (text or CSV) (R4)", run: run)

    static let help = """
        usage: diemcau logbook show   [--from DATE] [--to DATE] [--config PATH | --state-dir DIR]
               diemcau logbook report [--from DATE] [--to DATE] [--csv] [--config PATH | --state-dir DIR]

        show     every entry of the period, one line each, in local time
        report   meetings held and their durations, test sessions, incidents and
                 how each was fixed, call quality, floor grants, refusals

          --from DATE      the first day, YYYY-MM-DD (default: six months before --to)
          --to DATE        the last day, YYYY-MM-DD (default: today)
          --csv            the report as CSV, for a spreadsheet
          --config PATH    find the state directory in this room configuration
                           (default \(ConfigurationFile.defaultPath))
          --state-dir DIR  the state directory itself ($STATE_DIRECTORY, else /var/lib/diemcau)

        Lines that a crash left torn are skipped and counted; nothing before them is lost.
        """

    static func run(_ arguments: [String]) async -> Int32 {
        var words = arguments[...]
        guard let verb = words.popFirst(), verb == "show" || verb == "report" else {
            let asked = arguments.contains("--help") || arguments.contains("-h")
            if asked { print(help) } else { warn("diemcau logbook: say 'show' or 'report'.\n\n" + help) }
            return asked ? 0 : 64
        }
        var from: Date?, to: Date?, csv = false, stateDirectory: String?, configuration: String?
        let days = DateFormatter()
        days.dateFormat = "yyyy-MM-dd"
        days.timeZone = .current
        while let word = words.popFirst() {
            switch word {
            case "--help", "-h":
                print(help)
                return 0
            case "--csv":
                csv = true
            case "--from", "--to":
                guard let text = words.popFirst(), let day = days.date(from: text) else {
                    warn("diemcau logbook: \(word) takes a day as YYYY-MM-DD, e.g. 2026-06-30")
                    return 64
                }
                if word == "--from" { from = day } else { to = day }
            case "--state-dir":
                guard let value = words.popFirst() else { warn("diemcau logbook: --state-dir needs a folder"); return 64 }
                stateDirectory = value
            case "--config":
                guard let value = words.popFirst() else { warn("diemcau logbook: --config needs a path"); return 64 }
                configuration = value
            default:
                warn("diemcau logbook: unknown option '\(word)'.\n\n" + help)
                return 64
            }
        }
        let calendar = Calendar.current
        let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: to ?? Date()))!
        let start = from ?? calendar.date(byAdding: .month, value: -6, to: end)!
        guard start < end else {
            warn("diemcau logbook: --from is after --to")
            return 64
        }
        let directory: String
        if let stateDirectory {
            directory = stateDirectory + "/logbook"
        } else if let path = configuration ?? (FileManager.default.fileExists(atPath: ConfigurationFile.defaultPath) ? ConfigurationFile.defaultPath : nil),
            let configured = try? ConfigurationFile.load(path).stateDirectory
        {
            directory = configured + "/logbook"
        } else {
            directory = StateDirectory.logbookPath()
        }
        let reader = LogbookReader(directory: directory)
        let period = DateInterval(start: start, end: end)
        do {
            if verb == "show" {
                let reading = try reader.read(period)
                print(reading.text(), terminator: "")
                if !reading.damaged.isEmpty { warn("\(reading.damaged.count) unreadable line(s) skipped; the skipped: lines say why") }
            } else {
                let report = try reader.report(period)
                print(csv ? report.csv() : report.text(), terminator: "")
            }
            return 0
        } catch {
            warn("diemcau logbook: \(error)")
            return 74
        }
    }
}
