import Localization

/// The rules' words for the room's states, as people read them. The raw
/// values stay the protocol's and the logbook's ASCII keywords.
extension SessionKind {
    public func name(in language: Language) -> String {
        switch self {
        case .test: language.say("test session")
        case .official: language.say("official session")
        }
    }
}

extension IncidentKind {
    /// In English, the keyword itself (as the logbook has always printed it).
    public func name(in language: Language) -> String {
        if language == .en { return rawValue }
        return switch self {
        case .callDropped: language.say("call dropped")
        case .unauthorisedCall: language.say("call not asked for by the centre")
        case .registrationLost: language.say("registration lost")
        case .terminalRestarted: language.say("terminal restarted")
        case .cameraFault: language.say("camera fault")
        case .cameraOffline: language.say("camera not answering")
        case .readinessFailed: language.say("readiness test failed")
        case .microphoneLost: language.say("microphone lost")
        case .microphoneFault: language.say("microphone fault")
        case .terminalUnreachable: language.say("terminal unreachable")
        case .logbookFailed: language.say("logbook cannot write")
        case .logbookLowSpace: language.say("logbook disk nearly full")
        case .reported: language.say("fault reported by the technician")
        }
    }
}

extension CallState {
    public func name(in language: Language) -> String {
        switch self {
        case .idle: language.say("idle")
        case .ringing: language.say("ringing")
        case .connecting: language.say("connecting")
        case .connected: language.say("connected")
        case .disconnecting: language.say("disconnecting")
        }
    }
}

extension MeetingPriority {
    /// Who chairs a meeting of this rank, as the regulations name them.
    public func name(in language: Language) -> String {
        switch self {
        case .centralGovernment: language.say("central government")
        case .provinceParty: language.say("province party committee")
        case .peoplesCouncil: language.say("province people's council")
        case .peoplesCommittee: language.say("province people's committee")
        case .district: language.say("district")
        }
    }

    /// The meeting's level: central, province or district.
    public func level(in language: Language) -> String {
        switch self {
        case .centralGovernment: language.say("central level")
        case .provinceParty, .peoplesCouncil, .peoplesCommittee: language.say("province level")
        case .district: language.say("district level")
        }
    }
}
