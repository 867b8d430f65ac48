import Glibc
import Support

/// Why the control server could not start: each message names the file or
/// address and says what to change.
public enum ControlError: Error, Sendable, Hashable, CustomStringConvertible {
    case secretsUnreadable(path: String, errno: Int32)
    case secretsNotAFile(path: String)
    case secretsNotOurs(path: String, owner: UInt32, daemon: UInt32)
    case secretsExposed(path: String, mode: UInt32)
    case secretsMalformed(path: String, line: Int, problem: String)
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

    public var description: String {
        switch self {
        case .secretsUnreadable(let path, let code) where code == ELOOP:
            "the control secrets file \(path) is a symbolic link, which the daemon does not follow: point control.secrets at the file itself"
        case .secretsUnreadable(let path, let code):
            "cannot read the control secrets file \(path): \(ControlError.text(of: code)); create it with one '<role> <token>' line per role (mcu, technician, observer) and run 'chmod 600 \(path)'"
        case .secretsNotAFile(let path):
            "the control secrets file \(path) is not a regular file: point control.secrets at the file holding the tokens"
        case .secretsNotOurs(let path, let owner, let daemon):
            "the control secrets file \(path) belongs to uid \(owner), not to the daemon's user (uid \(daemon)): run 'chown \(daemon) \(path)'"
        case .secretsExposed(let path, let mode):
            "the control secrets file \(path) has mode \(ControlError.octal(mode)), so group or others can get at the tokens (R7): run 'chmod 600 \(path)' and give each role a new token"
        case .secretsMalformed(let path, let line, let problem):
            line > 0 ? "control secrets file \(path), line \(line): \(problem)" : "control secrets \(path): \(problem)"
        case .secretsEmpty(let path):
            "the control secrets file \(path) holds no token: add one '<role> <token>' line per role, e.g. 'mcu 7Jq2xv0LrM4cT9pW'"
        case .noEndpoint:
            "the control server has neither a TCP address nor a Unix socket: configure control.tcp, control.unixSocket, or both"
        case .badListenAddress(let address):
            "'\(address)' is not an IPv4 or IPv6 address to listen on: give e.g. 0.0.0.0, 127.0.0.1, :: or the room PC's own address"
        case .badAllowBlock(let block):
            "'\(block)' in control.tcp.allow is not a CIDR block: write e.g. 10.10.0.0/16, 192.0.2.7 or fd00::/8"
        case .cannotListen(let endpoint, let code):
            "cannot listen for control clients on \(endpoint): \(ControlError.text(of: code))"
                + (code == EADDRINUSE ? "; another program (perhaps another diemcaud) holds it: stop that program or change the port" : "")
                + (code == EACCES ? "; ports below 1024 need CAP_NET_BIND_SERVICE, or choose a higher port" : "")
        case .socketPathTooLong(let path, let limit):
            "the control socket path \(path) is longer than the \(limit) bytes a Unix socket allows: choose a shorter path, e.g. /run/diemcau/control.sock"
        case .socketPathInUse(let path):
            "another program is already listening on the control socket \(path) (perhaps another diemcaud): stop it or choose another path"
        case .socketPathNotASocket(let path):
            "\(path) exists and is not a socket: remove it or choose another path for control.unixSocket"
        case .alreadyStarted:
            "the control server is already started"
        case .unknownGroup(let field, let name):
            "\(field): there is no group '\(name)' on this PC: create it ('groupadd --system \(name)', then 'usermod -aG \(name) <technician>') or name a group that exists"
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
