import CameraSimulator
import VISCA

/// The command line of `visca-sim`.
struct SimulatorOptions {
    var pseudoTerminal = false
    var linkPath: String?
    var udpPort: UInt16?
    var tcpPort: UInt16?
    var host = "127.0.0.1"
    var cameras = 1
    var model = CameraModel.eviD70
    var baudRate: BaudRate?
    var moveTime: Duration = .seconds(2)
    var replyPort: UInt16?
    var networkChangeEvery: Duration?
    var echoesBroadcastInterfaceClear = true
    var verbose = false
    var help = false

    static let usage = """
        usage: visca-sim [--pty [--link PATH]] [--udp PORT] [--tcp PORT] [options]

        A simulated Sony-style VISCA camera chain for tests, the demo room and
        training. It prints where it listens, one line each ("pty /dev/pts/4",
        "udp 52381", "tcp 5678"; with --link also "pty-device /dev/pts/4"), then runs until SIGINT or SIGTERM.

        transports (at least one; --pty when none is given):
          --pty                   serve on a new pseudo-terminal (a serial port for the controller)
          --link PATH             also make PATH a symlink to the pseudo-terminal (a stable name)
          --udp PORT              Sony VISCA over IP on UDP PORT (Sony cameras use 52381; 0: any)
          --tcp PORT              raw VISCA on TCP PORT (PTZOptics uses 5678; 0: any)
          --host ADDRESS          IPv4 address to listen on (default 127.0.0.1; 0.0.0.0 for all)
          --reply-port PORT       over UDP, answer to PORT whatever the sender's port (Sony: 52381)

        the cameras:
          --cameras N             cameras on the daisy chain, 1 to 7 (default 1)
          --model NAME            evi-d70 (default), evi-d100, brc-300, srg-300se, ptzoptics:
                                  sets the preset range, speeds and positions the camera accepts
          --baud 9600|38400       pace the pseudo-terminal like a serial line (1.04 ms a byte at 9600)
          --move-time SECONDS     time of a move across the whole pan range (default 2)
          --network-change-every SECONDS
                                  send Network Change (x0 38 FF) from camera 1 this often
          --no-if-clear-echo      a cheap PTZ clone: the broadcast IF_Clear (88 01 00 01 FF)
                                  does not come back; AddressSet and addressed commands do
          --verbose               print every message received on stderr
          --help                  this text
        """

    enum ParseError: Error, CustomStringConvertible {
        case missingValue(String)
        case badValue(String, String, String)
        case unknownOption(String)

        var description: String {
            switch self {
            case .missingValue(let option): "\(option) needs a value; see visca-sim --help"
            case .badValue(let option, let value, let expected): "\(option) \(value): expected \(expected); see visca-sim --help"
            case .unknownOption(let option): "unknown option \(option); see visca-sim --help"
            }
        }
    }

    init(arguments: [String]) throws(ParseError) {
        var rest = arguments[...]
        func value(_ option: String) throws(ParseError) -> String {
            guard let value = rest.popFirst() else { throw .missingValue(option) }
            return value
        }
        func port(_ option: String) throws(ParseError) -> UInt16 {
            let text = try value(option)
            guard let port = UInt16(text) else { throw .badValue(option, text, "a port number 0 to 65535") }
            return port
        }
        func seconds(_ option: String) throws(ParseError) -> Duration {
            let text = try value(option)
            guard let seconds = Double(text), seconds > 0, seconds < 86_400 else {
                throw .badValue(option, text, "a number of seconds above 0")
            }
            return .milliseconds(Int((seconds * 1000).rounded()))
        }
        while let option = rest.popFirst() {
            switch option {
            case "--pty": pseudoTerminal = true
            case "--link": linkPath = try value(option); pseudoTerminal = true
            case "--udp": udpPort = try port(option)
            case "--tcp": tcpPort = try port(option)
            case "--host": host = try value(option)
            case "--reply-port": replyPort = try port(option)
            case "--cameras":
                let text = try value(option)
                guard let count = Int(text), CameraAddress.range.contains(count) else {
                    throw .badValue(option, text, "1 to 7 cameras")
                }
                cameras = count
            case "--model":
                let text = try value(option)
                guard let model = CameraModel.named(text) else {
                    throw .badValue(option, text, CameraModel.all.map(\.name).joined(separator: ", "))
                }
                self.model = model
            case "--baud":
                let text = try value(option)
                guard let rate = Int(text).flatMap(BaudRate.init(rawValue:)) else { throw .badValue(option, text, "9600 or 38400") }
                baudRate = rate
            case "--move-time": moveTime = try seconds(option)
            case "--network-change-every": networkChangeEvery = try seconds(option)
            case "--no-if-clear-echo": echoesBroadcastInterfaceClear = false
            case "--verbose": verbose = true
            case "--help", "-h": help = true
            default: throw .unknownOption(option)
            }
        }
        if udpPort == nil, tcpPort == nil { pseudoTerminal = true }
    }

    var configuration: SimulatorConfiguration {
        SimulatorConfiguration(
            cameras: cameras, model: model, timing: .fullPan(moveTime, of: model), baudRate: baudRate, ipReplyPort: replyPort,
            echoesBroadcastInterfaceClear: echoesBroadcastInterfaceClear)
    }
}
