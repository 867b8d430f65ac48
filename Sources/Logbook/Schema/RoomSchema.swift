import Room

extension FloorTarget: LogbookValue {
    var logbookFields: JSONObject {
        switch self {
        case .microphone(let name): ["kind": "microphone", "name": .string(name)]
        case .group(let name): ["kind": "group", "name": .string(name)]
        case .all: ["kind": "all"]
        }
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self = switch try fields.variant() {
        case "microphone": .microphone(name: try fields.string("name"))
        case "group": .group(name: try fields.string("name"))
        case "all": .all
        case let other: throw fields.unknown(other, of: "a floor target")
        }
    }
}

extension SettingChange: LogbookValue {
    var logbookFields: JSONObject {
        switch self {
        case .microphonePreset(let channel, let preset):
            ["kind": "microphone-preset", "channel": .string(channel), "preset": preset.map(JSONValue.string)]
        case .unmutePolicy(let policy): ["kind": "unmute-policy", "policy": .word(policy)]
        case .widePreset(let name): ["kind": "wide-preset", "name": name.map(JSONValue.string)]
        case .privacyPreset(let name): ["kind": "privacy-preset", "name": name.map(JSONValue.string)]
        }
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self = switch try fields.variant() {
        case "microphone-preset": .microphonePreset(channel: try fields.string("channel"), preset: try fields.optionalString("preset"))
        case "unmute-policy": .unmutePolicy(policy: try fields.word("policy"))
        case "wide-preset": .widePreset(name: try fields.optionalString("name"))
        case "privacy-preset": .privacyPreset(name: try fields.optionalString("name"))
        case let other: throw fields.unknown(other, of: "a setting")
        }
    }
}

extension Incident: LogbookValue {
    var logbookFields: JSONObject {
        [
            "number": .integer(id), "kind": .word(kind), "detail": .string(detail), "opened_at": .time(openedAt),
            "said": said.map(JSONValue.value),
        ]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(
            id: try fields.integer("number"), kind: try fields.word("kind"), detail: try fields.string("detail"),
            openedAt: try fields.time("opened_at"), said: try fields.optionalValue("said"))
    }
}

extension HealthChange: LogbookValue {
    var logbookFields: JSONObject {
        [
            "part": .word(part), "name": name.map(JSONValue.string), "healthy": .bool(healthy), "state": .string(state),
            "detail": .string(detail), "said": said.map(JSONValue.value),
        ]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(
            part: try fields.word("part"), name: try fields.optionalString("name"), healthy: try fields.bool("healthy"),
            state: try fields.string("state"), detail: try fields.string("detail"), said: try fields.optionalValue("said"))
    }
}
