import Codec
import CodecSimulator
import Foundation

/// `codec-sim`: a simulated room terminal on 127.0.0.1 for tests, the demo
/// room and technician training.
@main
enum CodecSim {
    static let usage = """
        usage: codec-sim --dialect poly|cisco [options]

        A simulated H.323/SIP room terminal on 127.0.0.1, speaking the Poly
        (Group Series / HDX, API port 24) or the Cisco xAPI (Telnet) dialect.

        options:
          --dialect poly|cisco   the API to speak (required)
          --port N               the TCP port (default: 2424 for poly, 2323 for cisco; 0 picks a free one)
          --password TEXT        the API password (default: 'demo')
          --user NAME            the user name asked by 'login:' / 'User:' (default: admin)
          --ask-user             a Poly that asks 'User:' before 'Password:'
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
                guard let kind = DialectKind(rawValue: word) else { fail("unknown dialect '\(word)': use poly or cisco") }
                dialect = kind
            case "--port":
                let word = value()
                guard let number = UInt16(word) else { fail("'\(word)' is not a TCP port") }
                port = number
            case "--password": password = value()
            case "--user": user = value()
            case "--ask-user": asksUser = true
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
        if let name { configuration.systemName = name }
        var steps: [ScenarioStep] = []
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else { fail("cannot read the script \(script)") }
            do { steps = try ScenarioStep.parse(script: text) } catch { fail("\(script): \(error)") }
        }
        let simulator = CodecSimulator(configuration)
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
