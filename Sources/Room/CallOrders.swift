/// What the centre has asked of the call since the call was last idle, and
/// whether the room reported it as unauthorised (R1, R11). An idle call
/// forgets it all.
///
/// One case per situation the rules treat differently. The three facts it
/// replaces (call ordered, hang-up ordered, unauthorised call reported) are
/// not exclusive — the centre may hang up a call it asked for before it
/// connects, or hang up one the terminal placed on its own — but once the
/// call is reported unauthorised, whether the centre also asked for a call
/// no longer changes anything (the report is made once per call), so those
/// combinations have no case of their own.
public enum CallOrders: Sendable, Hashable, Codable {
    /// Nothing asked, nothing reported: a call the terminal places now is
    /// unauthorised (R1), and a connected call that ends has dropped (R11).
    case noOrder
    /// The centre asked for a call (dial or answer) that has not connected:
    /// the call the terminal places is the centre's.
    case callOrdered
    /// The centre asked to hang up: the connected call's end is not a drop.
    case hangUpOrdered
    /// The centre asked for a call and then, before it connected, to hang up.
    case callThenHangUpOrdered
    /// The terminal placed the call without the centre asking; reported (R1).
    case unauthorisedCallReported
    /// The call was reported as unauthorised, and the centre asked to hang up.
    case unauthorisedCallHangUpOrdered

    /// Whether the centre asked for a call that has not connected.
    public var callIsOrdered: Bool { self == .callOrdered || self == .callThenHangUpOrdered }

    /// Whether the centre asked to hang up: the call's end is not a drop.
    public var hangUpIsOrdered: Bool {
        [.hangUpOrdered, .callThenHangUpOrdered, .unauthorisedCallHangUpOrdered].contains(self)
    }

    /// Whether the call in progress was already reported as unauthorised.
    public var unauthorisedCallIsReported: Bool {
        self == .unauthorisedCallReported || self == .unauthorisedCallHangUpOrdered
    }

    /// The centre asks for a call (dial or answer).
    mutating func orderCall() {
        switch self {
        case .noOrder: self = .callOrdered
        case .hangUpOrdered: self = .callThenHangUpOrdered
        case .callOrdered, .callThenHangUpOrdered, .unauthorisedCallReported, .unauthorisedCallHangUpOrdered: break
        }
    }

    /// The centre asks to hang up.
    mutating func orderHangUp() {
        switch self {
        case .noOrder: self = .hangUpOrdered
        case .callOrdered: self = .callThenHangUpOrdered
        case .unauthorisedCallReported: self = .unauthorisedCallHangUpOrdered
        case .hangUpOrdered, .callThenHangUpOrdered, .unauthorisedCallHangUpOrdered: break
        }
    }

    /// The call was reported as unauthorised.
    mutating func reportUnauthorisedCall() {
        self = hangUpIsOrdered ? .unauthorisedCallHangUpOrdered : .unauthorisedCallReported
    }

    /// The call connected: the call asked for is there.
    mutating func callConnected() {
        switch self {
        case .callOrdered: self = .noOrder
        case .callThenHangUpOrdered: self = .hangUpOrdered
        case .noOrder, .hangUpOrdered, .unauthorisedCallReported, .unauthorisedCallHangUpOrdered: break
        }
    }
}
