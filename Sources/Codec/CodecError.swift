import FoundationEssentials
import Glibc
import Support

/// Everything that can go wrong between the room PC and the terminal's API.
/// Each message says what happened and what the technician can do about it.
public enum CodecError: Error, Sendable, Equatable, CustomStringConvertible {
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

    public var description: String {
        switch self {
        case let .cannotResolve(host, detail):
            "cannot resolve the terminal's address '\(host)' (\(detail)): check --host or the configuration"
        case let .connectFailed(host, port, code):
            "cannot connect to the terminal at \(host):\(port) (\(Errno(rawValue: code).description)): check that it is powered on, on the network, and that its API port \(port) is enabled (Poly: port 24, not in Security Mode)"
        case let .connectTimedOut(host, port, seconds):
            "the terminal at \(host):\(port) did not accept a connection within \(seconds) s: check the network cable and the address"
        case let .connectionClosed(host, port):
            "the terminal at \(host):\(port) closed the API connection (it may be restarting)"
        case let .socketFailed(operation, code):
            "\(operation) failed on the terminal's API socket: \(Errno(rawValue: code).description)"
        case let .notConnected(host, port):
            "not connected to the terminal at \(host):\(port): its API session is closed; check that the terminal is on and on the network"
        case let .loginRejected(host, answer):
            "the terminal at \(host) refused the API password ('\(answer)'): check the user and password in the secrets file"
        case let .loginTimedOut(host, seconds):
            "the terminal at \(host) did not finish the login within \(seconds) s: check that this is its API port and that another session is not holding it"
        case let .lineTooLong(limit):
            "the terminal sent a line longer than \(limit) bytes without a line end: the connection was reset; if it happens again, check that this port is the terminal's API and not another service"
        case let .subnegotiationTooLong(limit):
            "the terminal sent a Telnet subnegotiation longer than \(limit) bytes: the connection was reset"
        case let .invalidCommandText(text):
            "refused to send '\(text.debugDescription)': a command must be one line without quotes or control characters"
        case let .commandTimedOut(command, seconds):
            "the terminal did not answer '\(command)' within \(seconds) s: it may be busy setting up a call"
        case let .commandFailed(command, answer):
            "the terminal refused '\(command)': \(answer)"
        case let .callControlWithoutAuthorization(command):
            "refused to send the call-control command '\(command)' without an authorisation from the control centre (rule R1)"
        case let .authorizationAlreadyUsed(requestedBy):
            "the call authorisation requested by \(requestedBy) was already used once: a call is never repeated on its own (rule R1)"
        case let .authorizationExpired(requestedBy, age):
            "the call authorisation requested by \(requestedBy) is \(Int(age)) s old and has expired: ask the control centre again (rule R1)"
        case let .secretsFileMissing(path):
            "the secrets file \(path) does not exist: create it with 'password = ...' (and 'user = ...' if the terminal asks for one), then chmod 600 it"
        case let .secretsFileTooOpen(path, mode):
            "the secrets file \(path) can be read by others (mode \(String(mode & 0o777, radix: 8))): run 'chmod 600 \(path)' (rule R7: keep access accounts secret)"
        case let .secretsFileInvalid(path, reason):
            "the secrets file \(path) is not valid: \(reason)"
        case let .onlySSH(host, telnetPort, sshPort):
            "the terminal at \(host) does not accept Telnet on port \(telnetPort), but answers SSH on port \(sshPort): it is reachable over SSH only (Cisco room devices ship with Telnet off); use SSH: \"transport\": \"ssh\" and \"knownHosts\" in the room file's terminal section, or diemcau codec --ssh --known-hosts FILE"
        case let .hostKeyRejected(host, port, knownHosts, detail):
            "the terminal at \(host):\(port) presented an SSH host key that \(knownHosts) does not hold (\(detail)): check the key's fingerprint on the terminal, then add it to that file (ssh-keyscan -p \(port) \(host)); nothing was sent"
        case let .sshFailed(host, port, detail):
            "SSH to the terminal at \(host):\(port) failed: \(detail)"
        case let .sshNotSupported(dialect):
            "this driver speaks the \(dialect) dialect over Telnet only: leave \"transport\" out of the room file's terminal section, or set it to \"telnet\""
        case .stopped:
            "the terminal's API client was stopped"
        }
    }
}
