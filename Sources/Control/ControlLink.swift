import Configuration
import FoundationEssentials
import Glibc
import Localization
import Room
import Support

/// A client's session with the running daemon over its control protocol:
/// the Unix socket of the room configuration (or a TCP address), logged in
/// with the token of a role from the room's secrets file. Blocking, for the
/// `diemcau` tool and for tests and the demo, which call it off their
/// cooperative threads.
public final class ControlLink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    public let endpoint: String

    public enum Failure: Error, CustomStringConvertible {
        case usage(String)
        case unreachable(String)
        case refused(String)
        case closed(String)

        public var description: String {
            switch self {
            case .usage(let text), .unreachable(let text), .refused(let text), .closed(let text): text
            }
        }
    }

    /// Connects as the configuration says, and logs in as `role`. The link's
    /// own messages are in `language`, and it asks the daemon for the same
    /// (`language vi|en`) so that the replies' reasons match.
    public static func open(configurationPath: String, tcp: String? = nil, role: Role, language: Language = .en) throws -> ControlLink {
        let l = language
        let configuration = try ConfigurationFile.load(configurationPath)
        let connection: ControlLink
        if let tcp {
            guard let colon = tcp.lastIndex(of: ":"), let port = UInt16(tcp[tcp.index(after: colon)...]) else {
                throw Failure.usage(l.say("--tcp takes HOST:PORT, e.g. 127.0.0.1:4510"))
            }
            connection = try ControlLink(host: String(tcp[..<colon]), port: port, language: l)
        } else if let path = configuration.control.unixSocket {
            connection = try ControlLink(socketPath: path, language: l)
        } else if let tcp = configuration.control.tcp {
            let host = tcp.address == "0.0.0.0" ? "127.0.0.1" : (tcp.address == "::" ? "::1" : tcp.address)
            connection = try ControlLink(host: host, port: UInt16(tcp.port), language: l)
        } else {
            throw Failure.usage(l.say("{file} gives the daemon no control socket", ["file": configurationPath]))
        }
        try connection.greet(as: role) { () throws -> String in
            let tokens = try RoleTokens.load(from: configuration.control.secrets)
            guard let token = tokens.token(for: role) else {
                throw Failure.usage(l.say("{file} has no {role} token; add a line '{role} <token>'", ["file": configuration.control.secrets, "role": role.rawValue]))
            }
            return token
        }
        // A daemon from before `language` answers ERR: its reasons stay as they are.
        _ = try connection.request("language \(l.rawValue)")
        return connection
    }

    /// Reads the greeting and, when the daemon asks for a login (or the
    /// role it grants this local user is not `role`), logs in with the
    /// token `token()` gives. A local user the daemon knows (root, the
    /// technician group) needs no token, so the secrets file is not read.
    public func greet(as role: Role? = nil, token: () throws -> String) throws {
        let greeting = try readLine(timeout: 5)
        guard case .greeting(_, _, let login)? = try? ControlServerLine(parsing: greeting) else {
            throw Failure.refused("\(endpoint) answered '\(greeting)', not the DiemCau greeting: is diemcaud listening there?")
        }
        guard login == "required" || (role != nil && login != role?.rawValue) else { return }
        if case .error(_, let message) = try request("login \(try token())") {
            throw Failure.refused("login refused: \(message)")
        }
    }

    public init(socketPath: String, language: Language = .en) throws {
        endpoint = socketPath
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw Failure.usage("the socket path \(socketPath) is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let reason = Errno.current.description
            close(descriptor)
            throw Failure.unreachable(language.say(
                "cannot reach diemcaud at {socket}: {reason}; is it running? (systemctl status diemcaud)", ["socket": socketPath, "reason": reason]))
        }
    }

    public init(host: String, port: UInt16, language: Language = .en) throws {
        endpoint = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw Failure.unreachable(language.say("cannot resolve {host}", ["host": host]))
        }
        defer { freeaddrinfo(list) }
        descriptor = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let reason = Errno.current.description
            close(descriptor)
            throw Failure.unreachable(language.say("cannot reach diemcaud at {address}: {reason}; is it running?", ["address": "\(host):\(port)", "reason": reason]))
        }
    }

    deinit {
        close(descriptor)
    }

    public func send(_ line: String) throws {
        var bytes = Array((line + "\r\n").utf8)
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure.closed("diemcaud closed the connection") }
            bytes.removeFirst(written)
        }
    }

    /// Sends one command and returns its reply; events that arrive first go to `onEvent`.
    public func request(_ line: String, timeout: Double = 30, onEvent: (ControlEvent) -> Void = { _ in }) throws -> ControlReply {
        try send(line)
        while true {
            switch try nextLine(timeout: timeout) {
            case .reply(let reply): return try withDocument(reply)
            case .event(let event): onEvent(event)
            case .greeting: continue
            }
        }
    }

    public func nextLine(timeout: Double) throws -> ControlServerLine {
        let text = try readLine(timeout: timeout)
        do {
            return try ControlServerLine(parsing: text)
        } catch {
            throw Failure.closed("diemcaud sent a line this tool does not understand: \(text)")
        }
    }

    /// A reply whose line ends in `bytes=N` carries a document: the N bytes
    /// after the line (docs/control-protocol.md, "Documents").
    func withDocument(_ reply: ControlReply, timeout: Double = 30) throws -> ControlReply {
        guard case .ok(var message) = reply, let last = message.fields.last, last.key == "bytes", let count = Int(last.value.text), count >= 0 else {
            return reply
        }
        message.fields.removeLast()
        let deadline = Date().addingTimeInterval(timeout)
        // The line ended CR LF and `readLine` stopped at the CR: its LF comes first.
        try fill(atLeast: 1, before: deadline)
        if buffer.first == 10 { buffer.removeFirst() }
        try fill(atLeast: count, before: deadline)
        let document = String(decoding: buffer[..<count], as: UTF8.self)
        buffer.removeFirst(count)
        return .document(message, document)
    }

    /// Reads until the buffer holds `count` bytes.
    private func fill(atLeast count: Int, before deadline: Date) throws {
        while buffer.count < count {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure.closed("diemcaud did not send the whole document in time") }
            try receive(waitingAtMost: remaining)
        }
    }

    /// Waits up to `seconds` for bytes and appends what came to the buffer.
    private func receive(waitingAtMost seconds: Double) throws {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(min(seconds, 3600) * 1000))
        guard ready > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw Failure.closed("diemcaud closed the connection") }
        buffer += chunk[..<count]
    }

    /// One line, without its line end; waits at most `timeout` seconds.
    public func readLine(timeout: Double) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = buffer.firstIndex(where: { $0 == 10 || $0 == 13 }) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 1)
                if line.isEmpty { continue }
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Failure.closed("diemcaud did not answer within \(Int(timeout)) s") }
            try receive(waitingAtMost: remaining)
        }
    }
}
