import Room

/// A value the logbook writes as one word of its own: `"technical-test"`,
/// `"call-dropped"`, `"up-left"`. The words are the schema's, spelled out
/// here case by case, not Swift's case names or raw values, so renaming a
/// case in `Room` cannot change a line. A word, once written, is never
/// changed or given to another value.
protocol LogbookWord {
    /// What the words name, for a line that has none of them: "a phase".
    static var meaning: String { get }
    /// Every value, to find the one a word names.
    static var every: [Self] { get }
    var logbookWord: String { get }
}

extension LogbookWord where Self: CaseIterable {
    static var every: [Self] { Array(allCases) }
}

extension LogbookWord {
    init?(logbookWord word: String) {
        guard let value = Self.every.first(where: { $0.logbookWord == word }) else { return nil }
        self = value
    }

    /// What a field of these words should hold: "a phase (idle, preparation, …)".
    static var choices: String {
        "\(meaning) (\(every.map(\.logbookWord).joined(separator: ", ")))"
    }
}

extension SessionKind: LogbookWord {
    static let meaning = "a kind of session"

    var logbookWord: String {
        switch self {
        case .test: "test"
        case .official: "official"
        }
    }
}

extension Phase: LogbookWord {
    static let meaning = "a phase"

    var logbookWord: String {
        switch self {
        case .idle: "idle"
        case .preparation: "preparation"
        case .technicalTest: "technical-test"
        case .official: "official"
        case .ended: "ended"
        }
    }
}

extension CameraOrder.PanTiltDirection: LogbookWord {
    static let meaning = "a pan/tilt direction"

    var logbookWord: String {
        switch self {
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .upLeft: "up-left"
        case .upRight: "up-right"
        case .downLeft: "down-left"
        case .downRight: "down-right"
        }
    }
}

extension CameraOrder.ZoomDirection: LogbookWord {
    static let meaning = "a zoom direction"

    var logbookWord: String {
        switch self {
        case .tele: "in"
        case .wide: "out"
        }
    }
}

extension CallProtocol: LogbookWord {
    static let meaning = "a call protocol"

    var logbookWord: String {
        switch self {
        case .h323: "h323"
        case .sip: "sip"
        }
    }
}

extension CallState: LogbookWord {
    static let meaning = "a call state"

    var logbookWord: String {
        switch self {
        case .idle: "idle"
        case .ringing: "ringing"
        case .connecting: "connecting"
        case .connected: "connected"
        case .disconnecting: "disconnecting"
        }
    }
}

extension CallChange.Direction: LogbookWord {
    static let meaning = "a call direction"
    static let every: [CallChange.Direction] = [.incoming, .outgoing]

    var logbookWord: String {
        switch self {
        case .incoming: "incoming"
        case .outgoing: "outgoing"
        }
    }
}

extension IncidentKind: LogbookWord {
    static let meaning = "a kind of incident"

    var logbookWord: String {
        switch self {
        case .callDropped: "call-dropped"
        case .unauthorisedCall: "unauthorised-call"
        case .registrationLost: "registration-lost"
        case .terminalRestarted: "terminal-restarted"
        case .cameraFault: "camera-fault"
        case .cameraOffline: "camera-offline"
        case .readinessFailed: "readiness-failed"
        case .microphoneLost: "microphone-lost"
        case .microphoneFault: "microphone-fault"
        case .terminalUnreachable: "terminal-unreachable"
        case .logbookFailed: "logbook-failed"
        case .logbookLowSpace: "logbook-low-space"
        case .reported: "reported"
        }
    }
}

extension MeetingPriority: LogbookWord {
    static let meaning = "a meeting priority"

    var logbookWord: String {
        switch self {
        case .centralGovernment: "central-government"
        case .provinceParty: "province-party-committee"
        case .peoplesCouncil: "peoples-council"
        case .peoplesCommittee: "peoples-committee"
        case .district: "district"
        }
    }
}

extension UnmutePolicy: LogbookWord {
    static let meaning = "an unmute policy"

    var logbookWord: String {
        switch self {
        case .strict: "strict"
        case .relaxed: "relaxed"
        }
    }
}

extension DevicePart: LogbookWord {
    static let meaning = "a part of the room"

    var logbookWord: String {
        switch self {
        case .camera: "camera"
        case .mixer: "mixer"
        case .terminal: "terminal"
        case .registration: "registration"
        case .logbook: "logbook"
        case .broker: "broker"
        }
    }
}

extension FloorRelay: LogbookWord {
    static let meaning = "a way the chair's grant reached the room"

    var logbookWord: String {
        switch self {
        case .phone: "phone"
        case .voice: "voice"
        }
    }
}

extension FloorRequestOutcome: LogbookWord {
    static let meaning = "what became of a request to speak"

    var logbookWord: String {
        switch self {
        case .acknowledged: "acknowledged"
        case .withdrawn: "withdrawn"
        case .granted: "granted"
        case .lapsed: "lapsed"
        }
    }
}

extension ClosingItem: LogbookWord {
    static let meaning = "an item of the closing checklist"

    var logbookWord: String {
        switch self {
        case .systemCheck: "system-check"
        case .callEnded: "call-ended"
        case .lensCap: "lens-cap"
        case .powerOff: "power-off"
        }
    }
}
