import Localization
import Room

/// Where a connection comes from, before and after login.
public struct ControlPeer: Sendable, Hashable, CustomStringConvertible {
    public enum Transport: String, Sendable, Hashable {
        case tcp
        case unix
        /// The fleet's MQTT broker: `address` is the account the broker's ACL lets publish commands.
        case broker
    }

    /// The server's number for the connection, unique while it runs.
    public let connection: Int
    public let transport: Transport
    /// The client's IP address (TCP), or `local` (Unix socket).
    public let address: String
    /// The client's TCP port.
    public let port: Int?
    /// The client's user and process on the Unix socket, from the kernel (SO_PEERCRED).
    public let userID: UInt32?
    public let processID: Int32?
    /// The local user's login name: the person the logbook names.
    public let userName: String?

    public init(
        connection: Int, transport: Transport, address: String, port: Int? = nil, userID: UInt32? = nil,
        processID: Int32? = nil, userName: String? = nil
    ) {
        self.connection = connection
        self.transport = transport
        self.address = address
        self.port = port
        self.userID = userID
        self.processID = processID
        self.userName = userName
    }

    /// `10.0.0.5:50312` or `local user binh (uid 1000) pid 4321`, then `#7` (the connection).
    public var description: String {
        switch transport {
        case .tcp:
            let host = address.contains(":") ? "[\(address)]" : address
            return port.map { "\(host):\($0) #\(connection)" } ?? "\(host) #\(connection)"
        case .unix:
            var text = "local"
            switch (userName, userID) {
            case (let name?, let id?): text += " user \(name) (uid \(id))"
            case (nil, let id?): text += " uid \(id)"
            default: break
            }
            if let processID { text += " pid \(processID)" }
            return text + " #\(connection)"
        case .broker:
            return "broker \(address) #\(connection)"
        }
    }
}

/// A logged-in client: its role and where it connects from.
public struct ControlClient: Sendable, Hashable, CustomStringConvertible {
    public let role: Role
    public let peer: ControlPeer
    /// The person the room file names for this login, if it names one.
    public let person: Contact?

    public init(role: Role, peer: ControlPeer, person: Contact? = nil) {
        self.role = role
        self.peer = peer
        self.person = person
    }

    /// `Trần Thị Bình (Cán bộ kỹ thuật), technician from local user binh (uid 1000) pid 4321 #2`,
    /// or without a person `mcu from 10.0.0.5:50312 #7`: what the logbook and
    /// `CallAuthorization.requestedBy` record.
    public var description: String {
        let login = "\(role.rawValue) from \(peer)"
        return person.map { "\($0.name) (\($0.position)), \(login)" } ?? login
    }

    /// Who it is without the role, for the room's own records:
    /// `Lê Văn Cường (Trung tâm điều khiển) at 10.0.0.5:50312 #7`, or the peer alone.
    public var identity: String {
        person.map { "\($0.name) (\($0.position)) at \(peer)" } ?? peer.description
    }
}

/// One command from an authenticated client whose role reaches it.
public struct ControlRequest: Sendable, Hashable, CustomStringConvertible {
    public let command: ControlCommand
    public let sender: ControlClient
    /// The language the sender reads the reply's reason in: its connection's
    /// (`language vi|en`, the room's by default), or the room's over the broker.
    public let language: Language

    public init(command: ControlCommand, sender: ControlClient, language: Language = .en) {
        self.command = command
        self.sender = sender
        self.language = language
    }

    /// `technician from local uid 0 #3: mute mic2`.
    public var description: String { "\(sender): \(command.line)" }
}

/// What the server decided on its own, for the daemon's log: logins,
/// refusals, rejected and closed connections.
public enum ControlAccess: Sendable, Hashable, CustomStringConvertible {
    /// A token matched a role.
    case loggedIn(ControlClient)
    /// A token matched no role; attempts from this address are slowed.
    case loginFailed(ControlPeer)
    /// A role sent a command above it; the client got `ERR forbidden`.
    case forbidden(ControlRequest)
    /// A connection was turned away before its session began.
    case rejected(ControlPeer, ControlErrorCode)
    /// The server closed a connection: line too long, idle, too slow to read its replies.
    case dropped(ControlPeer, ControlErrorCode)

    public var description: String { message.description }

    /// The journal's line, said in the room's language; `control:` stays a keyword.
    public var message: Message {
        switch self {
        case .loggedIn(let client): Message("control: {client} logged in", ["client": client.description])
        case .loginFailed(let peer): Message("control: failed login from {peer}", ["peer": peer.description])
        case .forbidden(let request):
            Message(
                "control: refused '{command}' from {client}: needs the {role} role",
                ["command": request.command.verb, "client": request.sender.description, "role": request.command.minimumRole.rawValue])
        case .rejected(let peer, let code): Message("control: turned away {peer}: {code}", ["peer": peer.description, "code": code.rawValue])
        case .dropped(let peer, let code): Message("control: closed {peer}: {code}", ["peer": peer.description, "code": code.rawValue])
        }
    }
}

/// The daemon's side of the control protocol. The server calls it for each
/// request from a client whose role reaches the command, and tells it what
/// it decided on its own.
public protocol ControlHandler: Sendable {
    /// Carries the command out (through the room's rules) and answers.
    /// Every state-changing request arrives here with its sender, so the
    /// daemon logs who asked for what.
    func handle(_ request: ControlRequest) async -> ControlReply

    /// A login, a refusal or a rejected connection, for the log.
    func note(_ access: ControlAccess) async

    /// What a client is told of its own accord right after it logged in,
    /// whether or not it asked for events: the room's identity for the
    /// centre (R8). Nil: nothing.
    func greeting(for client: ControlClient) async -> ControlEvent?
}

extension ControlHandler {
    public func greeting(for client: ControlClient) async -> ControlEvent? { nil }
}
