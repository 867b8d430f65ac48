import FoundationEssentials
import Room
import Support

/// Cisco TelePresence / Webex room devices (TC and CE software), xAPI over
/// Telnet in terminal output mode: status lines `*s <path>: <value>`, results
/// `*r <Name>Result (status=OK):`, events `*e ...`; every answer ends with
/// `** end` and then `OK`.
public struct CiscoDialect: TerminalDialect {
    public init() {}

    public var kind: DialectKind { .cisco }
    public var summary: String { "Cisco TelePresence/Webex room devices, xAPI on Telnet (TCP 23)" }
    public var defaultPort: UInt16 { 23 }
    public var needsLogin: Bool { true }
    /// Room devices ship with Telnet off: `ssh admin@codec`, then the same lines.
    public var sshPort: UInt16? { 22 }
    public var pacing: Duration { .milliseconds(50) }
    public var prompt: String? { nil }
    public var loginFailureTexts: [String] { ["Login incorrect", "Access denied"] }

    public func isLoginSuccess(_ line: String) -> Bool { line == "*r Login successful" }

    public var loginClosingLine: String? { "OK" }
    public var answersNameTheirCommand: Bool { false }
    public var nudgesHeldAnswers: Bool { false }

    public var sessionSetup: [DialectCommand] {
        [DialectCommand("echo off", answer: .xapi)]
            + ["/Status/Call", "/Status/Audio/Microphones/Mute", "/Status/H323/Gatekeeper", "/Status/SIP/Registration", "/Event/CallDisconnect"]
            .map { DialectCommand("xFeedback register \($0)", answer: .xapi) }
    }

    public var keepAlive: DialectCommand { DialectCommand("xStatus SystemUnit Uptime", answer: .xapi) }

    public func commands(for query: TerminalQuery) -> [DialectCommand] {
        let texts: [String] = switch query {
        case .calls: ["xStatus Call"]
        case .nearMute: ["xStatus Audio Microphones Mute"]
        case .registration: ["xStatus H323 Gatekeeper", "xStatus SIP Registration", "xStatus SIP Proxy"]
        case .identity: ["xStatus SystemUnit", "xConfiguration SystemUnit Name"]
        case .statistics: ["xStatus MediaChannels"]
        case .videoInputs: ["xStatus Video Input Connector"]
        }
        return texts.map { DialectCommand($0, answer: .xapi) }
    }

    public func parse(_ query: TerminalQuery, answers: [[String]]) -> [Observation] {
        let lines = answers.flatMap { $0 }
        switch query {
        case .calls:
            var calls: [String: Call] = [:]
            var order: [String] = []
            for line in lines {
                for case let .call(id, update) in interpret(line) {
                    if calls[id] == nil { order.append(id) }
                    calls[id] = update.applied(to: calls[id] ?? Call(id: id, status: .other("unknown")))
                }
            }
            // Anything else (a feedback line interleaved with the answer) still counts.
            let others = lines.flatMap(interpret).filter { if case .call = $0 { false } else { true } }
            return [.callList(order.compactMap { calls[$0] })] + others
        case .statistics:
            return [.statistics(Self.statistics(lines))]
        case .videoInputs:
            return [.videoInputs(Self.videoInputs(lines))]
        case .nearMute, .registration, .identity:
            return lines.flatMap(interpret)
        }
    }

    public func interpret(_ line: String) -> [Observation] {
        if line.hasPrefix("*s Call ") { return Self.callLine(line) }
        if line.hasPrefix("*e CallDisconnect ") {
            return DisconnectEvent.pairs(line.dropFirst("*e CallDisconnect ".count)).map { .disconnectDetail(field: $0.key, value: $0.value) }
        }
        guard let (path, value) = Self.pathAndValue(line) else { return [] }
        switch path {
        case "*s Audio Microphones Mute":
            return value == "On" ? [.nearMute(true)] : value == "Off" ? [.nearMute(false)] : []
        case "*s H323 Gatekeeper Status":
            return [.registration(.h323Gatekeeper, Self.h323(value))]
        case "*s H323 Gatekeeper Address":
            return [.registrarAddress(.h323Gatekeeper, value.isEmpty ? nil : value)]
        case "*s SIP Proxy 1 Address":
            return [.registrarAddress(.sipRegistrar, value.isEmpty ? nil : value)]
        case "*s SystemUnit ProductId":
            return [.identity(TerminalIdentity(model: value))]
        case "*s SystemUnit Software Version":
            return [.identity(TerminalIdentity(softwareVersion: value))]
        case "*s SystemUnit Uptime":
            return Int(value).map { [.uptime($0)] } ?? []
        case "*c xConfiguration SystemUnit Name":
            return [.identity(TerminalIdentity(systemName: value))]
        default:
            if path.hasPrefix("*s SIP Registration "), path.hasSuffix(" Status") {
                return [.registration(.sipRegistrar, Self.sip(value))]
            }
            return []
        }
    }

    public func bannerLine(_ line: String) -> BannerLine? {
        if line.hasPrefix("Welcome to") {
            let name = line.dropFirst("Welcome to".count).trimmed()
            return .start(systemName: name.isEmpty ? nil : name)
        }
        if line.hasPrefix("Cisco Codec Release") {
            let version = line.dropFirst("Cisco Codec Release".count).trimmed()
            return .field(TerminalIdentity(softwareVersion: version))
        }
        if line.hasPrefix("SW Release Date") || line == "*r Login successful" { return .field(TerminalIdentity()) }
        return nil
    }

    public func callControlCommand(for order: CallOrder) throws(CodecError) -> DialectCommand {
        switch order {
        case let .dial(number, callProtocol, rate):
            guard !number.isEmpty, !number.contains(where: { $0 == "\"" || $0.isNewline || $0 == " " }) else {
                throw .invalidCommandText(number)
            }
            var text = "xCommand Dial Number: \(number)"
            if let callProtocol { text += " Protocol: \(callProtocol == .sip ? "Sip" : "H323")" }
            if let rate { text += " CallRate: \(rate)" }
            return DialectCommand(text, answer: .xapi)
        case let .hangUp(callID):
            if let callID {
                guard !callID.isEmpty, callID.allSatisfy(\.isNumber) else { throw .invalidCommandText(callID) }
                return DialectCommand("xCommand Call Disconnect CallId: \(callID)", answer: .xapi)
            }
            return DialectCommand("xCommand Call Disconnect", answer: .xapi)
        case .answer:
            return DialectCommand("xCommand Call Accept", answer: .xapi)
        }
    }

    public func isCallControl(_ command: String) -> Bool {
        let lower = command.lowercased().split(separator: " ").joined(separator: " ")
        return lower.hasPrefix("xcommand dial") || lower.hasPrefix("xcommand call ")
            || lower.hasPrefix("xcommand conference") || lower.hasPrefix("xcommand phonebook dial")
    }

    public func isRefusal(_ line: String) -> Bool {
        line.contains("(status=Error)") || line == "ERROR"
    }

    // MARK: Lines

    /// `*s Call 3 Status: Connected`, `*s Call 2 (ghost=True):`
    static func callLine(_ line: String) -> [Observation] {
        let words = line.utf8.split(separator: UInt8(ascii: " "), maxSplits: 4).map { String(decoding: $0, as: UTF8.self) }
        guard words.count >= 4 else { return [] }
        let id = words[2]
        if words[3].hasPrefix("(ghost=True)") { return [.callEnded(id: id, cause: nil)] }
        guard let (path, value) = pathAndValue(line) else { return [] }
        let field = path.utf8.split(separator: UInt8(ascii: " ")).dropFirst(3).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        var update = CallUpdate()
        switch field {
        case "Status": update.status = status(value)
        case "Direction": update.direction = value == "Incoming" ? .incoming : value == "Outgoing" ? .outgoing : nil
        case "Protocol": update.protocol = value.lowercased() == "sip" ? .sip : value.lowercased() == "h323" ? .h323 : nil
        case "RemoteNumber": update.remoteNumber = value.isEmpty ? nil : value
        case "DisplayName": update.remoteName = value.isEmpty ? nil : value
        case "TransmitCallRate": update.rateKbps = Int(value)
        default: break
        }
        return [.call(id: id, update)]
    }

    static func status(_ value: String) -> CallStatus {
        switch value {
        case "Idle": .idle
        case "Dialling": .dialling
        case "Ringing": .ringing
        case "Connecting", "EarlyMedia": .connecting
        case "Connected": .connected
        case "Disconnecting": .disconnecting
        case "OnHold": .onHold
        default: .other(value)
        }
    }

    static func h323(_ value: String) -> RegistrationStatus {
        switch value {
        case "Registered": .registered
        case "Inactive": .inactive
        case "Required", "Rejected": .failed(value)
        default: .inProgress(value)
        }
    }

    static func sip(_ value: String) -> RegistrationStatus {
        switch value {
        case "Registered": .registered
        case "Inactive", "Deregister": .inactive
        case "Registering": .inProgress(value)
        default: .failed(value)
        }
    }

    /// `*s MediaChannels Call 3 IncomingVideoChannel 2 Netstat Loss: 4`
    /// `*s Video Input Connector 1 Connected: True` and `... SignalState: OK`
    /// (the API reference guides, CE9: `xStatus Video Input Connector [n] Connected`,
    /// value space True/False/Unknown; `... SignalState`, OK/Unknown/Unsupported).
    static func videoInputs(_ lines: [String]) -> [VideoInput] {
        var inputs: [Int: VideoInput] = [:]
        for line in lines where line.hasPrefix("*s Video Input Connector ") {
            let words = line.dropFirst("*s Video Input Connector ".count).split(separator: " ", maxSplits: 2)
            guard words.count == 3, let connector = Int(words[0]) else { continue }
            let value = words[2].trimmingPrefix(" ")
            var input = inputs[connector] ?? VideoInput(connector: connector)
            switch words[1] {
            case "Connected:": input.connected = value == "True" ? true : value == "False" ? false : nil
            case "SignalState:": input.signal = String(value)
            default: break
            }
            inputs[connector] = input
        }
        return inputs.keys.sorted().compactMap { inputs[$0] }
    }

    static func statistics(_ lines: [String]) -> [CallStatistics] {
        var byCall: [String: CallStatistics] = [:]
        var order: [String] = []
        for line in lines where line.hasPrefix("*s MediaChannels Call ") {
            guard let (path, value) = pathAndValue(line), let number = Int(value) else { continue }
            let words = path.split(separator: " ").map(String.init)
            guard words.count >= 6, let netstat = words.firstIndex(of: "Netstat"), netstat + 1 < words.count else { continue }
            let id = words[3]
            let incoming = words.contains { $0.hasPrefix("Incoming") }
            if byCall[id] == nil { order.append(id) }
            var entry = byCall[id] ?? CallStatistics(callID: id)
            switch words[words.count - 1] {
            case "Loss": entry.packetsLost = (entry.packetsLost ?? 0) + number
            case "Jitter": entry.jitterMilliseconds = max(entry.jitterMilliseconds ?? 0, number)
            case "ChannelRate":
                if incoming {
                    entry.receiveRateKbps = (entry.receiveRateKbps ?? 0) + number / 1000
                } else {
                    entry.transmitRateKbps = (entry.transmitRateKbps ?? 0) + number / 1000
                }
            default: break
            }
            byCall[id] = entry
        }
        return order.compactMap { byCall[$0] }
    }

    /// Splits `*s Some Path: value` at the first `: `, unquoting the value.
    static func pathAndValue(_ line: String) -> (String, String)? {
        // Split on the bytes: this runs for every feedback line.
        let bytes = Array(line.utf8)
        let colon = UInt8(ascii: ":"), space = UInt8(ascii: " "), quote = UInt8(ascii: "\"")
        var split: Int?
        for index in bytes.indices where bytes[index] == colon {
            if index + 1 == bytes.count || bytes[index + 1] == space {
                split = index
                break
            }
        }
        guard let split else { return nil }
        var start = split + 1
        var end = bytes.count
        while start < end, bytes[start] == space || bytes[start] == 9 { start += 1 }
        while end > start, bytes[end - 1] == space || bytes[end - 1] == 9 { end -= 1 }
        if end - start >= 2, bytes[start] == quote, bytes[end - 1] == quote {
            start += 1
            end -= 1
        }
        return (String(decoding: bytes[..<split], as: UTF8.self), String(decoding: bytes[start..<end], as: UTF8.self))
    }

    static func value(_ line: String) -> String? { pathAndValue(line)?.1 }
}
