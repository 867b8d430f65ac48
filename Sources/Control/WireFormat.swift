import Localization
import Room
import Support

/// Writes replies and events as lines, in text or JSON mode. Every line ends
/// CRLF, as Extron SIS and Companion's generic TCP module expect.
enum WireFormat {
    static let lineEnd = "\r\n"

    /// The first line a client reads: protocol name and version, the room, what to do next.
    static func greeting(room: String, role: Role?) -> String {
        let login = role.map { "login=\($0.rawValue)" } ?? "login=required"
        return "DIEMCAU \(ControlProtocol.version) READY room=\(WordQuoting.quotedIfNeeded(oneLine(room))) \(login)" + lineEnd
    }

    static func reply(_ reply: ControlReply, mode: WireMode, id: RequestID? = nil) -> String {
        switch (mode, reply) {
        case (.text, .ok(let message)):
            return "OK " + text(of: message, in: .en) + lineEnd
        case (.text, .document(let message, let document)):
            var header = message
            header.fields.append(ControlField("bytes", .number(document.utf8.count)))
            return "OK " + text(of: header, in: .en) + lineEnd + document
        case (.text, .error(let code, let message)):
            return "ERR \(code.rawValue) \(oneLine(message))" + lineEnd
        case (.json, .ok(let message)):
            return json(of: message, document: nil, id: id)
        case (.json, .document(let message, let document)):
            return json(of: message, document: document, id: id)
        case (.json, .error(let code, let message)):
            var object = JSONObject()
            object.add("id", id?.json)
            object.add("ok", "false")
            object.add("error", JSONObject.string(code.rawValue))
            object.add("message", JSONObject.string(message))
            return object.text + lineEnd
        }
    }

    /// A JSON-mode `OK` reply, with its document when it carries one. A
    /// reply's fields are values, not messages (its reason, when refused, the
    /// daemon already said in the session's language): English stands for none.
    private static func json(of message: ControlMessage, document: String?, id: RequestID?) -> String {
        var object = JSONObject()
        object.add("id", id?.json)
        object.add("ok", "true")
        object.add("reply", JSONObject.string(message.topic))
        object.add("data", json(of: message.fields, in: .en))
        object.add("document", document.map(JSONObject.string))
        return object.text + lineEnd
    }

    /// An event line; its `.said` values in `language`, the session's.
    static func event(_ event: ControlEvent, mode: WireMode, in language: Language) -> String {
        switch mode {
        case .text:
            return "EVENT " + text(of: event, in: language) + lineEnd
        case .json:
            var object = JSONObject()
            object.add("event", JSONObject.string(event.topic))
            object.add("data", json(of: event.fields, in: language))
            return object.text + lineEnd
        }
    }

    private static func text(of message: ControlMessage, in language: Language) -> String {
        var line = WordQuoting.quotedIfNeeded(oneLine(message.topic))
        for field in message.fields {
            line += " \(field.key)=" + text(of: field.value, in: language)
        }
        return line
    }

    private static func text(of value: ControlValue, in language: Language) -> String {
        switch value {
        case .text(let text): WordQuoting.quotedIfNeeded(oneLine(text))
        case .said(let message): WordQuoting.quotedIfNeeded(oneLine(message.said(in: language)))
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .list(let items): WordQuoting.quotedIfNeeded(items.map(oneLine).joined(separator: ","))
        }
    }

    static func json(of fields: [ControlField], in language: Language) -> String {
        var object = JSONObject()
        for field in fields {
            switch field.value {
            case .text(let text): object.add(field.key, JSONObject.string(text))
            case .said(let message): object.add(field.key, JSONObject.string(message.said(in: language)))
            case .number(let number): object.add(field.key, String(number))
            case .flag(let flag): object.add(field.key, flag ? "true" : "false")
            case .list(let items): object.add(field.key, "[" + items.map(JSONObject.string).joined(separator: ",") + "]")
            }
        }
        return object.text
    }

    /// Line ends inside a value would split the reply in two.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }
}

/// The protocol's name and version, as the greeting states them.
public enum ControlProtocol {
    /// Raised when a reply or a command changes in a way old clients would misread.
    public static let version = 1
}

/// A JSON object written in the order its members are added.
struct JSONObject {
    private var members: [String] = []

    mutating func add(_ key: String, _ rawValue: String?) {
        guard let rawValue else { return }
        members.append(JSONObject.string(key) + ":" + rawValue)
    }

    var text: String { "{" + members.joined(separator: ",") + "}" }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        text.jsonLiteral
    }
}
