import FoundationEssentials
import Room
import Support

/// Yealink VC series (VC110, VC120, VC400, VC500, VC800, VC880; the UVC
/// family speaks the same), API on TCP port 6024 ("API Commands
/// Introduction for Yealink Video Conferencing Systems", V1.06 and V1.08):
/// no login, no prompt, no echo, every line ends CR LF. An answer repeats
/// its command (`mute near get on`), and the unit sends the same lines by
/// itself when the state changes (`mute near get`, `sysstatus get`,
/// `incoming`). On connect it says who it is:
/// `version "model:VC800" "firmware:..." "hardware:..." "productId:..." "cc_version:..."`.
///
/// The guide gives no registration query and no answer to a call command,
/// and shows `callinfo all` with no end marker and no reply for a room
/// with no call: registration stays unknown, a call command is known to
/// have worked by the `sysstatus get` line that follows, and `callinfo all`
/// is complete when the unit goes quiet (`Options.answerSettle`).
public struct YealinkDialect: TerminalDialect {
    public init() {}

    public var kind: DialectKind { .yealink }
    public var summary: String { "Yealink VC/UVC series, API on TCP 6024 (no login)" }
    public var defaultPort: UInt16 { 6024 }
    /// The guide asks for no pause; a short one keeps a slow unit's serial-style parser happy.
    public var pacing: Duration { .milliseconds(100) }
    public var prompt: String? { nil }
    public var needsLogin: Bool { false }
    public var loginFailureTexts: [String] { [] }
    public func isLoginSuccess(_ line: String) -> Bool { false }
    public var loginClosingLine: String? { nil }
    public var nudgesHeldAnswers: Bool { false }
    /// Each answer names its command (`mute near get on`, `sysstatus get idle`).
    public var answersNameTheirCommand: Bool { true }
    /// State lines come unasked: there is nothing to register.
    public var sessionSetup: [DialectCommand] { [] }

    public var keepAlive: DialectCommand { Self.sysstatus }

    static let sysstatus = DialectCommand("sysstatus get", answer: .line(prefixes: ["sysstatus get "]))

    public func commands(for query: TerminalQuery) -> [DialectCommand] {
        switch query {
        case .calls: [Self.sysstatus]
        case .nearMute: [DialectCommand("mute near get", answer: .line(prefixes: ["mute near get "]))]
        case .registration: []
        case .identity: [DialectCommand("version", answer: .line(prefixes: ["version "]))]
        case .statistics: [DialectCommand("callinfo all", answer: .lines(prefixes: ["callinfo "]))]
        // The API catalogue we hold documents no video-input status: unknown.
        case .videoInputs: []
        }
    }

    public func parse(_ query: TerminalQuery, answers: [[String]]) -> [Observation] {
        let lines = answers.flatMap { $0 }
        switch query {
        case .calls:
            // `sysstatus get` tells the unit's one call, or that it has none.
            guard let line = lines.first(where: { $0.hasPrefix("sysstatus get ") }) else { return [] }
            return [.callList([Self.call(line)].compactMap { $0 }.filter { $0.status != .idle })]
        case .statistics:
            return [.statistics(lines.compactMap(Self.statistics))]
        case .videoInputs:
            return []
        case .nearMute, .registration, .identity:
            return lines.flatMap(interpret)
        }
    }

    public func interpret(_ line: String) -> [Observation] {
        switch line {
        case "mute near get on": return [.nearMute(true)]
        case "mute near get off": return [.nearMute(false)]
        default: break
        }
        if line.hasPrefix("sysstatus get ") {
            guard let call = Self.call(line) else { return [.callList([])] }
            if call.status == .idle { return [.callEnded(id: call.id, cause: nil)] }
            return [.call(id: call.id, CallUpdate(
                direction: call.direction, remoteNumber: call.remoteNumber, protocol: call.protocol, status: call.status))]
        }
        if line.hasPrefix("version ") {
            let fields = Self.fields(line)
            return [.identity(TerminalIdentity(model: fields["model"], softwareVersion: fields["firmware"]))]
        }
        if line.hasPrefix("callinfo "), let statistics = Self.statistics(line) {
            return [.statistics([statistics])]
        }
        return []
    }

    public func bannerLine(_ line: String) -> BannerLine? { nil }

    public func callControlCommand(for order: CallOrder) throws(CodecError) -> DialectCommand {
        // The guide shows no answer to these: the `sysstatus get` line that follows tells.
        let noAnswer = AnswerShape.lines(prefixes: [])
        switch order {
        case let .dial(number, callProtocol, rate):
            guard !number.isEmpty, !number.contains(where: { $0 == "\"" || $0.isNewline }) else { throw .invalidCommandText(number) }
            let protocolWord = callProtocol?.rawValue ?? "auto"
            let speed = rate.map(String.init) ?? "auto"
            return DialectCommand("dial manual video \(protocolWord) \"\(speed)\" \"\(number)\"", answer: noAnswer)
        case .hangUp:
            // The API ends calls only as the remote control does: all of them.
            return DialectCommand("button hangup", answer: noAnswer)
        case .answer:
            return DialectCommand("answer yes", answer: noAnswer)
        }
    }

    /// `dial`, `answer`, DTMF (`gendial`) and every `button`: the remote
    /// control's keys can place and end calls (`button call`, `button hangup`).
    public func isCallControl(_ command: String) -> Bool {
        ["dial", "answer", "button", "gendial"].contains(command.commandWord)
    }

    public func isRefusal(_ line: String) -> Bool {
        line.lowercased().hasPrefix("error")
    }

    // MARK: Lines

    /// `sysstatus get <state> ["dialstr:..." "callid:..." "calltype:..." "protocol:..." "direction:..."]`,
    /// with state one of sleeping, idle, outgoing, ringing, talking,
    /// `talking max`, finished. Nil for a unit with no call.
    static func call(_ line: String) -> Call? {
        let rest = line.dropFirst("sysstatus get ".count)
        let word = rest.prefix { $0 != "\"" }.trimmed().lowercased()
        let fields = fields(line)
        let status: CallStatus
        switch word {
        case "idle", "sleeping": return nil
        case "outgoing": status = .dialling
        case "ringing": status = .ringing
        case "talking", "talking max": status = .connected
        case "finished": status = .idle
        default: status = .other(word)
        }
        return Call(
            id: fields["callid"] ?? "1",
            direction: fields["direction"].flatMap { CallDirection(rawValue: $0.lowercased()) },
            remoteNumber: fields["dialstr"].flatMap { $0.isEmpty ? nil : $0 },
            protocol: fields["protocol"].flatMap { CallProtocol(rawValue: $0.lowercased()) },
            status: status)
    }

    /// `callinfo video "callid:34" "RemoteStr:..." ... "TotalBwRecv:1920" "TotalBwSend:1920" "VJrRecv:3" "VtplRecv:7" "VtplpRecv:0.5" ...`
    /// (the guide names the fields; their units are uncertain: kbit/s, ms, packets and per cent assumed).
    static func statistics(_ line: String) -> CallStatistics? {
        let fields = fields(line)
        guard let id = fields["callid"] else { return nil }
        func number(_ key: String) -> Double? {
            fields[key].flatMap { Double($0.prefix { $0.isNumber || $0 == "." }) }
        }
        let lost = ["VtplRecv", "AtplRecv"].compactMap(number)
        let percents = ["VtplpRecv", "AtplpRecv"].compactMap(number)
        let jitters = ["VJrRecv", "AJrRecv"].compactMap(number)
        return CallStatistics(
            callID: id,
            packetsLost: lost.isEmpty ? nil : Int(lost.reduce(0, +)),
            lossPercent: percents.max(),
            jitterMilliseconds: jitters.max().map(Int.init),
            transmitRateKbps: number("TotalBwSend").map(Int.init),
            receiveRateKbps: number("TotalBwRecv").map(Int.init))
    }

    /// The `"key:value"` fields of a line; a value may hold colons of its own.
    static func fields(_ line: String) -> [String: String] {
        var fields: [String: String] = [:]
        for (index, part) in line.split(separator: "\"", omittingEmptySubsequences: false).enumerated() where index % 2 == 1 {
            guard let colon = part.firstIndex(of: ":") else { continue }
            fields[String(part[..<colon])] = String(part[part.index(after: colon)...])
        }
        return fields
    }
}
