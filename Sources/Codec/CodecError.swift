import FoundationEssentials
import Glibc
import Localization
import Support

/// Everything that can go wrong between the room PC and the terminal's API.
/// Each message says what happened and what the technician can do about it.
public enum CodecError: Error, Sendable, Equatable, CustomStringConvertible, Sayable {
    case cannotResolve(host: String, detail: String)
    case connectFailed(host: String, port: UInt16, errno: Int32)
    case connectTimedOut(host: String, port: UInt16, seconds: Double)
    case connectionClosed(host: String, port: UInt16)
    case socketFailed(operation: String, errno: Int32)
    case notConnected(host: String, port: UInt16)
    case loginRejected(host: String, answer: String)
    case loginTimedOut(host: String, seconds: Double)
    case lineTooLong(limit: Int)
    case subnegotiationTooLong(limit: Int)
    case invalidCommandText(String)
    case commandTimedOut(command: String, seconds: Double)
    case commandFailed(command: String, answer: String)
    case callControlWithoutAuthorization(command: String)
    case authorizationAlreadyUsed(requestedBy: String)
    case authorizationExpired(requestedBy: String, ageSeconds: Double)
    case secretsFileMissing(path: String)
    case secretsFileTooOpen(path: String, mode: UInt32)
    case secretsFileInvalid(path: String, reason: String)
    /// Telnet was refused, but the terminal answers SSH: its API is reachable over SSH only.
    case onlySSH(host: String, telnetPort: UInt16, sshPort: UInt16)
    case hostKeyRejected(host: String, port: UInt16, knownHosts: String, detail: String)
    case sshFailed(host: String, port: UInt16, detail: String)
    case sshNotSupported(dialect: String)
    case stopped

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case let .cannotResolve(host, detail):
            Message("cannot resolve the terminal's address '{host}' ({detail}): check --host or the configuration", ["host": host, "detail": detail])
        case let .connectFailed(host, port, code):
            Message("cannot connect to the terminal at {host}:{port} ({reason}): check that it is powered on, on the network, and that its API port {port} is enabled (Poly: port 24, not in Security Mode)", ["host": host, "port": "\(port)", "reason": "\(Errno(rawValue: code).description)"])
        case let .connectTimedOut(host, port, seconds):
            Message("the terminal at {host}:{port} did not accept a connection within {seconds} s: check the network cable and the address", ["host": host, "port": "\(port)", "seconds": "\(seconds)"])
        case let .connectionClosed(host, port):
            Message("the terminal at {host}:{port} closed the API connection (it may be restarting)", ["host": host, "port": "\(port)"])
        case let .socketFailed(operation, code):
            Message("{operation} failed on the terminal's API socket: {reason}", ["operation": operation, "reason": "\(Errno(rawValue: code).description)"])
        case let .notConnected(host, port):
            Message("not connected to the terminal at {host}:{port}: its API session is closed; check that the terminal is on and on the network", ["host": host, "port": "\(port)"])
        case let .loginRejected(host, answer):
            Message("the terminal at {host} refused the API password ('{answer}'): check the user and password in the secrets file", ["host": host, "answer": answer])
        case let .loginTimedOut(host, seconds):
            Message("the terminal at {host} did not finish the login within {seconds} s: check that this is its API port and that another session is not holding it", ["host": host, "seconds": "\(seconds)"])
        case let .lineTooLong(limit):
            Message("the terminal sent a line longer than {limit} bytes without a line end: the connection was reset; if it happens again, check that this port is the terminal's API and not another service", ["limit": "\(limit)"])
        case let .subnegotiationTooLong(limit):
            Message("the terminal sent a Telnet subnegotiation longer than {limit} bytes: the connection was reset", ["limit": "\(limit)"])
        case let .invalidCommandText(text):
            Message("refused to send '{text}': a command must be one line without quotes or control characters", ["text": "\(text.debugDescription)"])
        case let .commandTimedOut(command, seconds):
            Message("the terminal did not answer '{command}' within {seconds} s: it may be busy setting up a call", ["command": command, "seconds": "\(seconds)"])
        case let .commandFailed(command, answer):
            Message("the terminal refused '{command}': {answer}", ["command": command, "answer": answer])
        case let .callControlWithoutAuthorization(command):
            Message("refused to send the call-control command '{command}' without an authorisation from the control centre (rule R1)", ["command": command])
        case let .authorizationAlreadyUsed(requestedBy):
            Message("the call authorisation requested by {requestedBy} was already used once: a call is never repeated on its own (rule R1)", ["requestedBy": requestedBy])
        case let .authorizationExpired(requestedBy, age):
            Message("the call authorisation requested by {requestedBy} is {seconds} s old and has expired: ask the control centre again (rule R1)", ["requestedBy": requestedBy, "seconds": "\(Int(age))"])
        case let .secretsFileMissing(path):
            Message("the secrets file {path} does not exist: create it with 'password = ...' (and 'user = ...' if the terminal asks for one), then chmod 600 it", ["path": path])
        case let .secretsFileTooOpen(path, mode):
            Message("the secrets file {path} can be read by others (mode {mode}): run 'chmod 600 {path}' (rule R7: keep access accounts secret)", ["path": path, "mode": "\(String(mode & 0o777, radix: 8))"])
        case let .secretsFileInvalid(path, reason):
            Message("the secrets file {path} is not valid: {reason}", ["path": path, "reason": reason])
        case let .onlySSH(host, telnetPort, sshPort):
            Message("the terminal at {host} does not accept Telnet on port {telnetPort}, but answers SSH on port {sshPort}: it is reachable over SSH only (Cisco room devices ship with Telnet off); use SSH: \"transport\": \"ssh\" and \"knownHosts\" in the room file's terminal section, or diemcau codec --ssh --known-hosts FILE", ["host": host, "telnetPort": "\(telnetPort)", "sshPort": "\(sshPort)"])
        case let .hostKeyRejected(host, port, knownHosts, detail):
            Message("the terminal at {host}:{port} presented an SSH host key that {knownHosts} does not hold ({detail}): check the key's fingerprint on the terminal, then add it to that file (ssh-keyscan -p {port} {host}); nothing was sent", ["host": host, "port": "\(port)", "knownHosts": knownHosts, "detail": detail])
        case let .sshFailed(host, port, detail):
            Message("SSH to the terminal at {host}:{port} failed: {detail}", ["host": host, "port": "\(port)", "detail": detail])
        case let .sshNotSupported(dialect):
            Message("this driver speaks the {dialect} dialect over Telnet only: leave \"transport\" out of the room file's terminal section, or set it to \"telnet\"", ["dialect": dialect])
        case .stopped:
            Message("the terminal's API client was stopped")
        }
    }
}
