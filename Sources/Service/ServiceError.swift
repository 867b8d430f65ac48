#if canImport(Glibc)
import Glibc
#endif
import Support

/// What can go wrong between the daemon and systemd, with what to do about it.
public enum ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `$NOTIFY_SOCKET` is neither an absolute path nor an abstract `@name`, or too long.
    case notifySocketInvalid(String)
    /// The notification could not be sent.
    case notifyFailed(socket: String, errno: Int32)
    /// `$WATCHDOG_USEC` or `$WATCHDOG_PID` is not a number.
    case watchdogSettingInvalid(variable: String, value: String)

    public var description: String {
        switch self {
        case .notifySocketInvalid(let value):
            return "NOTIFY_SOCKET=\(value) is not a socket systemd could have set (an absolute path or @abstract name of at most 107 bytes): start diemcaud from its unit, or unset NOTIFY_SOCKET"
        case .notifyFailed(let socket, let errno):
            return "could not notify systemd on \(socket) (\(Errno(rawValue: errno).description)): check the unit's NotifyAccess=main and that diemcaud is the unit's main process"
        case .watchdogSettingInvalid(let variable, let value):
            return "\(variable)=\(value) is not a number: set WatchdogSec= in the unit instead of the environment"
        }
    }
}
