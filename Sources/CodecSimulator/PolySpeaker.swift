import Codec
import Room

/// A Poly RealPresence Group Series / HDX on its API port, as the
/// Integrator's Reference Manual and real units show it: a few blank lines
/// and `Password:` without a line end, the welcome block, the `-> ` prompt,
/// the echo of each command, CR CR LF line ends.
struct PolySpeaker: TerminalSpeaker {
    static let model = "RealPresence Group 500"
    static let softwareVersion = "6.2.2.3-600040"
    static let simulatorPort: UInt16 = 2424

    let askUser: Bool
    let promptAfterWhoami: Bool

    init(_ configuration: CodecSimulator.Configuration) {
        askUser = configuration.asksUser
        promptAfterWhoami = configuration.promptAfterWhoami
    }

    var lineEnd: String { "\r\r\n" }
    /// A few blank lines, then the first prompt with no line end.
    func greeting(_ terminal: SimulatedTerminal) -> [UInt8] { Array(("\r\n\r\n" + (userPrompt ?? passwordPrompt)).utf8) }
    var asksLogin: Bool { true }
    var userPrompt: String? { askUser ? "User: " : nil }
    var passwordPrompt: String { "Password: " }
    var loginFailure: String { "\r\n-- login failed, retry --\r\r\nPassword: " }
    var prompt: String { "-> " }
    var echoesCommands: Bool { true }

    func welcome(_ terminal: SimulatedTerminal) -> String {
        welcomeBlock(terminal).map { $0 + lineEnd }.joined() + prompt
    }

    func welcomeBlock(_ terminal: SimulatedTerminal) -> [String] {
        [
            "Hi, my name is : \(terminal.systemName)",
            "Here is what I know about myself:",
            "Model: \(terminal.model)",
            "Serial Number: 8215230FE2B0CN",
            "Software Version: \(terminal.softwareVersion)",
            "Build Information: root on bldvm-rh6-36",
            "Contact Number: <empty>",
            "Time In Last Call: 0:43:50",
            "Total Time In Calls: 87:17:14",
            "Total Calls: 819",
            "SNTP Time Service: auto insync ntp1.example.vn",
            "Local Time is: Mon, 23 Nov 2026 08:00:00",
            "Network Interface: NONE",
            "IP Video Number: 10.10.5.21",
            "MP Enabled: False",
            "H323 Enabled: True",
            "FTP Enabled: False",
            "HTTP Enabled: True",
            "SNMP Enabled: True",
        ]
    }

    func reply(to command: String, terminal: inout SimulatedTerminal, registrations: inout [String], echo: inout Bool) -> SimulatedReply {
        var reply = SimulatedReply()
        let words = command.split(separator: " ").map(String.init)
        switch words.first?.lowercased() ?? "" {
        case "":
            break
        case "notify":
            guard words.count == 2 else { reply.lines = ["error: command needs more parameters to execute successfully"]; break }
            let kind = words[1]
            if registrations.contains(kind) {
                reply.lines = ["info: event/notification already active:\(kind)"]
            } else {
                registrations.append(kind)
                reply.lines = ["notify \(kind) success"]
            }
        case "callinfo":
            if terminal.calls.isEmpty {
                reply.lines = ["system is not in a call"]
            } else {
                reply.lines = ["callinfo begin"] + terminal.calls.map { call in
                    "callinfo:\(call.id):\(call.remoteName):\(call.remoteNumber):\(call.rateKbps):\(phaseWord(call)):\(call.farMuted ? "muted" : "notmuted"):\(call.direction.rawValue):videocall"
                } + ["callinfo end"]
            }
        case "mute":
            if words.count == 3, words[1] == "near" {
                if words[2] == "on" || words[2] == "off" {
                    terminal.nearMuted = words[2] == "on"
                    reply.changes = [.nearMute(terminal.nearMuted)]
                }
                reply.lines = ["mute near \(terminal.nearMuted ? "on" : "off")"]
            } else {
                reply.lines = ["error: command needs more parameters to execute successfully"]
            }
        case "status":
            reply.lines = [
                "autoanswerp2p offline", "remotecontrol online", "microphones online", "visualboard offline",
                "globaldirectory online", "ipnetwork online",
                "gatekeeper \(terminal.gatekeeperRegistered ? "online" : "offline")",
                "sipserver \(terminal.sipRegistered ? "online" : "offline")",
                "logthreshold offline", "meetingpassword offline", "rpms offline", "status end",
            ]
        case "gatekeeperip":
            reply.lines = ["gatekeeperip \(terminal.gatekeeperAddress)"]
        case "systemsetting":
            if words.count == 3, words[1] == "get", words[2] == "sipregistrarserver" {
                reply.lines = ["systemsetting sipregistrarserver \(terminal.sipRegistrar)"]
            } else {
                reply.lines = ["error: command not found"]
            }
        case "whoami":
            reply.lines = welcomeBlock(terminal)
            reply.prompt = promptAfterWhoami
        case "advnetstats":
            guard let call = terminal.calls.first(where: { $0.phase == .connected }) else {
                reply.lines = ["system is not in a call"]
                break
            }
            let video = max(call.rateKbps - 64, 0)
            reply.lines = ["call:\(call.id) tar:64k rar:64k tvr:\(video)k rvr:\(video)k tvru:\(video)k rvru:\(video)k tapl:0 tvpl:0 rapl:0 rvpl:\(call.packetsLost) taj:0mS raj:\(call.jitterMilliseconds)mS tvj:0mS rvj:\(call.jitterMilliseconds)mS"]
        case "dial":
            // dial manual <speed> "<dial string>" [h323|sip]
            guard words.count >= 4, words[1] == "manual", let rate = Int(words[2]) else {
                reply.lines = ["error: command needs more parameters to execute successfully"]
                break
            }
            let number = command.split(separator: "\"").dropFirst().first.map(String.init) ?? words[3]
            let callProtocol: CallProtocol = words.last == "sip" ? .sip : .h323
            var call = terminal.newCall(direction: .outgoing, name: "", number: number, protocol: callProtocol, rateKbps: rate, phase: .dialling)
            reply.lines = ["dialing manual"]
            call.phase = .connected
            call.remoteName = "MCU"
            terminal.calls[terminal.calls.count - 1] = call
            reply.changes = [.call(SimulatedCall(id: call.id, direction: .outgoing, remoteName: "", remoteNumber: number, protocol: callProtocol, rateKbps: rate, phase: .dialling)), .call(call)]
        case "hangup":
            let ended: [SimulatedCall]
            if words.count >= 3, words[1] == "video", let id = Int(words[2]) {
                ended = terminal.calls.filter { $0.id == id }
                reply.lines = ["hanging up video"]
            } else {
                ended = terminal.calls
                reply.lines = ["hanging up all"]
            }
            terminal.calls.removeAll { call in ended.contains { $0.id == call.id } }
            reply.changes = ended.map { .callEnded($0, cause: "16") }
        case "answer":
            guard let index = terminal.calls.firstIndex(where: { $0.phase == .ringing }) else {
                reply.lines = ["info: no incoming call to answer"]
                break
            }
            terminal.calls[index].phase = .connected
            reply.lines = ["answer incoming video call passed"]
            reply.changes = [.call(terminal.calls[index])]
        default:
            reply.lines = ["error: command not found"]
        }
        return reply
    }

    func notification(_ change: TerminalChange, registrations: [String]) -> [String] {
        switch change {
        case let .call(call):
            guard registrations.contains("callstatus") else { return [] }
            return [callStatus(call, word: phaseWord(call), cause: "")]
        case let .callEnded(call, cause):
            guard registrations.contains("callstatus") else { return [] }
            return [callStatus(call, word: "disconnected", cause: "\(DisconnectCauseWord.q850(cause))")]
        case let .nearMute(muted):
            guard registrations.contains("mutestatus") else { return [] }
            return ["notification:mutestatus:near:near:near:near:\(muted ? "muted" : "unmuted")"]
        case let .farMute(call, muted):
            guard registrations.contains("mutestatus") else { return [] }
            return ["notification:mutestatus:far:\(call.id):\(call.remoteName):\(call.remoteNumber):\(muted ? "muted" : "unmuted")"]
        case .gatekeeper, .sipRegistrar:
            // Poly reports registration through `status`, not through notify.
            return []
        }
    }

    private func callStatus(_ call: SimulatedCall, word: String, cause: String) -> String {
        "notification:callstatus:\(call.direction.rawValue):\(call.id):\(call.remoteName):\(call.remoteNumber):\(word):\(call.rateKbps):\(cause):videocall"
    }

    private func phaseWord(_ call: SimulatedCall) -> String {
        switch call.phase {
        case .ringing, .dialling: "opened"
        case .connected: "connected"
        }
    }

    func isCallCommand(_ command: String) -> Bool {
        ["dial", "hangup", "answer"].contains(command.commandWord)
    }
}
