import FoundationEssentials

/// A value the logbook writes as a JSON object of its own: the fields the
/// schema names, not the Swift type's properties. A value with variants (a
/// camera order, a floor target) says which in its field `kind`, in the
/// schema's words.
protocol LogbookValue {
    var logbookFields: JSONObject { get }
    init(logbook fields: Fields) throws(SchemaProblem)
}

extension JSONValue: ExpressibleByStringLiteral {
    init(stringLiteral text: String) {
        self = .string(text)
    }
}

/// The schema's values as JSON values, for writing objects with literals:
/// `["kind": "recall", "preset": .value(preset), "name": name.map(JSONValue.string)]`.
extension JSONValue {
    static func word(_ word: some LogbookWord) -> JSONValue { .string(word.logbookWord) }
    static func value(_ value: some LogbookValue) -> JSONValue { .object(value.logbookFields) }
    static func values(_ values: [some LogbookValue]) -> JSONValue { .array(values.map { .object($0.logbookFields) }) }
    static func strings(_ texts: [String]) -> JSONValue { .array(texts.map(JSONValue.string)) }
    static func time(_ date: Date) -> JSONValue { .string(LogbookSchema.text(of: date)) }
}

extension Fields {
    /// The variant of a value with variants: its field `kind`.
    func variant() throws(SchemaProblem) -> String {
        try string("kind")
    }

    /// A variant this version of the schema does not know.
    func unknown(_ variant: String, of meaning: String) -> SchemaProblem {
        .field(path + "kind", problem: "says \"\(variant)\", which is not \(meaning) this diemcau knows")
    }
}
