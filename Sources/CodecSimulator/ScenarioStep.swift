import Codec
import Foundation
import Room

/// One thing that happens to the simulated terminal. A scenario is a list
/// of steps, played in-process (`CodecSimulator.play`) or from a script file
/// (`ScenarioStep.parse`), one step per line:
///
/// ```
/// # the MCU calls the room, then mutes it, then the line drops
/// incoming-call "MCU Trung tam" 10.10.0.100 1920 h323
/// wait 0.5
/// connect-call
/// near-mute on
/// far-mute on
/// drop-call 34 remote
/// registration-lost h323
/// registration-restored sip
/// outgoing-call 0912345678          # someone used the remote control
/// banner-again                      # the welcome block again, same connection
/// restart 2                         # drop every connection, refuse new ones for 2 s
/// lag on                            # answers lag one command behind
/// stall 3                           # say nothing for 3 s
/// send-line "any text"
/// garbage 4096
/// long-line 1048576
/// camera-input unplugged            # or: plugged, no-signal (the terminal's video input 1)
/// ```
public enum ScenarioStep: Sendable, Hashable {
    case incomingCall(name: String, number: String, rateKbps: Int, protocol: CallProtocol)
    /// The ringing or dialling call (or the one with `id`) connects.
    case connectCall(id: Int?)
    /// The unit dials by itself: someone used its remote control.
    case outgoingCall(number: String)
    case nearMute(Bool)
    case farMute(Bool)
    /// The call (or every call) drops, with a cause.
    case dropCall(id: Int?, cause: String)
    case registrationLost(RegistrationService)
    case registrationRestored(RegistrationService)
    /// The welcome banner again on the open connections.
    case bannerAgain
    /// The unit restarts: every connection drops; new ones are refused for a while.
    case restart(downFor: Duration)
    /// Answers (and echoes) lag one command behind.
    case lag(Bool)
    /// The unit says nothing for a while (Poly, while a call rings).
    case stall(Duration)
    case sendLine(String)
    case garbage(bytes: Int)
    case longLine(bytes: Int)
    case packetLoss(Int)
    /// The camera's cable at the terminal: plugged (with a picture), unplugged, or plugged with no usable signal.
    case cameraInput(connected: Bool, signal: String)
    case wait(Duration)

    /// Parses a script; an unknown line is an error naming its number.
    public static func parse(script: String) throws -> [ScenarioStep] {
        var steps: [ScenarioStep] = []
        for (index, raw) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = tokens(String(raw))
            guard let verb = words.first else { continue }
            func fail() -> ScenarioError { ScenarioError(line: index + 1, text: String(raw)) }
            func number(_ at: Int) throws -> Double {
                guard at < words.count, let value = Double(words[at]) else { throw fail() }
                return value
            }
            func flag(_ at: Int) throws -> Bool {
                guard at < words.count, ["on", "off"].contains(words[at]) else { throw fail() }
                return words[at] == "on"
            }
            func service(_ at: Int) throws -> RegistrationService {
                guard at < words.count else { throw fail() }
                switch words[at] {
                case "h323", "gatekeeper": return .h323Gatekeeper
                case "sip", "registrar": return .sipRegistrar
                default: throw fail()
                }
            }
            switch verb {
            case "incoming-call":
                guard words.count >= 3 else { throw fail() }
                let rate = words.count > 3 ? Int(words[3]) ?? 1920 : 1920
                let callProtocol = words.count > 4 ? CallProtocol(rawValue: words[4]) ?? .h323 : .h323
                steps.append(.incomingCall(name: words[1], number: words[2], rateKbps: rate, protocol: callProtocol))
            case "connect-call": steps.append(.connectCall(id: words.count > 1 ? Int(words[1]) : nil))
            case "outgoing-call":
                guard words.count >= 2 else { throw fail() }
                steps.append(.outgoingCall(number: words[1]))
            case "near-mute": steps.append(.nearMute(try flag(1)))
            case "far-mute": steps.append(.farMute(try flag(1)))
            case "drop-call":
                steps.append(.dropCall(id: words.count > 1 ? Int(words[1]) : nil, cause: words.count > 2 ? words[2] : "remote"))
            case "registration-lost": steps.append(.registrationLost(try service(1)))
            case "registration-restored": steps.append(.registrationRestored(try service(1)))
            case "banner-again": steps.append(.bannerAgain)
            case "restart": steps.append(.restart(downFor: .milliseconds(Int((words.count > 1 ? try number(1) : 0) * 1000))))
            case "lag": steps.append(.lag(try flag(1)))
            case "stall": steps.append(.stall(.milliseconds(Int(try number(1) * 1000))))
            case "send-line":
                guard words.count >= 2 else { throw fail() }
                steps.append(.sendLine(words[1]))
            case "garbage": steps.append(.garbage(bytes: Int(try number(1))))
            case "long-line": steps.append(.longLine(bytes: Int(try number(1))))
            case "packet-loss": steps.append(.packetLoss(Int(try number(1))))
            case "camera-input":
                switch words.count > 1 ? words[1] : "" {
                case "plugged": steps.append(.cameraInput(connected: true, signal: "OK"))
                case "unplugged": steps.append(.cameraInput(connected: false, signal: "Unknown"))
                case "no-signal": steps.append(.cameraInput(connected: true, signal: "Unsupported"))
                default: throw fail()
                }
            case "wait": steps.append(.wait(.milliseconds(Int(try number(1) * 1000))))
            default: throw fail()
            }
        }
        return steps
    }

    /// Splits on blanks, keeps "quoted words" together, drops `# comments`.
    static func tokens(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == "#" && !quoted {
                break
            } else if character.isWhitespace && !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }
}

public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let text: String
    public var description: String { "scenario line \(line) is not a step I know: '\(text)' (see ScenarioStep for the steps)" }
}
