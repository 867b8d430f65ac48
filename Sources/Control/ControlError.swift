import Glibc
import Localization
import Support

/// Why the control server could not start: each message names the file or
/// address and says what to change.
public enum ControlError: Error, Sendable, Hashable, CustomStringConvertible {
    case secretsUnreadable(path: String, errno: Int32)
    case secretsNotAFile(path: String)
    case secretsNotOurs(path: String, owner: UInt32, daemon: UInt32)
    case secretsExposed(path: String, mode: UInt32)
    case secretsMalformed(path: String, line: Int, problem: Message)
    case secretsEmpty(path: String)
    case noEndpoint
    case badListenAddress(String)
    case badAllowBlock(String)
    case cannotListen(endpoint: String, errno: Int32)
    case socketPathTooLong(path: String, limit: Int)
    case socketPathInUse(path: String)
    case socketPathNotASocket(path: String)
    case alreadyStarted
    case unknownGroup(field: String, name: String)

    /// English, as the tests and a log without a language read it.
    public var description: String { message.description }

    /// What went wrong and what to change, said in the reader's language
    /// (the journal's: the room's).
    public var message: Message {
        switch self {
        case .secretsUnreadable(let path, let code) where code == ELOOP:
            Message("the control secrets file {path} is a symbolic link, which the daemon does not follow: point control.secrets at the file itself", ["path": path])
        case .secretsUnreadable(let path, let code):
            Message(
                "cannot read the control secrets file {path}: {reason}; create it with one '<role> <token>' line per role (mcu, technician, observer) and run 'chmod 600 {path}'",
                ["path": path, "reason": ControlError.text(of: code)])
        case .secretsNotAFile(let path):
            Message("the control secrets file {path} is not a regular file: point control.secrets at the file holding the tokens", ["path": path])
        case .secretsNotOurs(let path, let owner, let daemon):
            Message(
                "the control secrets file {path} belongs to uid {owner}, not to the daemon's user (uid {daemon}): run 'chown {daemon} {path}'",
                ["path": path, "owner": String(owner), "daemon": String(daemon)])
        case .secretsExposed(let path, let mode):
            Message(
                "the control secrets file {path} has mode {mode}, so group or others can get at the tokens (R7): run 'chmod 600 {path}' and give each role a new token",
                ["path": path, "mode": ControlError.octal(mode)])
        case .secretsMalformed(let path, let line, let problem):
            line > 0
                ? Message("control secrets file {path}, line {line}: {problem}", ["path": path, "line": String(line), "problem": problem.description])
                : Message("control secrets {path}: {problem}", ["path": path, "problem": problem.description])
        case .secretsEmpty(let path):
            Message("the control secrets file {path} holds no token: add one '<role> <token>' line per role, e.g. 'mcu 7Jq2xv0LrM4cT9pW'", ["path": path])
        case .noEndpoint:
            Message("the control server has neither a TCP address nor a Unix socket: configure control.tcp, control.unixSocket, or both")
        case .badListenAddress(let address):
            Message("'{address}' is not an IPv4 or IPv6 address to listen on: give e.g. 0.0.0.0, 127.0.0.1, :: or the room PC's own address", ["address": address])
        case .badAllowBlock(let block):
            Message("'{block}' in control.tcp.allow is not a CIDR block: write e.g. 10.10.0.0/16, 192.0.2.7 or fd00::/8", ["block": block])
        case .cannotListen(let endpoint, let code) where code == EADDRINUSE:
            Message(
                "cannot listen for control clients on {endpoint}: {reason}; another program (perhaps another diemcaud) holds it: stop that program or change the port",
                ["endpoint": endpoint, "reason": ControlError.text(of: code)])
        case .cannotListen(let endpoint, let code) where code == EACCES:
            Message(
                "cannot listen for control clients on {endpoint}: {reason}; ports below 1024 need CAP_NET_BIND_SERVICE, or choose a higher port",
                ["endpoint": endpoint, "reason": ControlError.text(of: code)])
        case .cannotListen(let endpoint, let code):
            Message("cannot listen for control clients on {endpoint}: {reason}", ["endpoint": endpoint, "reason": ControlError.text(of: code)])
        case .socketPathTooLong(let path, let limit):
            Message(
                "the control socket path {path} is longer than the {limit} bytes a Unix socket allows: choose a shorter path, e.g. /run/diemcau/control.sock",
                ["path": path, "limit": String(limit)])
        case .socketPathInUse(let path):
            Message("another program is already listening on the control socket {path} (perhaps another diemcaud): stop it or choose another path", ["path": path])
        case .socketPathNotASocket(let path):
            Message("{path} exists and is not a socket: remove it or choose another path for control.unixSocket", ["path": path])
        case .alreadyStarted:
            Message("the control server is already started")
        case .unknownGroup(let field, let name):
            Message(
                "{field}: there is no group '{name}' on this PC: create it ('groupadd --system {name}', then 'usermod -aG {name} <technician>') or name a group that exists",
                ["field": field, "name": name])
        }
    }

    static func text(of code: Int32) -> String {
        Errno(rawValue: code).description
    }

    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
