import FoundationEssentials

/// What keeps a line of format version 1 from being an entry.
enum SchemaProblem: Error, Equatable, CustomStringConvertible {
    /// A field is missing, or holds what it should not.
    case field(String, problem: String)
    /// The line is of a kind the schema does not know: a newer diemcau wrote it.
    case unknownKind(String)

    var description: String {
        switch self {
        case .field(let name, let problem): "field \"\(name)\" \(problem)"
        case .unknownKind(let kind): "no kind of entry is called \"\(kind)\""
        }
    }
}

/// The fields of one object in a line, read by the schema's names. A field
/// that is missing or holds the wrong type is a problem that names it
/// (`order.preset.slot`), so a damaged line says what is wrong with it. An
/// optional field may be absent or `null`.
struct Fields {
    let object: JSONObject
    /// Where the object is in the line: empty at the top, `order.` inside an order.
    let path: String

    init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    func string(_ name: String) throws(SchemaProblem) -> String {
        try required(name, "text in quotes", \.string)
    }

    func optionalString(_ name: String) throws(SchemaProblem) -> String? {
        try optional(name, "text in quotes", \.string)
    }

    func integer(_ name: String) throws(SchemaProblem) -> Int {
        try required(name, "a whole number", \.integer)
    }

    func optionalInteger(_ name: String) throws(SchemaProblem) -> Int? {
        try optional(name, "a whole number", \.integer)
    }

    func number(_ name: String) throws(SchemaProblem) -> Double {
        try required(name, "a number", \.number)
    }

    func bool(_ name: String) throws(SchemaProblem) -> Bool {
        try required(name, "true or false", \.bool)
    }

    func strings(_ name: String) throws(SchemaProblem) -> [String] {
        try required(name, "a list of texts") { value in
            value.array.flatMap { items in
                let texts = items.compactMap(\.string)
                return texts.count == items.count ? texts : nil
            }
        }
    }

    func time(_ name: String) throws(SchemaProblem) -> Date {
        try required(name, "an ISO 8601 time in quotes", LogbookSchema.time(of:))
    }

    func optionalTime(_ name: String) throws(SchemaProblem) -> Date? {
        try optional(name, "an ISO 8601 time in quotes", LogbookSchema.time(of:))
    }

    func word<Word: LogbookWord>(_ name: String) throws(SchemaProblem) -> Word {
        try required(name, Word.choices) { $0.string.flatMap(Word.init(logbookWord:)) }
    }

    func optionalWord<Word: LogbookWord>(_ name: String) throws(SchemaProblem) -> Word? {
        try optional(name, Word.choices) { $0.string.flatMap(Word.init(logbookWord:)) }
    }

    /// A value of the schema's, written as an object of its own.
    func value<Value: LogbookValue>(_ name: String) throws(SchemaProblem) -> Value {
        try Value(logbook: Fields(try required(name, "an object", \.object), path: path + name + "."))
    }

    /// A value of the schema's that may be absent (a field added since the kind was first written).
    func optionalValue<Value: LogbookValue>(_ name: String) throws(SchemaProblem) -> Value? {
        guard let object = try optional(name, "an object", \.object) else { return nil }
        return try Value(logbook: Fields(object, path: path + name + "."))
    }

    /// A list of JSON values, each read by its reader.
    func array(_ name: String) throws(SchemaProblem) -> [JSONValue] {
        try required(name, "a list", \.array)
    }

    /// A list of the schema's values.
    func values<Value: LogbookValue>(_ name: String) throws(SchemaProblem) -> [Value] {
        var values: [Value] = []
        for (index, item) in try required(name, "a list", \.array).enumerated() {
            let place = "\(path)\(name)[\(index)]"
            guard let object = item.object else { throw .field(place, problem: "should be an object") }
            values.append(try Value(logbook: Fields(object, path: place + ".")))
        }
        return values
    }

    private func optional<T>(_ name: String, _ expected: String, _ read: (JSONValue) -> T?) throws(SchemaProblem) -> T? {
        guard let value = object[name], value != .null else { return nil }
        guard let result = read(value) else { throw .field(path + name, problem: "should be \(expected)") }
        return result
    }

    private func required<T>(_ name: String, _ expected: String, _ read: (JSONValue) -> T?) throws(SchemaProblem) -> T {
        guard let result = try optional(name, expected, read) else { throw .field(path + name, problem: "is missing") }
        return result
    }
}
