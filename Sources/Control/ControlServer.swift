import Configuration
import Glibc
import Room

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
    private let tokens: RoleTokens
    private let handler: any ControlHandler
    private var throttle: LoginThrottle
    private var listeners: [Listener] = []
    private var sessions: [Int: Session] = [:]
    private var nextConnection = 1
    private var boundTCPPort: Int?
    private var started = false
    private var stopping = false

    private struct Session {
        let connection: ControlConnection
        var role: Role?
        var mode = WireMode.text
        var subscribed = false
    }

    public init(configuration: ControlConfiguration, tokens: RoleTokens, handler: any ControlHandler) {
        self.configuration = configuration
        self.tokens = tokens
        self.handler = handler
        self.throttle = LoginThrottle(
            firstDelay: configuration.firstLoginDelay, maximumDelay: configuration.maximumLoginDelay
        )
    }

    /// Opens the listeners and starts accepting. Throws when an address or
    /// the socket path cannot be used; nothing is left open then.
    public func start() throws(ControlError) {
        guard !started else { throw .alreadyStarted }
        guard configuration.tcp != nil || configuration.unixSocket != nil else { throw .noEndpoint }
        var opened: [Listener] = []
        do throws(ControlError) {
            if let tcp = configuration.tcp {
                let (descriptor, port) = try ListeningSocket.tcp(address: tcp.address, port: tcp.port)
                opened.append(Listener(descriptor: descriptor, transport: .tcp))
                boundTCPPort = port
            }
            if let unix = configuration.unixSocket {
                let descriptor = try ListeningSocket.unix(path: unix.path, permissions: unix.permissions)
                opened.append(Listener(descriptor: descriptor, transport: .unix, unixPath: unix.path))
            }
        } catch {
            for listener in opened {
                listener.start()
                listener.stop()
            }
            throw error
        }
        started = true
        listeners = opened
        for listener in opened {
            listener.start()
            Task { await self.admitAll(from: listener) }
        }
    }

    /// The TCP port listened on (the one picked when the configuration said 0).
    public var tcpPort: Int? { boundTCPPort }

    /// Connections open now (logged in or not).
    public var connectionCount: Int { sessions.count }

    /// Sends an event to every logged-in client that sent `events on`, each in its own mode.
    public func publish(_ event: ControlEvent) {
        var rendered: [WireMode: String] = [:]
        for session in sessions.values where session.subscribed && session.role != nil {
            let line = rendered[session.mode] ?? WireFormat.event(event, mode: session.mode)
            rendered[session.mode] = line
            session.connection.send(line)
        }
    }

    /// Stops listening, tells every client the server is going, and closes them.
    public func stop() {
        guard started, !stopping else { return }
        stopping = true
        for listener in listeners { listener.stop() }
        listeners = []
        for id in Array(sessions.keys) {
            reply(.error(.shuttingDown, "the room's control server is stopping: reconnect when it is back"), to: id)
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
        let peer = ControlPeer(
            connection: nextConnection, transport: accepted.transport, address: accepted.address, port: accepted.port,
            userID: accepted.userID, processID: accepted.processID
        )
        nextConnection += 1
        if let refusal = refusal(of: peer) {
            turnAway(accepted.descriptor, with: refusal)
            Task { await handler.note(.rejected(peer, refusal.code)) }
            return
        }
        let connection = ControlConnection(
            descriptor: accepted.descriptor, peer: peer,
            limits: .init(
                maxLineBytes: configuration.maxLineBytes, idleTimeout: configuration.idleTimeout,
                maxPendingOutputBytes: configuration.maxPendingOutputBytes, closingGrace: configuration.closingGrace
            )
        )
        let role = accepted.transport == .unix ? configuration.unixSocket?.role : nil
        sessions[peer.connection] = Session(connection: connection, role: role)
        connection.start()
        connection.send(WireFormat.greeting(room: configuration.roomName, role: role))
        Task { await self.serve(connection) }
    }

    private func refusal(of peer: ControlPeer) -> ProtocolFault? {
        if stopping {
            return ProtocolFault(.shuttingDown, "the room's control server is stopping: reconnect when it is back")
        }
        if peer.transport == .tcp, let allow = configuration.tcp?.allow, !allow.contains(where: { $0.contains(peer.address) }) {
            return ProtocolFault(
                .addressNotAllowed,
                "\(peer.address) is not on this room's allow-list: ask the room's technician to add it to control.tcp.allow"
            )
        }
        if sessions.count >= configuration.maxConnections {
            return ProtocolFault(
                .tooManyConnections,
                "the room already has \(configuration.maxConnections) control connections, its maximum: close one you no longer use, or try again later"
            )
        }
        return nil
    }

    /// One line for a connection that gets no session, then closed. The
    /// client has sent nothing yet, so closing does not reset the line away.
    private nonisolated func turnAway(_ descriptor: Int32, with refusal: ProtocolFault) {
        let line = WireFormat.reply(refusal.reply, mode: .text)
        _ = line.utf8CString.withUnsafeBufferPointer { text in
            Glibc.send(descriptor, text.baseAddress, text.count - 1, Int32(MSG_NOSIGNAL))
        }
        shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
    }

    // MARK: Sessions

    private func serve(_ connection: ControlConnection) async {
        let id = connection.peer.connection
        for await input in connection.inputs {
            switch input {
            case .line(let bytes):
                await receive(bytes, on: id)
                connection.lineHandled()
            case .overlong:
                await drop(id, .lineTooLong, "the line is longer than \(configuration.maxLineBytes) bytes: connection closed; send shorter lines")
            case .idle:
                await drop(id, .idle, "nothing received for \(configuration.idleTimeout.formatted): connection closed; reconnect, and send a command or an empty line more often")
            case .ended:
                connection.close()
            case .stalled:
                await handler.note(.dropped(connection.peer, .notReading))
            }
        }
        sessions[id] = nil
    }

    private func drop(_ id: Int, _ code: ControlErrorCode, _ message: String) async {
        guard let session = sessions[id] else { return }
        reply(.error(code, message), to: id)
        end(id)
        await handler.note(.dropped(session.connection.peer, code))
    }

    private func receive(_ bytes: [UInt8], on id: Int) async {
        guard let session = sessions[id] else { return }
        guard let line = String(validating: bytes, as: UTF8.self) else {
            reply(.error(.encoding, "the line is not UTF-8 text: send commands as UTF-8"), to: id)
            return
        }
        if let control = line.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            reply(.error(.syntax, "control character 0x\(String(control.value, radix: 16)) in the line: send plain text"), to: id)
            return
        }

        var requestID: RequestID?
        let words: [String]
        do throws(ProtocolFault) {
            switch session.mode {
            case .text:
                words = try WordQuoting.words(of: line)
            case .json:
                switch JSONRequest.decode(line) {
                case .success(let request):
                    requestID = request.id
                    words = request.words
                case .failure(let failure):
                    reply(failure.fault.reply, to: id, requestID: failure.id)
                    return
                }
            }
        } catch {
            reply(error.reply, to: id)
            return
        }
        if words.isEmpty { return }

        let parsed: ControlLine
        do throws(ProtocolFault) {
            parsed = try CommandGrammar.parse(words)
        } catch {
            reply(error.reply, to: id, requestID: requestID)
            return
        }

        switch parsed {
        case .session(let command):
            await perform(command, on: id, requestID: requestID)
        case .room(let command):
            guard let role = session.role else {
                reply(.error(.loginRequired, "log in first: login <token> (the token for your role is in the room's secrets file)"), to: id, requestID: requestID)
                return
            }
            let request = ControlRequest(command: command, sender: ControlClient(role: role, peer: session.connection.peer))
            guard role >= command.minimumRole else {
                reply(
                    .error(.forbidden, "'\(command.verb)' needs the \(command.minimumRole.rawValue) role; you are logged in as \(role.rawValue)"),
                    to: id, requestID: requestID
                )
                await handler.note(.forbidden(request))
                return
            }
            let answer = await handler.handle(request)
            reply(answer, to: id, requestID: requestID)
        }
    }

    private func perform(_ command: SessionCommand, on id: Int, requestID: RequestID?) async {
        guard let session = sessions[id] else { return }
        switch command {
        case .login(let token):
            let source = session.connection.peer.address
            let wait = throttle.admit(source, now: .now)
            if wait > .zero { try? await Task.sleep(for: wait) }
            guard sessions[id] != nil else { return }
            if let role = tokens.role(for: token) {
                sessions[id]?.role = role
                reply(.ok("login", ["role": .text(role.rawValue)]), to: id, requestID: requestID)
                await handler.note(.loggedIn(ControlClient(role: role, peer: session.connection.peer)))
            } else {
                throttle.failed(source, now: .now)
                reply(
                    .error(.loginFailed, "that token matches no role: check it against the room's secrets file; each failed attempt from \(source) makes the next one wait longer"),
                    to: id, requestID: requestID
                )
                await handler.note(.loginFailed(session.connection.peer))
            }
        case .events(let on):
            guard session.role != nil else {
                reply(.error(.loginRequired, "log in first: login <token>"), to: id, requestID: requestID)
                return
            }
            sessions[id]?.subscribed = on
            reply(.ok("events", ["events": .flag(on)]), to: id, requestID: requestID)
        case .mode(let mode):
            sessions[id]?.mode = mode
            reply(.ok("mode", ["mode": .text(mode.rawValue)]), to: id, requestID: requestID)
        case .help(let topic):
            reply(CommandCatalog.help(topic, role: session.role), to: id, requestID: requestID)
        case .quit:
            reply(.ok("bye"), to: id, requestID: requestID)
            end(id)
        }
    }

    /// Ends a session: it gets no more events and no longer counts towards
    /// the maximum, while its connection delivers the last reply and closes.
    private func end(_ id: Int) {
        sessions.removeValue(forKey: id)?.connection.finish()
    }

    private func reply(_ reply: ControlReply, to id: Int, requestID: RequestID? = nil) {
        guard let session = sessions[id] else { return }
        session.connection.send(WireFormat.reply(reply, mode: session.mode, id: requestID))
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
