#if canImport(Glibc)
import Glibc
#endif
import Localization
import Support

/// What can go wrong between the daemon and systemd, with what to do about it.
public enum ServiceError: Error, Sendable, Hashable, CustomStringConvertible, Sayable {
    /// `$NOTIFY_SOCKET` is neither an absolute path nor an abstract `@name`, or too long.
    case notifySocketInvalid(String)
    /// The notification could not be sent.
    case notifyFailed(socket: String, errno: Int32)
    /// `$WATCHDOG_USEC` or `$WATCHDOG_PID` is not a number.
    case watchdogSettingInvalid(variable: String, value: String)

    public var message: Message {
        switch self {
        case .notifySocketInvalid(let value):
            Message("NOTIFY_SOCKET={value} is not a socket systemd could have set (an absolute path or @abstract name of at most 107 bytes): start diemcaud from its unit, or unset NOTIFY_SOCKET", ["value": value])
        case .notifyFailed(let socket, let errno):
            Message("could not notify systemd on {socket} ({reason}): check the unit's NotifyAccess=main and that diemcaud is the unit's main process",
                    ["socket": socket, "reason": Errno(rawValue: errno).description])
        case .watchdogSettingInvalid(let variable, let value):
            Message("{variable}={value} is not a number: set WatchdogSec= in the unit instead of the environment", ["variable": variable, "value": value])
        }
    }

    public var description: String { message.description }
}
