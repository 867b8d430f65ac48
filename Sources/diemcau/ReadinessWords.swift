import Localization

/// The readiness self-test's check names, as the daemon sends them (ASCII,
/// English: scripts match them), in the technician's language for the table.
/// The details come said in the connection's language (`language`, set from LANG).
enum ReadinessWords {
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
