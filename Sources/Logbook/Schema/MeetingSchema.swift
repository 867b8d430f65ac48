import Localization
import Room

extension Meeting: LogbookValue {
    var logbookFields: JSONObject {
        [
            "id": .string(id), "title": title.map(JSONValue.string), "priority": .word(priority),
            "test_at": testAt.map(JSONValue.time), "starts_at": .time(startsAt), "ends_at": endsAt.map(JSONValue.time),
        ]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(
            id: try fields.string("id"), title: try fields.optionalString("title"), priority: try fields.word("priority"),
            testAt: try fields.optionalTime("test_at"), startsAt: try fields.time("starts_at"),
            endsAt: try fields.optionalTime("ends_at"))
    }
}

extension ReadinessTrigger: LogbookValue {
    var logbookFields: JSONObject {
        switch self {
        case .requested(let by): ["kind": "requested", "by": .string(by)]
        case .testTime(let meeting): ["kind": "test-time", "meeting": .string(meeting)]
        case .hourBeforeStart(let meeting): ["kind": "hour-before-start", "meeting": .string(meeting)]
        case .beforeStart(let meeting, let minutes, let article):
            ["kind": "before-start", "meeting": .string(meeting), "minutes": .integer(minutes), "article": .string(article)]
        }
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self = switch try fields.variant() {
        case "requested": .requested(by: try fields.string("by"))
        case "test-time": .testTime(meeting: try fields.string("meeting"))
        case "hour-before-start": .hourBeforeStart(meeting: try fields.string("meeting"))
        case "before-start":
            .beforeStart(meeting: try fields.string("meeting"), minutes: try fields.integer("minutes"), article: try fields.string("article"))
        case let other: throw fields.unknown(other, of: "a reason for a readiness test")
        }
    }
}

extension ReadinessReport: LogbookValue {
    var logbookFields: JSONObject {
        ["trigger": .value(trigger), "checks": .values(checks)]
    }

    init(logbook fields: Fields) throws(SchemaProblem) {
        self.init(checks: try fields.values("checks"), trigger: try fields.value("trigger"))
    }
}

extension ReadinessCheck: LogbookValue {
    var logbookFields: JSONObject {
        [
            "name": .string(name), "passed": .bool(passed), "detail": .string(detail),
            "said": said == .verbatim(detail) ? nil : .value(said),
        ]
    }

    /// `said` (optional, as in incidents): the detail as a message, so that
    /// each reader is told it in the reader's language; `detail` stays its English.
    init(logbook fields: Fields) throws(SchemaProblem) {
        let detail = try fields.string("detail")
        let said: Message? = try fields.optionalValue("said")
        self.init(name: try fields.string("name"), passed: try fields.bool("passed"), said: said ?? .verbatim(detail))
    }
}
