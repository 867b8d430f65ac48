import Codec
import Room

/// A Yealink VC series unit on its API port 6024, as "API Commands
/// Introduction for Yealink Video Conferencing Systems" (V1.06, V1.08)
/// shows it: no login, CR LF line ends, no prompt and no echo; it names
/// itself on connect (`version "model:..." ...`); an answer repeats its
/// command (`mute near get on`); the unit sends `mute near get`,
/// `sysstatus get` and `incoming` lines by itself when its state changes.
/// The guide shows no answer to a call command, none to a command the unit
/// does not know, and none to `callinfo all` in a room with no call: the
/// simulator says nothing then.
struct YealinkSpeaker: TerminalSpeaker {
    static let model = "VC800"
    static let softwareVersion = "63.345.0.5"
    static let simulatorPort: UInt16 = 6024

    init(_ configuration: CodecSimulator.Configuration) {}

    var lineEnd: String { "\r\n" }
    var asksLogin: Bool { false }
    var userPrompt: String? { nil }
    var passwordPrompt: String { "" }
    var loginFailure: String { "" }
    var prompt: String { "" }
    var echoesCommands: Bool { false }

    func greeting(_ terminal: SimulatedTerminal) -> [UInt8] {
        Array(welcome(terminal).utf8)
    }

    /// Sent by the unit on every new connection.
    func welcome(_ terminal: SimulatedTerminal) -> String {
        version(terminal) + lineEnd
    }

    private func version(_ terminal: SimulatedTerminal) -> String {
        "version \"model:\(terminal.model)\" \"firmware:\(terminal.softwareVersion)\" \"hardware:63.1.0.0.0.0.0\" \"productId:VC800\" \"cc_version:1.0.0.12\""
    }

    func reply(to command: String, terminal: inout SimulatedTerminal, registrations: inout [String], echo: inout Bool) -> SimulatedReply {
        var reply = SimulatedReply()
        let words = command.split(separator: " ").map(String.init)
        switch (words.first ?? "", words.dropFirst().first ?? "", words.dropFirst(2).first ?? "") {
        case ("mute", "near", "get"):
            reply.lines = [muteLine(terminal.nearMuted)]
        case ("mute", "near", let setting) where ["on", "off", "toggle"].contains(setting):
            terminal.nearMuted = setting == "toggle" ? !terminal.nearMuted : setting == "on"
            reply.changes = [.nearMute(terminal.nearMuted)]
        case ("sysstatus", "get", _):
            reply.lines = [terminal.calls.first.map { sysstatus($0, state: state(of: $0)) } ?? "sysstatus get idle"]
        case ("version", _, _):
            reply.lines = [version(terminal)]
        case ("callinfo", "all", _):
            reply.lines = terminal.calls.filter { $0.phase == .connected }.map(callinfo)
        case ("dial", _, _):
            // dial auto "<number>" | dial manual <video|audio|auto> <auto|sip|h323> "<speed>" "<number>"
            let quoted = command.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            guard let number = quoted.last, !number.isEmpty else { break }
            let callProtocol: CallProtocol = words.contains("sip") ? .sip : .h323
            let rate = quoted.count > 1 ? Int(quoted[0]) ?? 1920 : 1920
            var call = terminal.newCall(direction: .outgoing, name: "", number: number, protocol: callProtocol, rateKbps: rate, phase: .dialling)
            let dialling = call
            call.phase = .connected
            terminal.calls[terminal.calls.count - 1] = call
            reply.changes = [.call(dialling), .call(call)]
        case ("answer", "yes", _):
            guard let index = terminal.calls.firstIndex(where: { $0.phase == .ringing }) else { break }
            terminal.calls[index].phase = .connected
            reply.changes = [.call(terminal.calls[index])]
        case ("answer", "no", _), ("button", "hangup", _):
            let ended = words[0] == "answer" ? terminal.calls.filter { $0.phase == .ringing } : terminal.calls
            terminal.calls.removeAll { call in ended.contains { $0.id == call.id } }
            reply.changes = ended.map { .callEnded($0, cause: "local") }
        default:
            break
        }
        return reply
    }

    private func muteLine(_ muted: Bool) -> String {
        "mute near get \(muted ? "on" : "off")"
    }

    private func state(of call: SimulatedCall) -> String {
        switch call.phase {
        case .ringing: "ringing"
        case .dialling: "outgoing"
        case .connected: "talking"
        }
    }

    private func sysstatus(_ call: SimulatedCall, state: String) -> String {
        "sysstatus get \(state) \"dialstr:\(call.remoteNumber)\" \"callid:\(call.id)\" \"calltype:video\" \"protocol:\(call.protocol.rawValue)\" \"direction:\(call.direction.rawValue)\""
    }

    private func callinfo(_ call: SimulatedCall) -> String {
        let video = max(call.rateKbps - 64, 0)
        return "callinfo video \"callid:\(call.id)\" \"RemoteStr:\(call.remoteName)\" \"direction:\(call.direction.rawValue)\" \"protocol:\(call.protocol.rawValue)\" \"devInfo:Yealink\" \"TotalBwRecv:\(call.rateKbps)\" \"TotalBwSend:\(call.rateKbps)\" \"VBwRecv:\(video)\" \"VBwSend:\(video)\" \"VJrRecv:\(call.jitterMilliseconds)\" \"VJrSend:0\" \"VtplRecv:\(call.packetsLost)\" \"VtplSend:0\" \"AJrRecv:1\" \"AJrSend:0\" \"AtplRecv:0\" \"AtplSend:0\""
    }

    /// The unit tells every connection; there is nothing to register.
    func notification(_ change: TerminalChange, registrations: [String]) -> [String] {
        switch change {
        case let .call(call):
            let incoming = call.phase == .ringing ? ["incoming \"num:\(call.remoteNumber)\" \"name:\(call.remoteName)\""] : []
            return incoming + [sysstatus(call, state: state(of: call))]
        case let .callEnded(call, _):
            return [sysstatus(call, state: "finished")]
        case let .nearMute(muted):
            return [muteLine(muted)]
        case .farMute, .gatekeeper, .sipRegistrar:
            return []
        }
    }

    func isCallCommand(_ command: String) -> Bool {
        ["dial", "answer", "button", "gendial"].contains(command.commandWord)
    }
}
