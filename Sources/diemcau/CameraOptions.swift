import Camera
import Links

/// The options of `diemcau camera <action>`, parsed.
struct CameraOptions {
    var positional: [String] = []
    var port: String?
    var baud: Int?
    var address = 1
    var udp: HostAndPort?
    var tcp: HostAndPort?
    var profile = "generic"
    var book: String?
    var configuration: String?
    var cameraName: String?
    var name: String?
    var speed: Int?
    var tiltSpeed: Int?
    var seconds: Double?

    init(_ arguments: [String]) throws {
        var index = 0
        func value(_ option: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw UsageError("\(option) needs a value") }
            return arguments[index]
        }
        func number(_ option: String, _ range: ClosedRange<Int>) throws -> Int {
            let text = try value(option)
            guard let value = Int(text), range.contains(value) else {
                throw UsageError("\(option) takes a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            }
            return value
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--port": port = try value(argument)
            case "--baud":
                let rate = try number(argument, 1...1_000_000)
                guard SerialPortLink.baudRates.contains(rate) else {
                    throw UsageError("--baud is 9600 or 38400 (the camera's baud-rate switch), not \(rate)")
                }
                baud = rate
            case "--address": address = try number(argument, 1...7)
            case "--udp":
                let text = try value(argument)
                guard let parsed = HostAndPort(parsing: text, defaultPort: UDPLink.defaultPort) else {
                    throw UsageError("--udp takes HOST or HOST:PORT, not '\(text)'")
                }
                udp = parsed
            case "--tcp":
                let text = try value(argument)
                guard let parsed = HostAndPort(parsing: text, defaultPort: TCPLink.defaultPort) else {
                    throw UsageError("--tcp takes HOST or HOST:PORT, not '\(text)'")
                }
                tcp = parsed
            case "--profile": profile = try value(argument)
            case "--book": book = try value(argument)
            case "--config": configuration = try value(argument)
            case "--camera-name": cameraName = try value(argument)
            case "--name": name = try value(argument)
            case "--speed": speed = try number(argument, 0...0x18)
            case "--tilt-speed": tiltSpeed = try number(argument, 0...0x18)
            case "--for":
                let text = try value(argument)
                guard let value = Double(text), value > 0, value <= 60 else {
                    throw UsageError("--for takes seconds, more than 0 and at most 60, not '\(text)'")
                }
                seconds = value
            default:
                guard !argument.hasPrefix("--") else { throw UsageError("unknown option '\(argument)'") }
                positional.append(argument)
            }
            index += 1
        }
        let transports = [port != nil, udp != nil, tcp != nil].filter { $0 }.count
        guard transports <= 1 else { throw UsageError("give one of --port, --udp and --tcp") }
        if udp != nil || tcp != nil, address != 1 {
            throw UsageError("over IP the camera is always address 1; --address is for serial daisy chains")
        }
    }
}
