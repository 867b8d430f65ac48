import Codec
import Room

/// A Cisco room device (TC/CE) on Telnet, in terminal output mode, as the
/// API reference guides show it: option negotiation, `login:`, `Password:`,
/// the banner and `*r Login successful`, echo until `echo off`, `*s` status
/// lines, every answer closed by `** end` and `OK`, feedback pushed to the
/// sessions that registered for it.
struct CiscoSpeaker: TerminalSpeaker {
    static let model = "Cisco Codec SX80"
    static let softwareVersion = "ce9.15.3.17 2fdb8f9d4b0"
    static let simulatorPort: UInt16 = 2323

    init(_ configuration: CodecSimulator.Configuration) {}

    var lineEnd: String { "\r\n" }
    /// IAC DO TERMINAL-TYPE, DO TERMINAL-SPEED, DO X-DISPLAY-LOCATION, DO NEW-ENVIRON, then `login: `.
    func greeting(_ terminal: SimulatedTerminal) -> [UInt8] { [255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39] + Array("login: ".utf8) }
    var asksLogin: Bool { true }
    var userPrompt: String? { "login: " }
    var passwordPrompt: String { "Password: " }
    var loginFailure: String { "Login incorrect\r\n\r\nlogin: " }
    var prompt: String { "" }
    var echoesCommands: Bool { true }

    func welcome(_ terminal: SimulatedTerminal) -> String {
        [
            "Welcome to \(terminal.systemName)",
            "Cisco Codec Release \(terminal.softwareVersion)",
            "SW Release Date: 2023-05-10",
            "*r Login successful",
            "",
            "OK",
            "",
        ].map { $0 + lineEnd }.joined()
    }

    private let end = ["** end", "", "OK"]

    func reply(to command: String, terminal: inout SimulatedTerminal, registrations: inout [String], echo: inout Bool) -> SimulatedReply {
        var reply = SimulatedReply()
        let lower = command.lowercased().split(separator: " ").joined(separator: " ")
        switch lower {
        case "":
            return reply
        case "echo off":
            echo = false
            reply.lines = ["", "OK"]
        case "echo on":
            echo = true
            reply.lines = ["", "OK"]
        case "xstatus call":
            reply.lines = terminal.calls.flatMap(callLines) + end
        case "xstatus audio microphones mute":
            reply.lines = ["*s Audio Microphones Mute: \(terminal.nearMuted ? "On" : "Off")"] + end
        case "xstatus h323 gatekeeper":
            reply.lines = [
                "*s H323 Gatekeeper Address: \"\(terminal.gatekeeperAddress)\"",
                "*s H323 Gatekeeper Port: 1719",
                "*s H323 Gatekeeper Reason: \"\"",
                "*s H323 Gatekeeper Status: \(terminal.gatekeeperRegistered ? "Registered" : "Inactive")",
            ] + end
        case "xstatus sip registration":
            reply.lines = [
                "*s SIP Registration 1 Reason: \"\"",
                "*s SIP Registration 1 Status: \(terminal.sipRegistered ? "Registered" : "Failed")",
                "*s SIP Registration 1 URI: \"room@mcu.example.vn\"",
            ] + end
        case "xstatus sip proxy":
            reply.lines = ["*s SIP Proxy 1 Address: \"\(terminal.sipRegistrar)\"", "*s SIP Proxy 1 Status: Active"] + end
        case "xstatus systemunit":
            reply.lines = [
                "*s SystemUnit Hardware Module SerialNumber: \"FTT123456AB\"",
                "*s SystemUnit ProductId: \"\(terminal.model)\"",
                "*s SystemUnit ProductPlatform: \"SX80\"",
                "*s SystemUnit ProductType: \"Cisco Codec\"",
                "*s SystemUnit Software DisplayName: \"\(terminal.softwareVersion)\"",
                "*s SystemUnit Software Version: \"\(terminal.softwareVersion)\"",
                "*s SystemUnit Uptime: \(terminal.uptimeSeconds)",
            ] + end
        case "xstatus systemunit uptime":
            reply.lines = ["*s SystemUnit Uptime: \(terminal.uptimeSeconds)"] + end
        case "xconfiguration systemunit name":
            reply.lines = ["*c xConfiguration SystemUnit Name: \"\(terminal.systemName)\""] + end
        case "xstatus video input connector":
            // As the API reference guides (CE9) show each field: connector 1 the
            // camera (HDMI), connector 2 a PC input with nothing plugged in.
            reply.lines = [
                "*s Video Input Connector 1 Connected: \(terminal.cameraConnected ? "True" : "False")",
                "*s Video Input Connector 1 SignalState: \(terminal.cameraConnected ? terminal.cameraSignal : "Unknown")",
                "*s Video Input Connector 1 SourceId: 1",
                "*s Video Input Connector 1 Type: HDMI",
                "*s Video Input Connector 2 Connected: False",
                "*s Video Input Connector 2 SignalState: Unknown",
                "*s Video Input Connector 2 SourceId: 2",
                "*s Video Input Connector 2 Type: HDMI",
            ] + end
        case "xstatus mediachannels":
            reply.lines = terminal.calls.filter { $0.phase == .connected }.flatMap { call in
                [
                    "*s MediaChannels Call \(call.id) IncomingAudioChannel 1 Netstat Loss: 0",
                    "*s MediaChannels Call \(call.id) IncomingAudioChannel 1 Netstat Jitter: 1",
                    "*s MediaChannels Call \(call.id) IncomingAudioChannel 1 Netstat ChannelRate: 64000",
                    "*s MediaChannels Call \(call.id) IncomingVideoChannel 2 Netstat Loss: \(call.packetsLost)",
                    "*s MediaChannels Call \(call.id) IncomingVideoChannel 2 Netstat Jitter: \(call.jitterMilliseconds)",
                    "*s MediaChannels Call \(call.id) IncomingVideoChannel 2 Netstat ChannelRate: \((call.rateKbps - 64) * 1000)",
                    "*s MediaChannels Call \(call.id) OutgoingAudioChannel 3 Netstat ChannelRate: 64000",
                    "*s MediaChannels Call \(call.id) OutgoingVideoChannel 4 Netstat ChannelRate: \((call.rateKbps - 64) * 1000)",
                ]
            } + end
        default:
            if lower.hasPrefix("xfeedback register ") {
                let path = String(command.split(separator: " ").last ?? "")
                if registrations.count >= 38 {
                    reply.lines = ["*r FeedbackRegisterResult (status=Error):", "    Reason: \"Max number of feedback registrations reached\"", "** end", "", "ERROR"]
                } else {
                    if !registrations.contains(path) { registrations.append(path) }
                    reply.lines = end
                }
            } else if lower.hasPrefix("xcommand dial") {
                reply = dial(command, terminal: &terminal)
            } else if lower.hasPrefix("xcommand call disconnect") {
                let id = Int(command.split(separator: " ").last ?? "")
                let ended = terminal.calls.filter { id == nil || $0.id == id }
                if ended.isEmpty {
                    reply.lines = ["*r DisconnectResult (status=Error):", "    Reason: \"No active call(s) found\"", "** end", "", "ERROR"]
                } else {
                    terminal.calls.removeAll { call in ended.contains { $0.id == call.id } }
                    reply.lines = ["*r DisconnectResult (status=OK):"] + end
                    reply.changes = ended.map { .callEnded($0, cause: "LocalDisconnect") }
                }
            } else if lower.hasPrefix("xcommand call accept") {
                if let index = terminal.calls.firstIndex(where: { $0.phase == .ringing }) {
                    terminal.calls[index].phase = .connected
                    reply.lines = ["*r AcceptResult (status=OK):"] + end
                    reply.changes = [.call(terminal.calls[index])]
                } else {
                    reply.lines = ["*r AcceptResult (status=Error):", "    Reason: \"No incoming call\"", "** end", "", "ERROR"]
                }
            } else if lower.hasPrefix("xstatus") || lower.hasPrefix("xconfiguration") {
                reply.lines = end
            } else {
                reply.lines = ["Command not recognized."]
            }
        }
        return reply
    }

    private func dial(_ command: String, terminal: inout SimulatedTerminal) -> SimulatedReply {
        // xCommand Dial Number: <uri> [Protocol: Sip|H323] [CallRate: <kbps>]
        let words = command.split(separator: " ").map(String.init)
        func argument(_ name: String) -> String? {
            guard let index = words.firstIndex(of: name + ":"), index + 1 < words.count else { return nil }
            return words[index + 1]
        }
        guard let number = argument("Number") else {
            return SimulatedReply(lines: ["*r DialResult (status=Error):", "    Reason: \"Missing or invalid parameter(s): Number\"", "** end", "", "ERROR"])
        }
        let callProtocol: CallProtocol = argument("Protocol")?.lowercased() == "sip" ? .sip : .h323
        var call = terminal.newCall(direction: .outgoing, name: "", number: number, protocol: callProtocol, rateKbps: Int(argument("CallRate") ?? "") ?? 1920, phase: .dialling)
        let dialling = call
        call.phase = .connected
        call.remoteName = "MCU"
        terminal.calls[terminal.calls.count - 1] = call
        return SimulatedReply(
            lines: ["*r DialResult (status=OK):", "    CallId: \(call.id)", "    ConferenceId: \(call.id - 30)"] + end,
            changes: [.call(dialling), .call(call)]
        )
    }

    private func callLines(_ call: SimulatedCall) -> [String] {
        let status = switch call.phase {
        case .ringing: "Ringing"
        case .dialling: "Dialling"
        case .connected: "Connected"
        }
        return [
            "*s Call \(call.id) AnswerState: \(call.phase == .ringing ? "Unanswered" : "Answered")",
            "*s Call \(call.id) CallType: Video",
            "*s Call \(call.id) DeviceType: MCU",
            "*s Call \(call.id) Direction: \(call.direction == .incoming ? "Incoming" : "Outgoing")",
            "*s Call \(call.id) DisplayName: \"\(call.remoteName)\"",
            "*s Call \(call.id) Duration: 0",
            "*s Call \(call.id) Protocol: \(call.protocol == .sip ? "Sip" : "H323")",
            "*s Call \(call.id) ReceiveCallRate: \(call.rateKbps)",
            "*s Call \(call.id) RemoteNumber: \"\(call.remoteNumber)\"",
            "*s Call \(call.id) Status: \(status)",
            "*s Call \(call.id) TransmitCallRate: \(call.rateKbps)",
        ]
    }

    /// The event's cause fields for a scenario's cause, in the values the API
    /// reference lists: a CauseType of its value space, a Q.850 CauseCode
    /// and its CauseOrigin. A Q.850 number (or a word `DisconnectCauseWord`
    /// knows) gives the type a unit reports for it; a CauseType is passed on.
    static func disconnectCause(_ cause: String, of call: SimulatedCall) -> (type: String, code: Int, origin: String) {
        let types = ["OtherLocal", "LocalDisconnect", "UnknownRemoteSite", "LocalBusy", "LocalReject", "InsufficientSecurity", "OtherRemote",
                     "RemoteDisconnect", "RemoteBusy", "RemoteRejected", "RemoteNoAnswer", "CallForwarded", "NetworkRejected"]
        let origin = call.protocol == .sip ? "SIP" : "Q850"
        if Int(cause) != nil || ["remote", "end", "network"].contains(cause) {
            let code = DisconnectCauseWord.q850(cause)
            let type = switch code {
            case 16, 31: "RemoteDisconnect"
            case 17: "RemoteBusy"
            case 18, 19: "RemoteNoAnswer"
            case 21: "RemoteRejected"
            case 1, 3, 27, 28: "UnknownRemoteSite"
            default: "NetworkRejected"
            }
            return (type, code, "Q850")
        }
        switch cause {
        // The reference's own example: a local hang-up, CauseCode 0.
        case "LocalDisconnect": return ("LocalDisconnect", 0, origin)
        default: return (types.contains(cause) ? cause : "OtherRemote", 0, "internal")
        }
    }

    private func registered(_ registrations: [String], _ path: String) -> Bool {
        registrations.contains { path.lowercased().hasPrefix($0.lowercased()) }
    }

    func notification(_ change: TerminalChange, registrations: [String]) -> [String] {
        switch change {
        case let .call(call):
            guard registered(registrations, "/Status/Call") else { return [] }
            return callLines(call) + ["** end"]
        case let .callEnded(call, cause):
            var lines: [String] = []
            if registered(registrations, "/Event/CallDisconnect") {
                let reason = Self.disconnectCause(cause, of: call)
                // One record on one line, as the unit writes an event's pairs.
                lines += [
                    "*e CallDisconnect CauseValue: \(reason.type.hasPrefix("Local") ? 1 : 2)"
                        + " CauseType: \"\(reason.type)\""
                        + " CauseString: \"\(reason.code == 16 ? "Normal" : "")\""
                        + " OrigCallDirection: \"\(call.direction.rawValue)\""
                        + " RemoteURI: \"\(call.remoteNumber)\""
                        + " CallId: \(call.id)"
                        + " CauseCode: \(reason.code)"
                        + " CauseOrigin: \(reason.origin)",
                    "** end",
                ]
            }
            if registered(registrations, "/Status/Call") {
                lines += ["*s Call \(call.id) (ghost=True):", "** end"]
            }
            return lines
        case let .nearMute(muted):
            guard registered(registrations, "/Status/Audio/Microphones/Mute") else { return [] }
            return ["*s Audio Microphones Mute: \(muted ? "On" : "Off")", "** end"]
        case .farMute:
            return []
        case let .gatekeeper(ok):
            guard registered(registrations, "/Status/H323/Gatekeeper") else { return [] }
            return ["*s H323 Gatekeeper Status: \(ok ? "Registered" : "Inactive")", "** end"]
        case let .sipRegistrar(ok):
            guard registered(registrations, "/Status/SIP/Registration") else { return [] }
            return ["*s SIP Registration 1 Status: \(ok ? "Registered" : "Failed")", "** end"]
        }
    }

    func isCallCommand(_ command: String) -> Bool {
        let lower = command.lowercased().split(separator: " ").joined(separator: " ")
        return lower.hasPrefix("xcommand dial") || lower.hasPrefix("xcommand call ")
    }
}
