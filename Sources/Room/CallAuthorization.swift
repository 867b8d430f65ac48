import FoundationEssentials

/// What the terminal may be asked to do about a call. The room never does any
/// of this on its own: only the MCU centre may ask (R1).
public enum CallOrder: Sendable, Hashable, Codable {
    /// Place a call to a dial string (an MCU's number or URI).
    case dial(number: String, protocol: CallProtocol?, rateKbps: Int?)
    /// Hang up one call, or every call when `callID` is nil.
    case hangUp(callID: String?)
    /// Answer the call that is ringing.
    case answer
}

/// The signalling protocol of a call.
public enum CallProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    case h323
    case sip
}

/// Permission to carry out one call order, given by the room's rules when,
/// and only when, the MCU centre asked for it (R1).
///
/// Its initialiser is internal to this module: no other module can make one,
/// so the terminal driver's call-control commands, which take a
/// `CallAuthorization`, cannot be reached except through the rules. Tests
/// that need one use `@testable import Room`.
public struct CallAuthorization: Sendable, Hashable {
    /// What was asked.
    public let order: CallOrder
    /// Who asked: the control client's identity (its role and address).
    public let requestedBy: String
    /// When the rules granted it.
    public let grantedAt: Date

    init(order: CallOrder, requestedBy: String, grantedAt: Date) {
        self.order = order
        self.requestedBy = requestedBy
        self.grantedAt = grantedAt
    }
}
