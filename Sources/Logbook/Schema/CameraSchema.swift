import Room

extension Preset: LogbookValue {
    var logbookFields: JSONObject {
        // `camera` is left out for the main camera: lines from before rooms had several read the same.
        ["slot": .integer(slot), "name": name.map(JSONValue.string), "camera": camera.map(JSONValue.string)]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(slot: try fields.integer("slot"), name: try fields.optionalString("name"), camera: try fields.optionalString("camera"))
    }
}

extension CameraOrder: LogbookValue {
    var logbookFields: JSONObject {
        switch self {
        case .recall(let preset): ["kind": "recall", "preset": .value(preset)]
        case .store(let preset): ["kind": "store", "preset": .value(preset)]
        case .panTiltStart(let direction): ["kind": "pan-tilt-start", "direction": .word(direction)]
        case .panTiltStop: ["kind": "pan-tilt-stop"]
        case .zoomStart(let direction): ["kind": "zoom-start", "direction": .word(direction)]
        case .zoomStop: ["kind": "zoom-stop"]
        case .powerOn: ["kind": "power-on"]
        case .standby: ["kind": "standby"]
        }
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self = switch try fields.variant() {
        case "recall": .recall(preset: try fields.value("preset"))
        case "store": .store(preset: try fields.value("preset"))
        case "pan-tilt-start": .panTiltStart(direction: try fields.word("direction"))
        case "pan-tilt-stop": .panTiltStop
        case "zoom-start": .zoomStart(direction: try fields.word("direction"))
        case "zoom-stop": .zoomStop
        case "power-on": .powerOn
        case "standby": .standby
        case let other: throw fields.unknown(other, of: "a camera order")
        }
    }
}
