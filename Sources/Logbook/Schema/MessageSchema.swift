import Localization

/// A text the rules made as a message (an incident's detail, a device's
/// change), kept beside the English text so each reader is told it in the
/// reader's language: its English template and its values, in order, each a
/// name and a text, or a message of its own under `said` (no `values` when
/// it has none). The values are
/// what the room saw (a device's own words, a name) and are never translated.
///
///     "said":{"template":"camera {camera}: {detail}","values":[{"name":"camera","text":"cam2"},{"name":"detail","text":"no answer"}]}
///
/// Optional in every record that has it: lines written before it, or by a
/// diemcau that did not make the text a message, are shown in their English.
extension Message: LogbookValue {
    var logbookFields: JSONObject {
        ["template": .string(template), "values": values.isEmpty ? nil : .array(values.map { .object(Self.fields(of: $0)) })]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        var values: [Value] = []
        for (index, item) in try (fields.object["values"] == nil ? [] : fields.array("values")).enumerated() {
            let place = "\(fields.path)values[\(index)]"
            guard let object = item.object else { throw .field(place, problem: "should be an object") }
            let value = Fields(object, path: place + ".")
            values.append(Value(name: try value.string("name"), text: try value.string("text"), part: try value.optionalValue("said")))
        }
        self.init(template: try fields.string("template"), values: values)
    }

    private static func fields(of value: Value) -> JSONObject {
        ["name": .string(value.name), "text": .string(value.text), "said": value.part.first.map(JSONValue.value)]
    }
}
