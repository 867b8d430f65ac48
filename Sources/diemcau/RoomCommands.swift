import Configuration
import Control
import Foundation
import Room

/// The options every subcommand that talks to the running daemon takes.
struct RoomOptions {
    var configuration = ConfigurationFile.defaultPath
    var tcp: String?
    var role: Role = .technician
    var words: [String] = []

    static let text = cli.say(
        "  --config PATH     the room configuration (default {path}); its\n                    control socket and secrets file are used\n  --tcp HOST:PORT   talk to the daemon over TCP instead of its Unix socket\n  --role ROLE       log in as mcu, technician (default) or observer",
        ["path": ConfigurationFile.defaultPath])

    static func parse(_ arguments: [String]) throws -> RoomOptions {
        var options = RoomOptions()
        var words = arguments[...]
        while let word = words.popFirst() {
            switch word {
            case "--config":
                guard let value = words.popFirst() else { throw ControlLink.Failure.usage(cli.say("--config needs a path")) }
                options.configuration = value
            case "--tcp":
                guard let value = words.popFirst() else { throw ControlLink.Failure.usage(cli.say("--tcp needs HOST:PORT")) }
                options.tcp = value
            case "--role":
                guard let value = words.popFirst(), let role = Role(rawValue: value) else {
                    throw ControlLink.Failure.usage(cli.say("--role takes mcu, technician or observer"))
                }
                options.role = role
            default:
                options.words.append(word)
            }
        }
        return options
    }

    func connect() throws -> ControlLink {
        try ControlLink.open(configurationPath: configuration, tcp: tcp, role: role, language: cli)
    }
}

/// Runs `body`, turning failures into a message and an exit status.
func talkingToRoom(_ name: String, _ body: () throws -> Int32) -> Int32 {
    do {
        return try body()
    } catch let failure as ControlLink.Failure {
        warn("diemcau \(name): \(failure)")
        if case .usage = failure { return 64 }
        return 69
    } catch {
        warn("diemcau \(name): \(error)")
        return 69
    }
}

/// Prints a reply as the protocol wrote it; returns 0 for OK, 1 for ERR.
func show(_ reply: ControlReply) -> Int32 {
    switch reply {
    case .ok(let message):
        print(line(message, prefix: "OK"))
        return 0
    case .document(_, let document):
        // The document alone, as `diemcau logbook report` prints it (the line's figures are for programs).
        print(document, terminator: "")
        return 0
    case .error(let code, let message):
        warn("ERR \(code.rawValue) \(message)")
        return 1
    }
}

func line(_ message: ControlMessage, prefix: String) -> String {
    ([prefix, message.topic] + message.fields.map { "\($0.key)=\($0.value.text)" }).joined(separator: " ")
}

/// `diemcau send`: one command of the control protocol to the running daemon.
enum SendCommand {
    static let subcommand = Subcommand(
        name: "send", summary: cli.say("send one control command to the running daemon (see docs/control-protocol.md)"), run: run)

    static let help = cli.say(
        "usage: diemcau send [options] COMMAND WORDS...\n\nSends one command of the control protocol to the running diemcaud and\nprints its reply, e.g.")
        + "\n  diemcau send status\n  diemcau send camera recall chair\n  diemcau send note \"microphone 3 replaced\"\n  diemcau send --role mcu floor grant mic2\n\n"
        + RoomOptions.text + "\n\n" + cli.say("Exit status: 0 OK, 1 refused (ERR), 64 bad usage, 69 daemon unreachable.")

    static func run(_ arguments: [String]) async -> Int32 {
        if arguments.isEmpty || arguments.contains("--help") || arguments.contains("-h") {
            print(help)
            return arguments.isEmpty ? 64 : 0
        }
        return talkingToRoom("send") {
            let options = try RoomOptions.parse(arguments)
            guard !options.words.isEmpty else { throw ControlLink.Failure.usage(cli.say("say which command to send")) }
            let command = options.words.map { $0.contains(" ") || $0.isEmpty ? "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" : $0 }
            return show(try options.connect().request(command.joined(separator: " ")))
        }
    }
}

/// `diemcau status`: the room's state in one line.
enum StatusCommand {
    static let subcommand = Subcommand(name: "status", summary: cli.say("the running room: phase, call, floor, microphones, camera"), run: run)

    static func run(_ arguments: [String]) async -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(cli.say("usage: diemcau status [options]") + "\n\n" + RoomOptions.text)
            return 0
        }
        return talkingToRoom("status") { show(try RoomOptions.parse(arguments).connect().request("status")) }
    }
}

/// `diemcau watch`: the room's events as they come.
enum WatchCommand {
    static let subcommand = Subcommand(name: "watch", summary: cli.say("print the room's events as they happen, until Ctrl-C"), run: run)

    static func run(_ arguments: [String]) async -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(cli.say("usage: diemcau watch [options]") + "\n\n" + RoomOptions.text)
            return 0
        }
        return talkingToRoom("watch") {
            let connection = try RoomOptions.parse(arguments).connect()
            _ = try connection.request("events on")
            while true {
                if case .event(let event) = try connection.nextLine(timeout: 24 * 3600) {
                    print(line(event, prefix: "EVENT"))
                    fflush(nil)
                }
            }
        }
    }
}

/// `diemcau check`: the readiness self-test (R5), as a table, with an exit status for scripts.
enum CheckCommand {
    static let subcommand = Subcommand(name: "check", summary: cli.say("run the readiness self-test before a meeting (R5); exit 0 when ready"), run: run)

    static let help = cli.say(
        "usage: diemcau check [options]\n\nAsks the running daemon to test the room (camera answers and is powered,\nevery microphone reachable and muted, terminal API answering and\nregistered, logbook disk space), prints the table and logs it (R4, R5).")
        + "\n\n" + RoomOptions.text + "\n\n" + cli.say("Exit status: 0 ready, 1 not ready, 69 daemon unreachable.")

    static func run(_ arguments: [String]) async -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(help)
            return 0
        }
        return talkingToRoom("check") {
            let connection = try RoomOptions.parse(arguments).connect()
            _ = try connection.request("events on")
            if case .error = try connection.request("check") { return 1 }
            var rows: [(String, String, String)] = []
            while true {
                guard case .event(let event) = try connection.nextLine(timeout: 60) else { continue }
                let field = { (key: String) in event.fields.first { $0.key == key }?.value.text ?? "" }
                switch event.topic {
                case "readiness-check":
                    rows.append((ReadinessWords.check(field("name")), field("passed") == "true" ? cli.say("pass") : cli.say("FAIL"), field("detail")))
                case "readiness":
                    let width = rows.map(\.0.count).max() ?? 0
                    let verdictWidth = rows.map(\.1.count).max() ?? 0
                    for (name, verdict, detail) in rows {
                        print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                            + verdict.padding(toLength: verdictWidth, withPad: " ", startingAt: 0) + "  " + detail)
                    }
                    let ready = field("passed") == "true"
                    print(ready ? cli.say("READY") : cli.say("NOT READY"))
                    return ready ? 0 : 1
                default:
                    continue
                }
            }
        }
    }
}
