import Localization

/// A text-mode line from the control server, read back: for the `diemcau`
/// tool, the demo script's driver and other clients written in Swift.
/// Values come back as `.text`: the wire does not say whether `1920` was a
/// number or a word.
public enum ControlServerLine: Sendable, Hashable {
    /// `DIEMCAU <version> READY room=... login=required|<role>`.
    case greeting(version: Int, room: String, login: String)
    case reply(ControlReply)
    case event(ControlEvent)

    public init(parsing text: String) throws(ControlCommandSyntaxError) {
        var trimmed = Substring(text)
        while let last = trimmed.last, last == "\r\n" || last == "\n" || last == "\r" { trimmed = trimmed.dropLast() }
        let line = String(trimmed)
        do throws(ProtocolFault) {
            let words = try WordQuoting.words(of: line)
            switch words.first {
            case "DIEMCAU":
                guard words.count >= 3, let version = Int(words[1]), words[2] == "READY" else { break }
                let fields = ControlServerLine.fields(words.dropFirst(3))
                self = .greeting(version: version, room: fields["room"]?.text ?? "", login: fields["login"]?.text ?? "required")
                return
            case "OK" where words.count >= 2:
                self = .reply(.ok(ControlMessage(topic: words[1], fields: ControlServerLine.fieldList(words.dropFirst(2)))))
                return
            case "EVENT" where words.count >= 2:
                self = .event(ControlMessage(topic: words[1], fields: ControlServerLine.fieldList(words.dropFirst(2))))
                return
            case "ERR" where words.count >= 2:
                guard let code = ControlErrorCode(rawValue: words[1]) else { break }
                // The message is free text: take it as written, not as words.
                let message = line.drop { $0 != " " }.dropFirst().drop { $0 != " " }.dropFirst()
                self = .reply(.error(code, String(message)))
                return
            default:
                break
            }
            throw ProtocolFault(.syntax, Message("'{line}' is not a line the control server sends (DIEMCAU, OK, ERR or EVENT)", ["line": line]))
        } catch {
            throw ControlCommandSyntaxError(code: error.code, message: error.said(in: .en))
        }
    }

    private static func fieldList(_ words: ArraySlice<String>) -> [ControlField] {
        words.map { word in
            guard let equals = word.firstIndex(of: "=") else { return ControlField(word, .text("")) }
            return ControlField(String(word[..<equals]), .text(String(word[word.index(after: equals)...])))
        }
    }

    private static func fields(_ words: ArraySlice<String>) -> [String: ControlValue] {
        Dictionary(fieldList(words).map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

extension ControlValue {
    /// The value as text mode writes it (lists comma-joined).
    public var text: String {
        switch self {
        case .text(let text): text
        case .said(let message): message.description
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .list(let items): items.joined(separator: ",")
        }
    }
}
