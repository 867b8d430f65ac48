import FoundationEssentials
import Room
import Support

/// Poly / Polycom HDX and RealPresence Group Series, API on TCP port 24
/// (Integrator's Reference Manual). Lines end CR LF (CR CR LF on the wire),
/// the prompt is `-> ` and the unit echoes each command, sometimes one
/// exchange late.
public struct PolyDialect: TerminalDialect {
    public init() {}

    public var kind: DialectKind { .poly }
    public var summary: String { "Poly/Polycom HDX and Group Series, API on TCP 24" }
    public var defaultPort: UInt16 { 24 }
    public var needsLogin: Bool { true }
    public var pacing: Duration { .milliseconds(200) }
    public var prompt: String? { "-> " }
    public var loginFailureTexts: [String] { ["login failed", "Login incorrect"] }

    public func isLoginSuccess(_ line: String) -> Bool {
        line.hasPrefix("Hi, my name is") || line.hasPrefix("-> ")
    }

    public var loginClosingLine: String? { nil }
    public var answersNameTheirCommand: Bool { true }
    public var nudgesHeldAnswers: Bool { true }

    public var sessionSetup: [DialectCommand] {
        [notify("callstatus"), notify("mutestatus")]
    }

    private func notify(_ kind: String) -> DialectCommand {
        DialectCommand("notify \(kind)", answer: .line(prefixes: ["notify \(kind)", "info: event/notification already active"]))
    }

    public var keepAlive: DialectCommand { DialectCommand("status", answer: .until(end: "status end")) }

    public func commands(for query: TerminalQuery) -> [DialectCommand] {
        switch query {
        case .calls:
            [DialectCommand("callinfo all", answer: .block(begin: "callinfo begin", end: "callinfo end", alone: ["system is not in a call"]))]
        case .nearMute:
            [DialectCommand("mute near get", answer: .line(prefixes: ["mute near "]))]
        case .registration:
            [
                keepAlive,
                DialectCommand("gatekeeperip get", answer: .line(prefixes: ["gatekeeperip"])),
                DialectCommand("systemsetting get sipregistrarserver", answer: .line(prefixes: ["systemsetting sipregistrarserver"])),
            ]
        case .identity:
            [DialectCommand("whoami", answer: .welcomeBlock)]
        case .statistics:
            [DialectCommand("advnetstats", answer: .line(prefixes: ["call:", "system is not in a call"]))]
        // The integrator's guides we hold document no video-input status: unknown.
        case .videoInputs: []
        }
    }

    public func parse(_ query: TerminalQuery, answers: [[String]]) -> [Observation] {
        let lines = answers.flatMap { $0 }
        switch query {
        case .calls:
            // A notification that came inside the block still counts.
            return [.callList(lines.compactMap(Self.callInfo))] + lines.filter { !$0.hasPrefix("callinfo:") }.flatMap(interpret)
        case .statistics:
            return [.statistics(lines.compactMap(Self.statistics))]
        case .videoInputs:
            return []
        case .identity:
            return lines.compactMap(bannerLine).map { line in
                switch line {
                case let .start(name): .identity(TerminalIdentity(systemName: name))
                case let .field(identity): .identity(identity)
                }
            }
        case .nearMute, .registration:
            var observations = lines.flatMap(interpret)
            if query == .registration {
                if let line = lines.first(where: { $0.hasPrefix("gatekeeperip") }) {
                    observations.append(.registrarAddress(.h323Gatekeeper, Self.rest(of: line, after: "gatekeeperip")))
                }
                if let line = lines.first(where: { $0.hasPrefix("systemsetting sipregistrarserver") }) {
                    observations.append(.registrarAddress(.sipRegistrar, Self.rest(of: line, after: "systemsetting sipregistrarserver")))
                }
            }
            return observations
        }
    }

    public func interpret(_ line: String) -> [Observation] {
        if line.hasPrefix("notification:callstatus:") { return Self.callStatus(line) }
        if line.hasPrefix("notification:mutestatus:") { return Self.muteStatus(line) }
        if line == "mute near on" { return [.nearMute(true)] }
        if line == "mute near off" { return [.nearMute(false)] }
        if line.hasPrefix("callinfo:"), let call = Self.callInfo(line) {
            return [.call(id: call.id, CallUpdate(
                direction: call.direction, remoteName: call.remoteName, remoteNumber: call.remoteNumber,
                rateKbps: call.rateKbps, status: call.status, farMuted: call.farMuted))]
        }
        if line.hasPrefix("cleared: call[") || line.hasPrefix("ended: call["), let id = Self.bracketed(line, "call") {
            return [.callEnded(id: id, cause: nil)]
        }
        let words = line.split(separator: " ").map(String.init)
        if words.count == 2, let service = ["gatekeeper": RegistrationService.h323Gatekeeper, "sipserver": .sipRegistrar][words[0]] {
            return [.registration(service, Self.registration(words[1]))]
        }
        return []
    }

    public func bannerLine(_ line: String) -> BannerLine? {
        if line.hasPrefix("Hi, my name is") {
            let name = Self.value(afterColonIn: line)
            return .start(systemName: name)
        }
        guard !line.hasPrefix("notification:"), let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon].trimmed()
        let value = Self.value(afterColonIn: line)
        switch key {
        case "Model": return .field(TerminalIdentity(model: value))
        case "Software Version": return .field(TerminalIdentity(softwareVersion: value))
        default:
            // "Here is what I know about myself:" and the dozen `Key: value` lines.
            return key.contains(" ") || key.first?.isUppercase == true ? .field(TerminalIdentity()) : nil
        }
    }

    public func callControlCommand(for order: CallOrder) throws(CodecError) -> DialectCommand {
        let acknowledgement = AnswerShape.line(prefixes: ["dialing", "hanging up", "answer", "info:"])
        switch order {
        case let .dial(number, callProtocol, rate):
            guard !number.isEmpty, !number.contains("\""), !number.contains(where: \.isNewline) else {
                throw .invalidCommandText(number)
            }
            var text = "dial manual \(rate ?? 384) \"\(number)\""
            if let callProtocol { text += " \(callProtocol.rawValue)" }
            return DialectCommand(text, answer: acknowledgement)
        case let .hangUp(callID):
            if let callID {
                guard callID.allSatisfy(\.isNumber), !callID.isEmpty else { throw .invalidCommandText(callID) }
                return DialectCommand("hangup video \(callID)", answer: acknowledgement)
            }
            return DialectCommand("hangup all", answer: acknowledgement)
        case .answer:
            return DialectCommand("answer video", answer: acknowledgement)
        }
    }

    public func isCallControl(_ command: String) -> Bool {
        ["dial", "hangup", "answer", "redial"].contains(command.commandWord)
    }

    public func isRefusal(_ line: String) -> Bool {
        line.hasPrefix("info:") || line.hasPrefix("error:")
    }

    // MARK: Lines

    /// `callinfo:<id>:<far name>:<far number>:<speed>:<status>:<muted|notmuted>:<incoming|outgoing>:<videocall|voiceonly>`
    static func callInfo(_ line: String) -> Call? {
        let parts = fields(line)
        guard parts.count >= 9, parts[0] == "callinfo" else { return nil }
        let n = parts.count
        // The far name may itself hold a colon: count the fixed fields from the end.
        let name = parts[2..<(n - 6)].joined(separator: ":")
        return Call(
            id: parts[1],
            direction: CallDirection(rawValue: parts[n - 2]),
            remoteName: name.isEmpty ? nil : name,
            remoteNumber: parts[n - 6].isEmpty ? nil : parts[n - 6],
            rateKbps: Int(parts[n - 5]),
            status: status(parts[n - 4], direction: CallDirection(rawValue: parts[n - 2])),
            farMuted: parts[n - 3] == "muted" ? true : parts[n - 3] == "notmuted" ? false : nil
        )
    }

    /// `notification:callstatus:<dir>:<id>:<far name>:<far number>:<status>:<speed>:<cause>:<type>`
    static func callStatus(_ line: String) -> [Observation] {
        let parts = fields(line)
        guard parts.count >= 10 else { return [] }
        let n = parts.count
        let direction = CallDirection(rawValue: parts[2])
        let id = parts[3]
        let name = parts[4..<(n - 5)].joined(separator: ":")
        let word = parts[n - 4]
        let cause = parts[n - 2]
        if word == "disconnected" {
            return [.callEnded(id: id, cause: cause.isEmpty ? nil : cause)]
        }
        return [.call(id: id, CallUpdate(
            direction: direction, remoteName: name.isEmpty ? nil : name,
            remoteNumber: parts[n - 5].isEmpty ? nil : parts[n - 5],
            rateKbps: Int(parts[n - 3]), status: status(word, direction: direction)))]
    }

    /// `notification:mutestatus:<near|far>:<call id>:<site name>:<site number>:<muted|unmuted>`
    static func muteStatus(_ line: String) -> [Observation] {
        let parts = fields(line)
        guard parts.count >= 7, let word = parts.last else { return [] }
        let muted: Bool
        switch word {
        case "muted": muted = true
        case "unmuted": muted = false
        default: return []
        }
        if parts[2] == "near" { return [.nearMute(muted)] }
        let callID = parts[3]
        return [.farMute(callID: callID.allSatisfy(\.isNumber) && !callID.isEmpty ? callID : nil, muted)]
    }

    static func status(_ word: String, direction: CallDirection?) -> CallStatus {
        switch word.lowercased() {
        case "opened", "ringing": direction == .outgoing ? .dialling : .ringing
        case "connecting": .connecting
        case "connected", "complete", "active": .connected
        case "disconnecting": .disconnecting
        case "disconnected", "inactive": .idle
        default: .other(word)
        }
    }

    static func registration(_ word: String) -> RegistrationStatus {
        switch word.lowercased() {
        case "online", "registered": .registered
        case "offline": .failed(word)
        case "n/a", "off", "disabled": .inactive
        default: .inProgress(word)
        }
    }

    /// `call:<id> tar:64k rar:64k tvr:384k rvr:384k tapl:0 tvpl:0 rapl:0 rvpl:2 taj:0mS raj:1mS tvj:2mS rvj:3mS %pktloss:0.0`
    /// (the guide's layout is uncertain; unknown tokens are skipped).
    static func statistics(_ line: String) -> CallStatistics? {
        var fields: [String: String] = [:]
        for token in line.split(separator: " ") {
            guard let colon = token.firstIndex(of: ":") else { continue }
            fields[String(token[..<colon])] = String(token[token.index(after: colon)...])
        }
        guard let id = fields["call"] else { return nil }
        func number(_ key: String) -> Double? {
            guard let text = fields[key] else { return nil }
            return Double(text.prefix { $0.isNumber || $0 == "." })
        }
        func sum(_ keys: [String]) -> Int? {
            let values = keys.compactMap(number)
            return values.isEmpty ? nil : Int(values.reduce(0, +))
        }
        let jitters = ["raj", "rvj"].compactMap(number)
        return CallStatistics(
            callID: id,
            packetsLost: sum(["rapl", "rvpl"]) ?? number("pktloss").map(Int.init),
            lossPercent: number("%pktloss"),
            jitterMilliseconds: jitters.max().map(Int.init),
            transmitRateKbps: sum(["tar", "tvr"]) ?? number("txrate").map(Int.init),
            receiveRateKbps: sum(["rar", "rvr"]) ?? number("rxrate").map(Int.init)
        )
    }

    /// The colon-separated fields of a line, split on its bytes (the hot path of notifications).
    static func fields(_ line: String) -> [String] {
        line.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    static func rest(of line: String, after prefix: String) -> String? {
        let value = line.dropFirst(prefix.count).trimmed(of: ["\""])
        return value.isEmpty || value == "<empty>" ? nil : value
    }

    static func value(afterColonIn line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...].trimmed()
        return value.isEmpty || value == "<empty>" ? nil : value
    }

    static func bracketed(_ line: String, _ key: String) -> String? {
        guard let start = line.firstRange(of: key + "[") else { return nil }
        let tail = line[start.upperBound...]
        guard let end = tail.firstIndex(of: "]") else { return nil }
        return String(tail[..<end])
    }
}
