import Localization
import Support
/// A JSON value as a logbook line holds it. The logbook writes these itself
/// rather than through `JSONEncoder`, so that the bytes of a line are the
/// schema's and nothing else's: field order as the schema gives it, no
/// escaping but JSON's own, the same on every toolchain. They are read with
/// `JSONTree`, the project's strict parser.
indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object(JSONObject)
    case null
}

/// A JSON object whose fields keep the order they were given in, so that
/// every line starts `{"v":1,"time":…,"kind":…`. A field given as nil is left
/// out: that is how the schema writes an absent optional value.
struct JSONObject: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    struct Field: Equatable, Sendable {
        let name: String
        let value: JSONValue
    }

    let fields: [Field]

    init(fields: [Field]) {
        self.fields = fields
    }

    init(dictionaryLiteral elements: (String, JSONValue?)...) {
        fields = elements.compactMap { name, value in value.map { Field(name: name, value: $0) } }
    }

    subscript(name: String) -> JSONValue? {
        fields.first { $0.name == name }?.value
    }

    static func + (lhs: JSONObject, rhs: JSONObject) -> JSONObject {
        JSONObject(fields: lhs.fields + rhs.fields)
    }
}

extension JSONValue {
    /// The value `JSONTree` parsed; an object's fields in the order of their names.
    init(tree: Any) {
        switch tree {
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let whole as Int: self = .integer(whole)
        case let number as Double: self = .number(number)
        case let list as [Any]: self = .array(list.map(JSONValue.init(tree:)))
        case let object as [String: Any]:
            self = .object(JSONObject(fields: object.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: JSONValue(tree: $0.value)) }))
        default: self = .null
        }
    }

    /// Appends the value as compact JSON: no spaces, and no line break (one
    /// inside a string is written `\n`), so a line is always one entry.
    func write(to bytes: inout [UInt8]) throws(LogbookError) {
        switch self {
        case .string(let text): Self.write(text, to: &bytes)
        case .integer(let whole): bytes += String(whole).utf8
        case .number(let number):
            guard number.isFinite else { throw .cannotEncode("\(number) is not a number JSON can hold") }
            bytes += String(number).utf8
        case .bool(let flag): bytes += (flag ? "true" : "false").utf8
        case .null: bytes += "null".utf8
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try item.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, field) in object.fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.write(field.name, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                try field.value.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped,
    /// everything else as its UTF-8, in NFC (the logbook stores names and
    /// texts composed, whoever typed them).
    private static func write(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.nfc.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += #"\""#.utf8
            case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
            case 0x0A: bytes += #"\n"#.utf8
            case 0x0D: bytes += #"\r"#.utf8
            case 0x09: bytes += #"\t"#.utf8
            case 0x08: bytes += #"\b"#.utf8
            case 0x0C: bytes += #"\f"#.utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += #"\u00"#.utf8
                bytes += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    var string: String? { if case .string(let text) = self { text } else { nil } }
    var integer: Int? { if case .integer(let whole) = self { whole } else { nil } }
    var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }
    var array: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
    var object: JSONObject? { if case .object(let object) = self { object } else { nil } }

    /// A number, whether written with a fraction or without.
    var number: Double? {
        switch self {
        case .number(let number): number
        case .integer(let whole): Double(whole)
        default: nil
        }
    }
}
