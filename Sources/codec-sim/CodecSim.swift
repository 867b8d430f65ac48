import Codec
import CodecSimulator
import Foundation

/// `codec-sim`: a simulated room terminal on 127.0.0.1 for tests, the demo
/// room and technician training.
@main
enum CodecSim {
    static let names = DialectKind.allCases.map(\.rawValue).joined(separator: "|")

    static let usage = """
        usage: codec-sim --dialect \(names) [options]

        A simulated H.323/SIP room terminal on 127.0.0.1, speaking one terminal
        API as its vendor's guide shows it:
        \(DialectKind.allCases.map { "  \($0.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\($0.dialect.summary); simulated on port \($0.simulatorPort)" }.joined(separator: "\n"))

        options:
          --dialect NAME         the API to speak (required)
          --port N               the TCP port (default: the dialect's, as above; 0 picks a free one)
          --password TEXT        the API password (default: 'demo'; Yealink asks none)
          --user NAME            the user name asked by 'login:' / 'User:' (default: admin)
          --ask-user             a Poly that asks 'User:' before 'Password:'
          --refuse COMMAND=ANSWER  a model without COMMAND: it answers ANSWER, e.g.
                                 --refuse 'whoami=error: command not found' (repeatable)
          --no-prompt-after-whoami  a Poly whose whoami block ends with no prompt
          --stdio                serve one session, already logged in, on standard input and
                                 output, then exit: for sshd's ForceCommand, the way Cisco's
                                 xAPI is reached over SSH
          --name TEXT            the system name in the welcome banner
          --script FILE          play a scenario script after start (see below)
          -h, --help             this text

        A scenario script has one step a line: incoming-call NAME NUMBER [RATE] [h323|sip],
        connect-call [ID], outgoing-call NUMBER, near-mute on|off, far-mute on|off,
        drop-call [ID] [CAUSE], registration-lost h323|sip, registration-restored h323|sip,
        banner-again, restart [SECONDS], lag on|off, stall SECONDS, send-line TEXT,
        garbage BYTES, long-line BYTES, packet-loss COUNT, wait SECONDS. '#' starts a comment.
        """

    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var dialect: DialectKind?
        var port: UInt16?
        var password = "demo"
        var user = "admin"
        var asksUser = false
        var refused: [String: String] = [:]
        var promptAfterWhoami = true
        var standardIO = false
        var name: String?
        var script: String?
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("codec-sim: \(message)\n\n\(usage)\n".utf8))
            exit(64)
        }
        while !arguments.isEmpty {
            let option = arguments.removeFirst()
            func value() -> String {
                guard !arguments.isEmpty else { fail("\(option) needs a value") }
                return arguments.removeFirst()
            }
            switch option {
            case "-h", "--help":
                print(usage)
                exit(0)
            case "--dialect":
                let word = value()
                guard let kind = DialectKind(rawValue: word) else { fail("unknown dialect '\(word)': use one of \(names)") }
                dialect = kind
            case "--port":
                let word = value()
                guard let number = UInt16(word) else { fail("'\(word)' is not a TCP port") }
                port = number
            case "--password": password = value()
            case "--user": user = value()
            case "--ask-user": asksUser = true
            case "--refuse":
                let word = value()
                guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { fail("--refuse needs COMMAND=ANSWER") }
                refused[String(word[..<equals])] = String(word[word.index(after: equals)...])
            case "--no-prompt-after-whoami": promptAfterWhoami = false
            case "--stdio": standardIO = true
            case "--name": name = value()
            case "--script": script = value()
            default: fail("unknown option '\(option)'")
            }
        }
        guard let dialect else { fail("--dialect is required") }
        var configuration = CodecSimulator.Configuration(dialect: dialect, password: password)
        configuration.port = port ?? dialect.simulatorPort
        configuration.user = user
        configuration.asksUser = asksUser
        configuration.refusedCommands = refused
        configuration.promptAfterWhoami = promptAfterWhoami
        if let name { configuration.systemName = name }
        var steps: [ScenarioStep] = []
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else { fail("cannot read the script \(script)") }
            do { steps = try ScenarioStep.parse(script: text) } catch { fail("\(script): \(error)") }
        }
        let simulator = CodecSimulator(configuration)
        if standardIO {
            // Standard output is the session: nothing else may be printed there.
            Task { await simulator.play(steps) }
            await simulator.serveStandardIO()
            exit(0)
        }
        do {
            let bound = try await simulator.start()
            print("codec-sim: \(dialect.rawValue) terminal '\(configuration.systemName)' listening on 127.0.0.1:\(bound)")
            fflush(nil)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(71)
        }
        await simulator.play(steps)
        if !steps.isEmpty {
            print("codec-sim: scenario played (\(steps.count) steps)")
            fflush(nil)
        }
        while true {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}
