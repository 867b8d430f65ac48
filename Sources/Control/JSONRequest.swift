import FoundationEssentials
import Localization

/// The `id` a JSON-mode request may carry; its reply carries it back.
enum RequestID: Sendable, Hashable, Decodable {
    case number(Int)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var json: String {
        switch self {
        case .number(let number): String(number)
        case .text(let text): JSONObject.string(text)
        }
    }
}

/// A JSON-mode request: `{"id": 7, "command": "mute mic2"}` or, without any
/// quoting to think about, `{"id": 7, "command": ["note", "cáp HDMI lỏng"]}`.
struct JSONRequest: Decodable {
    var id: RequestID?
    var words: [String]

    private enum Keys: String, CodingKey {
        case id
        case command
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        id = try? container.decodeIfPresent(RequestID.self, forKey: .id)
        if let line = try? container.decode(String.self, forKey: .command) {
            words = try WordQuoting.words(of: line)
        } else {
            words = try container.decode([String].self, forKey: .command)
        }
    }

    /// Reads one JSON line; the fault carries whatever `id` could be read.
    static func decode(_ line: String) -> Result<JSONRequest, JSONRequestFault> {
        let data = Data(line.utf8)
        do {
            return .success(try JSONDecoder().decode(JSONRequest.self, from: data))
        } catch let fault as ProtocolFault {
            return .failure(JSONRequestFault(id: salvagedID(data), fault: fault))
        } catch {
            let fault = ProtocolFault(
                .badJSON,
                Message("expected one JSON object per line such as {example} or {list}; send {back} or the plain line mode text to go back to text lines", [
                    "example": #"{"id":1,"command":"status"}"#, "list": #"{"command":["mute","mic2"]}"#, "back": #"{"command":"mode text"}"#,
                ])
            )
            return .failure(JSONRequestFault(id: salvagedID(data), fault: fault))
        }
    }

    private static func salvagedID(_ data: Data) -> RequestID? {
        struct OnlyID: Decodable { var id: RequestID? }
        return (try? JSONDecoder().decode(OnlyID.self, from: data))?.id
    }
}

struct JSONRequestFault: Error {
    var id: RequestID?
    var fault: ProtocolFault
}
