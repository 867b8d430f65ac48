import Configuration

/// `diemcau config check`: the daemon's own validation of a room configuration.
enum ConfigCommand {
    static let name = "config"
    static let summary = cli.say("check a room configuration the way the daemon will read it, or write a new one (init)")

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static let help = cli.say("""
        usage: diemcau config check [PATH | --config PATH]
               diemcau config init [options]   (a new room file: diemcau config init --help)

        Reads the room configuration (default {path}) exactly as
        diemcaud does at start and on reload, and lists every problem with its field
        and its fix. What only the room PC can judge (devices, secrets files, the
        address to listen on) is listed as "checked only on the room PC"; the daemon
        checks those when it starts. Exit status: 0 valid, 1 problems found, 64 bad usage.
        """, ["path": ConfigurationFile.defaultPath])

    static func run(_ arguments: [String]) async -> Int32 {
        var words = arguments[...]
        if arguments.first == "init" { return ConfigInit.run(Array(words.dropFirst())) }
        guard let verb = words.popFirst(), verb == "check" else {
            if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
                print(help)
                return 0
            }
            warn(cli.say("diemcau config: say 'check' or 'init'.") + "\n\n" + help)
            return 64
        }
        var paths: [String] = []
        while let word = words.popFirst() {
            switch word {
            case "--help", "-h":
                print(help)
                return 0
            case "--config":
                guard let value = words.popFirst() else {
                    warn("diemcau config check: " + cli.say("--config needs a path"))
                    return 64
                }
                paths.append(value)
            case _ where word.hasPrefix("-") && word.count > 1:
                warn("diemcau config check: " + cli.say("unknown option '{option}'.", ["option": word]) + "\n\n" + help)
                return 64
            default:
                paths.append(word)
            }
        }
        guard paths.count <= 1 else {
            warn("diemcau config check: " + cli.say("one room file at a time; given {count}: {paths}.", ["count": "\(paths.count)", "paths": paths.joined(separator: ", ")]) + "\n\n" + help)
            return 64
        }
        return check(paths.first ?? ConfigurationFile.defaultPath)
    }

    /// Checks one file and says what was found; the exit status.
    private static func check(_ path: String) -> Int32 {
        do {
            let configuration = try ConfigurationFile.load(path)
            print(cli.say("{path}: valid.", ["path": path]) + " " + summary(of: configuration))
            for check in configuration.machineChecks {
                print(cli.say("checked only on the room PC: {check}", ["check": check.message.said(in: cli)]))
            }
            if let shortfall = configuration.roomSetup.identity.shortfall {
                print(cli.say("note: {shortfall} (room.technicians): the centre is sent the identity as it is", ["shortfall": shortfall]))
            }
            return 0
        } catch {
            warn(error.message.said(in: cli))
            let count = error.problems.count
            if count == 1 { warn(cli.say("1 problem found; the daemon will not start with this file.")) }
            if count > 1 { warn(cli.say("{count} problems found; the daemon will not start with this file.", ["count": "\(count)"])) }
            return 1
        }
    }

    private static func summary(of configuration: RoomConfiguration) -> String {
        let cameras = configuration.cameras.count, microphones = configuration.microphones.count
        var parts = [
            cli.say("Room \"{name}\"", ["name": configuration.room.name]),
            cameras == 1 ? cli.say("1 camera") : cli.say("{count} cameras", ["count": "\(cameras)"]),
            microphones == 1 ? cli.say("1 microphone") : cli.say("{count} microphones", ["count": "\(microphones)"]),
        ]
        if let terminal = configuration.terminal {
            parts.append(cli.say("{dialect} terminal at {host}", ["dialect": terminal.dialect.rawValue, "host": terminal.host]))
        }
        if configuration.keypad != nil { parts.append(cli.say("a keypad")) }
        return parts.joined(separator: ", ") + "."
    }
}
