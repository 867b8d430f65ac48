/// Where the room is in a meeting, following the regulations' steps
/// (004 Appendix steps 5–8): preparation, technical test, official session, end.
public enum Phase: String, Sendable, Hashable, Codable, CaseIterable {
    /// No meeting in hand.
    case idle
    /// Getting the room ready: presets stored, equipment checked. The only
    /// phase in which the room's configuration may change (R7).
    case preparation
    /// The technical test with the centre ("kiểm tra kỹ thuật").
    case technicalTest = "technical-test"
    /// The official session ("phiên họp chính thức").
    case official
    /// The meeting is over: microphones muted, camera in privacy and standby (R6).
    case ended

    /// Whether presets may be stored and parameters changed (R7).
    public var allowsConfigurationChanges: Bool { self == .preparation }

    /// The logbook session this phase is, if any.
    public var session: SessionKind? {
        switch self {
        case .technicalTest: .test
        case .official: .official
        default: nil
        }
    }
}

/// The two kinds of session the logbook records (R4).
public enum SessionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case test
    case official
}
