import Localization
import Configuration
import Glibc
import Room
import Support

/// The room's control server: listens on TCP and a Unix socket, greets each
/// client, checks its token and its role for every command, and hands the
/// commands its role reaches to the daemon's `ControlHandler`. The daemon
/// pushes events with `publish`; only clients that sent `events on` get them.
///
///     let server = ControlServer(configuration: configuration, tokens: try RoleTokens.load(from: path), handler: room)
///     try await server.start()
///     ...
///     await server.publish(ControlEvent("mute", ["mic": "mic2", "muted": true]))
///     ...
///     await server.stop()
public actor ControlServer {
    public let configuration: ControlConfiguration
    let tokens: RoleTokens
    let handler: any ControlHandler
    var throttle: LoginThrottle
    var logbookBudget: LogbookBudget
    private var listeners: [Listener] = []
    var sessions: [Int: Session] = [:]
    /// Connections that must log in by their time-out: disarmed at login and at the end.
    var loginChecks = Deadlines<Int>()
    private var nextConnection = 1
    private var boundTCPPort: Int?
    private var started = false
    private var stopping = false

    struct Session {
        let connection: ControlConnection
        var role: Role?
        var mode = WireMode.text
        /// The language of its replies' reasons: the room's until it asks.
        var language: Language
        var subscribed = false
        /// When it connected: the oldest connection not logged in makes room first.
        let connectedAt = ContinuousClock.now
        /// Its login is waiting out the back-off: it is not made room for.
        var loginUnderWay = false
        /// Its role came from a token (not from the local user's credentials).
        var tokenLogin = false
    }

    public init(configuration: ControlConfiguration, tokens: RoleTokens, handler: any ControlHandler) {
        self.configuration = configuration
        self.tokens = tokens
        self.handler = handler
        self.throttle = LoginThrottle(
            firstDelay: configuration.firstLoginDelay, maximumDelay: configuration.maximumLoginDelay
        )
        self.logbookBudget = LogbookBudget(
            entriesPerMinute: configuration.logbookEntriesPerMinute, bytesPerMinute: configuration.logbookBytesPerMinute)
    }

    /// Opens the listeners and starts accepting. Throws when an address or
    /// the socket path cannot be used; nothing is left open then.
    public func start() throws(ControlError) {
        guard !started else { throw .alreadyStarted }
        guard configuration.tcp != nil || configuration.unixSocket != nil else { throw .noEndpoint }
        var opened: [Listener] = []
        if let tcp = configuration.tcp {
            let (descriptor, port) = try ListeningSocket.tcp(address: tcp.address, port: tcp.port)
            opened.append(try Listener(descriptor: descriptor, transport: .tcp, endpoint: "\(tcp.address):\(port)"))
            boundTCPPort = port
        }
        if let unix = configuration.unixSocket {
            do throws(ControlError) {
                let descriptor = try ListeningSocket.unix(path: unix.path, permissions: unix.permissions)
                opened.append(try Listener(descriptor: descriptor, transport: .unix, endpoint: unix.path, unixPath: unix.path))
            } catch {
                for listener in opened { listener.discard() }
                boundTCPPort = nil
                throw error
            }
        }
        started = true
        listeners = opened
        for listener in opened {
            listener.start()
            Task { await self.admitAll(from: listener) }
        }
    }

    /// An event line is written once for each mode and language in use.
    private struct RenderedKey: Hashable {
        var mode: WireMode
        var language: Language
    }

    /// The TCP port listened on (the one picked when the configuration said 0).
    public var tcpPort: Int? { boundTCPPort }

    /// Connections open now (logged in or not).
    public var connectionCount: Int { sessions.count }

    /// Sends an event to every logged-in client that sent `events on`, each
    /// in its own mode and language.
    public func publish(_ event: ControlEvent) {
        var rendered: [RenderedKey: String] = [:]
        for session in sessions.values where session.subscribed && session.role != nil {
            let key = RenderedKey(mode: session.mode, language: session.language)
            let line = rendered[key] ?? WireFormat.event(event, mode: session.mode, in: session.language)
            rendered[key] = line
            session.connection.send(line)
        }
    }

    /// Stops listening, tells every client the server is going, and closes
    /// them. Once it returns, no one can connect.
    public func stop() async {
        guard started, !stopping else { return }
        stopping = true
        for listener in listeners { await listener.stop() }
        listeners = []
        for id in Array(sessions.keys) {
            reply(ProtocolFault(.shuttingDown, Message("the room's control server is stopping: reconnect when it is back")), to: id)
            end(id)
        }
    }

    // MARK: Admission

    private func admitAll(from listener: Listener) async {
        for await accepted in listener.accepted {
            admit(accepted)
        }
    }

    private func admit(_ accepted: Listener.Accepted) {
        let credentials = accepted.credentials
        let peer = ControlPeer(
            connection: nextConnection, transport: accepted.transport, address: accepted.address, port: accepted.port,
            userID: credentials?.userID, processID: credentials?.processID, userName: credentials?.userName
        )
        nextConnection += 1
        if let refusal = refusal(of: peer) {
            turnAway(accepted.descriptor, with: refusal, in: configuration.language)
            Task { await handler.note(.rejected(peer, refusal.code)) }
            return
        }
        var role: Role?
        if accepted.transport == .unix, let unix = configuration.unixSocket {
            role = credentials.flatMap { unix.localRoles.role(for: $0) } ?? unix.role
        }
        if role == nil, accepted.transport == .tcp, let full = makeRoomForLogin(from: accepted.address) {
            turnAway(accepted.descriptor, with: full, in: configuration.language)
            Task { await handler.note(.rejected(peer, full.code)) }
            return
        }
        let connection = ControlConnection(
            descriptor: accepted.descriptor, peer: peer,
            limits: .init(
                maxLineBytes: configuration.maxLineBytes, idleTimeout: configuration.idleTimeout,
                maxPendingOutputBytes: configuration.maxPendingOutputBytes, closingGrace: configuration.closingGrace
            )
        )
        sessions[peer.connection] = Session(connection: connection, role: role, language: configuration.language)
        connection.start()
        connection.send(WireFormat.greeting(room: configuration.roomName, role: role))
        Task { await self.serve(connection) }
        if role == nil { armLoginCheck(peer.connection) }
    }

    /// Why a new connection is turned away, if it is.
    private func refusal(of peer: ControlPeer) -> ProtocolFault? {
        if stopping {
            return ProtocolFault(.shuttingDown, Message("the room's control server is stopping: reconnect when it is back"))
        }
        if peer.transport == .tcp, let allow = configuration.tcp?.allow, !allow.contains(where: { $0.contains(peer.address) }) {
            return ProtocolFault(
                .addressNotAllowed,
                Message("{address} is not on this room's allow-list: ask the room's technician to add it to control.tcp.allow", ["address": peer.address])
            )
        }
        // Counted per transport, so a full TCP side never locks the technician's CLI out.
        if peer.transport == .unix, sessions.values.count(where: { $0.connection.peer.transport == .unix }) >= configuration.maxConnections {
            return ProtocolFault(
                .tooManyConnections,
                Message(
                    "the room already has {count} local-socket control connections, its maximum: close one you no longer use, or try again later",
                    ["count": String(configuration.maxConnections)])
            )
        }
        return nil
    }

    /// Before a connection that must log in is admitted. Connections that
    /// have not logged in are kept few and short-lived: at most
    /// `maxPendingLoginsPerAddress` from one address and `maxPendingLogins`
    /// in all, each for `loginTimeout`. Past either, the oldest waiting one
    /// (from that address, or at all) is closed to make room, never the
    /// newcomer: silent connections can neither fill the server nor keep
    /// the centre's fresh connection, which logs in at once, from getting in.
    /// Returns why the newcomer is turned away when there is no room to make:
    /// every waiting connection over the limit is in the middle of a login
    /// the back-off holds.
    private func makeRoomForLogin(from address: String) -> ProtocolFault? {
        let waiting = sessions.filter { $0.value.role == nil && $0.value.connection.peer.transport == .tcp }
        let fromAddress = waiting.filter { $0.value.connection.peer.address == address }
        if fromAddress.count >= configuration.maxPendingLoginsPerAddress {
            let values: KeyValuePairs = ["address": address, "count": String(fromAddress.count)]
            guard closeOldest(of: fromAddress, because: Message("closed to make room: {address} had {count} connections waiting to log in; log in as soon as you connect (login <token>)", values)) else {
                return ProtocolFault(.tooManyConnections, Message("{address} already has {count} logins waiting out failed attempts: wait for them, or check the token", values))
            }
        } else if waiting.count >= configuration.maxPendingLogins {
            let values: KeyValuePairs = ["count": String(waiting.count)]
            guard closeOldest(of: waiting, because: Message("closed to make room: {count} connections were waiting to log in; log in as soon as you connect (login <token>)", values)) else {
                return ProtocolFault(.tooManyConnections, Message("{count} logins are waiting out failed attempts: try again in a few seconds", values))
            }
        }
        return nil
    }

    /// Closes the oldest connection of `waiting` that is not in the middle of
    /// a login; false when they all are.
    @discardableResult
    private func closeOldest(of waiting: [Int: Session], because reason: Message) -> Bool {
        guard let (oldest, session) = waiting.filter({ !$0.value.loginUnderWay }).min(by: { $0.value.connectedAt < $1.value.connectedAt }) else { return false }
        reply(ProtocolFault(.loginRequired, reason), to: oldest)
        end(oldest)
        let peer = session.connection.peer
        Task { await handler.note(.dropped(peer, .loginRequired)) }
        return true
    }

    /// Whether a session may hold `role` once logged in: `maxConnections`
    /// logged-in TCP connections, and `reservedForCentre` more for the MCU centre only.
    func roomForLogin(as role: Role, on id: Int) -> ProtocolFault? {
        guard let session = sessions[id], session.connection.peer.transport == .tcp, session.role == nil else { return nil }
        let loggedIn = sessions.values.count { $0.role != nil && $0.connection.peer.transport == .tcp }
        let limit = configuration.maxConnections + (role == .mcu ? configuration.reservedForCentre : 0)
        guard loggedIn >= limit else { return nil }
        return ProtocolFault(
            .tooManyConnections,
            Message(
                "the room already has {count} logged-in TCP control connections, its maximum for the {role} role: close one you no longer use, or try again later",
                ["count": String(loggedIn), "role": role.rawValue])
        )
    }

    /// One line for a connection that gets no session, then closed. The
    /// client has sent nothing yet, so closing does not reset the line away.
    private nonisolated func turnAway(_ descriptor: Int32, with refusal: ProtocolFault, in language: Language) {
        let line = WireFormat.reply(refusal.reply(in: language), mode: .text)
        _ = line.utf8CString.withUnsafeBufferPointer { text in
            Glibc.send(descriptor, text.baseAddress, text.count - 1, Int32(MSG_NOSIGNAL))
        }
        shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
    }
}

extension Duration {
    /// `600 s`, `1.5 s`, `250 ms`: for messages.
    var formatted: String {
        let milliseconds = Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        if milliseconds >= 1000 { return "\(Double(milliseconds) / 1000) s" }
        return "\(milliseconds) ms"
    }
}
