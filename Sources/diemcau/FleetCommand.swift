import Foundation
import MQTT

/// `diemcau fleet`: the centre's view of the province's rooms, through the
/// fleet's MQTT broker (issue 19; Hardware/fleet/README.md).
enum FleetCommand {
    static let subcommand = Subcommand(name: "fleet", summary: "the province's rooms through the MQTT broker: status, send, watch, report", run: run)

    static let help = """
        usage: diemcau fleet status [--district D] [--phase P] [--faulty] [connection options]
               diemcau fleet send ROOMS COMMAND... [--timeout SECONDS] [connection options]
               diemcau fleet watch [--events] [connection options]
               diemcau fleet report PERIOD [ROOMS] [--csv | --html] [--timeout SECONDS] [connection options]

        status  one line per room from the rooms' retained states: online, phase, call,
                open microphones, faults; filtered by district, phase, or rooms with faults.
        send    sends a control-protocol command (the same words as 'diemcau send') to
                ROOMS: one room id, several separated by commas, district:NAME, or all;
                prints each room's reply and how long it took, then the rooms that did
                not answer within the time-out (default 5 s).
        watch   prints every room's alerts as they come (with --events, every event too).
        report  the report for PERIOD (2026-H1, 2026-Q2, 2026) of ROOMS (as for send; default
                all): each room sends its figures, which are added up and printed as text,
                CSV or the printable HTML page; the rooms that did not answer within the
                time-out (default 20 s) are named, and the exit status is then 1.

        connection options:
          --broker HOST:PORT     the broker (default $DIEMCAU_BROKER_HOST:$DIEMCAU_BROKER_PORT, else 127.0.0.1:1883)
          --account NAME         the centre's account (default centre)
          --password-file PATH   the file holding its password (default $DIEMCAU_BROKER_DIR/accounts/NAME)
          --province NAME        only this province's rooms (default: every province)

        exit status: 0 done (send: every room answered OK), 1 a room refused or did not
        answer, 64 usage, 69 the broker could not be reached or refused the account.
        """

    static func run(_ arguments: [String]) async -> Int32 {
        guard let action = arguments.first, !["-h", "--help"].contains(action) else {
            print(help)
            return arguments.isEmpty ? 64 : 0
        }
        var rest = Array(arguments.dropFirst())
        let connection: FleetConnection
        switch FleetConnection.parse(&rest) {
        case .success(let parsed): connection = parsed
        case .failure(let problem):
            warn("diemcau fleet: \(problem.description)\n\n" + help)
            return 64
        }
        switch action {
        case "status": return await FleetStatus.run(rest, connection)
        case "send": return await FleetSend.run(rest, connection)
        case "watch": return await FleetWatch.run(rest, connection)
        case "report": return await FleetReport.run(rest, connection)
        default:
            warn("diemcau fleet: unknown action '\(action)'; give status, send, watch or report.\n\n" + help)
            return 64
        }
    }
}

/// Where the broker is and as whom the centre connects.
struct FleetConnection {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    var host = ProcessInfo.processInfo.environment["DIEMCAU_BROKER_HOST"] ?? "127.0.0.1"
    var port = ProcessInfo.processInfo.environment["DIEMCAU_BROKER_PORT"].flatMap(UInt16.init) ?? 1883
    var account = "centre"
    var passwordFile: String?
    var province: String?

    /// Takes the connection options out of `words`, leaving the others.
    static func parse(_ words: inout [String]) -> Result<FleetConnection, Problem> {
        var connection = FleetConnection()
        var others: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let value = index + 1 < words.count ? words[index + 1] : nil
            switch word {
            case "--broker", "--account", "--password-file", "--province":
                guard let value else { return .failure(Problem(description: "\(word) needs a value")) }
                index += 2
                switch word {
                case "--broker":
                    let parts = value.split(separator: ":")
                    guard parts.count == 2, let port = UInt16(parts[1]) else {
                        return .failure(Problem(description: "--broker takes HOST:PORT, e.g. 127.0.0.1:1883, not '\(value)'"))
                    }
                    connection.host = String(parts[0])
                    connection.port = port
                case "--account": connection.account = value
                case "--password-file": connection.passwordFile = value
                default: connection.province = value
                }
            default:
                others.append(word)
                index += 1
            }
        }
        words = others
        return .success(connection)
    }

    /// The topic filter of one kind of message of every room in scope.
    func filter(_ kind: String) -> String { "diemcau/\(province ?? "+")/+/\(kind)" }

    /// Connects, or says why not (and returns nil).
    func connect() async -> MQTTClient? {
        let file = passwordFile ?? ProcessInfo.processInfo.environment["DIEMCAU_BROKER_DIR"].map { "\($0)/accounts/\(account)" }
        guard let file else {
            warn("diemcau fleet: give --password-file, the file holding the \(account) account's password.")
            return nil
        }
        guard let password = try? String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) else {
            warn("diemcau fleet: cannot read \(file): give --password-file, the file holding the \(account) account's password.")
            return nil
        }
        let client = MQTTClient(ClientOptions(
            host: host, port: port, clientID: "diemcau-fleet-\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
            username: account, password: password, longestRetry: .seconds(1), answerTimeout: .seconds(3)))
        do {
            try await client.connect(within: .seconds(5))
            return client
        } catch {
            warn("diemcau fleet: \(error)")
            await client.stop()
            return nil
        }
    }
}
