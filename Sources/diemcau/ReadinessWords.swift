import Localization

/// The readiness self-test's check names, as the daemon sends them (ASCII,
/// English: scripts match them), in the technician's language for the table.
enum ReadinessWords {
    /// A detail the daemon words the same each time; others stay as sent.
    static func detail(_ detail: String) -> String {
        switch detail {
        case "muted": cli.say("muted")
        case "open: it holds the floor": cli.say("open: it holds the floor")
        case "open: it should be muted until the chair gives the floor (R2)": cli.say("open: it should be muted until the chair gives the floor (R2)")
        default: detail
        }
    }

    static func check(_ name: String) -> String {
        switch name {
        case "camera answers and is powered": return cli.say("camera answers and is powered")
        case "terminal API answers and is registered": return cli.say("terminal API answers and is registered")
        case "logbook has disk space": return cli.say("logbook has disk space")
        case "mains power": return cli.say("mains power")
        case "backup power": return cli.say("backup power")
        case "power (UPS)": return cli.say("power (UPS)")
        case "transmission line": return cli.say("transmission line")
        case "picture": return cli.say("picture")
        default:
            if name.hasPrefix("sound "), name.count > 6 {
                return cli.say("sound {channel}", ["channel": String(name.dropFirst(6))])
            }
            let prefix = "microphone ", suffix = " reachable and muted"
            guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else { return name }
            let channel = String(name.dropFirst(prefix.count).dropLast(suffix.count))
            return cli.say("microphone {channel} reachable and muted", ["channel": channel])
        }
    }
}
