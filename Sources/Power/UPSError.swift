/// Why upsd could not say how the UPS is, in words a technician can act on.
public enum UPSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No TCP connection to upsd.
    case unreachable(server: String, reason: String)
    /// upsd did not finish its answer in time.
    case timedOut(server: String, seconds: Int)
    /// upsd answered `ERR <code>` (NUT's "Network protocol information", Error responses).
    case refused(server: String, ups: String, code: String)
    /// A line that is not what the protocol answers to the request.
    case unexpected(server: String, line: String)
    /// upsd closed the connection before the answer ended.
    case closed(server: String)

    public var description: String {
        switch self {
        case .unreachable(let server, let reason):
            "upsd at \(server) cannot be reached (\(reason)): check that upsd runs there and listens on that address (LISTEN in upsd.conf)"
        case .timedOut(let server, let seconds):
            "upsd at \(server) did not answer within \(seconds) s: check the UPS's host and upsd"
        case .refused(let server, let ups, let code):
            "upsd at \(server) answered ERR \(code) for \(ups): " + Self.fix(for: code, ups: ups, server: server)
        case .unexpected(let server, let line):
            "upsd at \(server) answered \"\(line)\", which is not NUT's network protocol: check the power section's host and port"
        case .closed(let server):
            "upsd at \(server) closed the connection before answering: check upsd's log"
        }
    }

    /// What to do about each error code upsd sends.
    private static func fix(for code: String, ups: String, server: String) -> String {
        switch code {
        case "UNKNOWN-UPS": "upsd has no UPS named \(ups); give a name `upsc -l \(server)` lists in the power section's \"ups\""
        case "DATA-STALE", "DRIVER-NOT-CONNECTED": "the UPS's driver has no fresh data; check the UPS's USB or serial cable and its driver (upsdrvctl)"
        case "ACCESS-DENIED": "upsd refuses this PC; allow it in upsd.conf / upsd.users on the UPS's host"
        case "VAR-NOT-SUPPORTED": "this UPS does not report that value"
        default: "see upsd's log on the UPS's host"
        }
    }
}
