import Localization

/// Why upsd could not say how the UPS is, in words a technician can act on.
public enum UPSError: Error, Equatable, Sendable, CustomStringConvertible, Sayable {
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

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .unreachable(let server, let reason):
            Message("upsd at {server} cannot be reached ({reason}): check that upsd runs there and listens on that address (LISTEN in upsd.conf)",
                    ["server": server, "reason": reason])
        case .timedOut(let server, let seconds):
            Message("upsd at {server} did not answer within {seconds} s: check the UPS's host and upsd", ["server": server, "seconds": "\(seconds)"])
        case .refused(let server, let ups, let code):
            Message("upsd at {server} answered ERR {code} for {ups}: {fix}", ["server": server, "code": code, "ups": ups],
                    parts: ["fix": Self.fix(for: code, ups: ups, server: server)])
        case .unexpected(let server, let line):
            Message("upsd at {server} answered \"{line}\", which is not NUT's network protocol: check the power section's host and port",
                    ["server": server, "line": line])
        case .closed(let server):
            Message("upsd at {server} closed the connection before answering: check upsd's log", ["server": server])
        }
    }

    private static func fix(for code: String, ups: String, server: String) -> Message {
        switch code {
        case "UNKNOWN-UPS": Message("upsd has no UPS named {ups}; give a name `upsc -l {server}` lists in the power section's \"ups\"", ["ups": ups, "server": server])
        case "DATA-STALE", "DRIVER-NOT-CONNECTED": Message("the UPS's driver has no fresh data; check the UPS's USB or serial cable and its driver (upsdrvctl)")
        case "ACCESS-DENIED": Message("upsd refuses this PC; allow it in upsd.conf / upsd.users on the UPS's host")
        case "VAR-NOT-SUPPORTED": Message("this UPS does not report that value")
        default: Message("see upsd's log on the UPS's host")
        }
    }
}
