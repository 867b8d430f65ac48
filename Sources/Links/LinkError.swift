import Glibc
import Localization
import Support

/// Why a link could not be opened or could not carry bytes. Every case says
/// what the technician should check.
public enum LinkError: Error, Equatable, Sendable, CustomStringConvertible, Sayable {
    /// The device path does not exist (the adapter is unplugged, or the name is wrong).
    case portMissing(path: String, message: String, errno: Int32)
    /// The device exists but this user may not open it.
    case permissionDenied(path: String, message: String, errno: Int32)
    /// Another program has the port open.
    case portBusy(path: String, message: String, errno: Int32)
    /// The path is not a serial device (or, for libserialport, a pseudo-terminal).
    case notASerialPort(path: String, message: String, errno: Int32)
    /// Only the rates VISCA cameras use are offered.
    case unsupportedBaudRate(Int)
    /// The port opened but would not take 8N1 at the asked rate.
    case configurationFailed(path: String, step: String, message: String, errno: Int32)
    /// libserialport said no; its message and the operating system's errno are kept.
    case serialPort(path: String, operation: String, message: String, errno: Int32)
    /// The camera's host name does not resolve.
    case hostUnresolved(host: String, message: String)
    /// Nothing listens at the camera's address, or it cannot be reached.
    case connectFailed(endpoint: String, message: String, errno: Int32)
    /// The link is open but the camera did not answer what opening it asks
    /// (VISCA over IP's RESET): the camera is silent, as a silent serial line is.
    case noAnswer(endpoint: String, request: String, milliseconds: Int)
    /// Writing to an open link failed.
    case sendFailed(endpoint: String, message: String, errno: Int32)
    /// The link was closed or lost before the bytes could be written.
    case closed(endpoint: String)

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case let .portMissing(path, message, code):
            Message("serial port {path} does not exist ({reason}, errno {errno}): check the USB adapter is plugged in; `diemcau ports` lists the ports",
                    ["path": path, "reason": message, "errno": "\(code)"])
        case let .permissionDenied(path, message, code):
            Message("no permission to open {path} ({reason}, errno {errno}): add the user to the dialout group (`usermod -aG dialout <user>`, then log in again), or give the service `SupplementaryGroups=dialout`",
                    ["path": path, "reason": message, "errno": "\(code)"])
        case let .portBusy(path, message, code):
            Message("serial port {path} is in use by another program ({reason}, errno {errno}): stop it (`fuser -v {path}` shows which) and try again",
                    ["path": path, "reason": message, "errno": "\(code)"])
        case let .notASerialPort(path, message, code):
            Message("{path} is not a serial port ({reason}, errno {errno}): give the adapter's device, e.g. /dev/ttyUSB0 (`diemcau ports` lists them); pseudo-terminals and serial servers are opened as a TTY link",
                    ["path": path, "reason": message, "errno": "\(code)"])
        case let .unsupportedBaudRate(rate):
            Message("baud rate {rate} is not offered: VISCA cameras run at 9600 or 38400; set the same rate as the camera's baud-rate switch", ["rate": "\(rate)"])
        case let .configurationFailed(path, step, message, errno):
            Message("{path} would not take 8N1 settings ({step}: {reason}, errno {errno}): check the device is a serial adapter and its driver is loaded",
                    ["path": path, "step": step, "reason": message, "errno": "\(errno)"])
        case let .serialPort(path, operation, message, errno):
            Message("serial port {path}: {operation} failed ({reason}, errno {errno}): check the USB adapter and its cable; `diemcau ports` lists the ports",
                    ["path": path, "operation": operation, "reason": message, "errno": "\(errno)"])
        case let .hostUnresolved(host, message):
            Message("camera address {host} does not resolve ({reason}): give the camera's IP address as shown in its web page or OSD menu", ["host": host, "reason": message])
        case let .connectFailed(endpoint, message, errno):
            Message("cannot reach the camera at {endpoint} ({reason}, errno {errno}): check the network cable, the camera's IP address, and that VISCA over IP is enabled on the camera",
                    ["endpoint": endpoint, "reason": message, "errno": "\(errno)"])
        case let .noAnswer(endpoint, request, milliseconds):
            Message("the camera at {endpoint} did not answer {request} within {milliseconds} ms: check the network cable, the camera's IP address, and that VISCA over IP is enabled on the camera",
                    ["endpoint": endpoint, "request": request, "milliseconds": "\(milliseconds)"])
        case let .sendFailed(endpoint, message, errno):
            Message("writing to {endpoint} failed ({reason}, errno {errno}): the cable or adapter may have been pulled; the driver reconnects when it returns",
                    ["endpoint": endpoint, "reason": message, "errno": "\(errno)"])
        case let .closed(endpoint):
            Message("the link to {endpoint} is closed: the adapter or network went away; the driver reconnects when it returns", ["endpoint": endpoint])
        }
    }

    static func opening(_ path: String, errno code: Int32) -> LinkError {
        let message = errorText(code)
        switch code {
        case ENOENT, ENODEV, ENXIO: return .portMissing(path: path, message: message, errno: code)
        case EACCES, EPERM: return .permissionDenied(path: path, message: message, errno: code)
        case EBUSY: return .portBusy(path: path, message: message, errno: code)
        case ENOTTY: return .notASerialPort(path: path, message: message, errno: code)
        default: return .serialPort(path: path, operation: "open", message: message, errno: code)
        }
    }
}

/// The text of an errno value.
func errorText(_ code: Int32) -> String { Errno(rawValue: code).description }
