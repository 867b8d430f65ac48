import Room

extension CallOrder: LogbookValue {
    var logbookFields: JSONObject {
        switch self {
        case .dial(let number, let proto, let rate):
            ["kind": "dial", "number": .string(number), "protocol": proto.map(JSONValue.word), "rate_kbps": rate.map(JSONValue.integer)]
        case .hangUp(let callID): ["kind": "hang-up", "call_id": callID.map(JSONValue.string)]
        case .answer: ["kind": "answer"]
        }
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self = switch try fields.variant() {
        case "dial":
            .dial(number: try fields.string("number"), protocol: try fields.optionalWord("protocol"),
                  rateKbps: try fields.optionalInteger("rate_kbps"))
        case "hang-up": .hangUp(callID: try fields.optionalString("call_id"))
        case "answer": .answer
        case let other: throw fields.unknown(other, of: "a call order")
        }
    }
}

extension CallChange: LogbookValue {
    var logbookFields: JSONObject {
        [
            "state": .word(state), "call_id": callID.map(JSONValue.string), "direction": direction.map(JSONValue.word),
            "remote": remote.map(JSONValue.string), "cause": cause.map(JSONValue.string),
        ]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(
            state: try fields.word("state"), callID: try fields.optionalString("call_id"),
            direction: try fields.optionalWord("direction"), remote: try fields.optionalString("remote"),
            cause: try fields.optionalString("cause"))
    }
}

extension CallQuality: LogbookValue {
    var logbookFields: JSONObject {
        ["loss_percent": .number(lossPercent), "jitter_ms": .number(jitterMs), "rate_kbps": rateKbps.map(JSONValue.integer)]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(
            lossPercent: try fields.number("loss_percent"), jitterMs: try fields.number("jitter_ms"),
            rateKbps: try fields.optionalInteger("rate_kbps"))
    }
}

extension RegistrationState: LogbookValue {
    var logbookFields: JSONObject {
        ["registered": .bool(registered), "detail": .string(detail)]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(registered: try fields.bool("registered"), detail: try fields.string("detail"))
    }
}
