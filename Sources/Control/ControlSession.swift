import Localization
import Room
import Support

/// A connection's life once admitted: its lines read, answered, and passed
/// on to the daemon when the sender's role reaches the command.
extension ControlServer {
    /// Reads the connection's inputs until it closes; one line at a time, so
    /// replies keep the order of requests.
    func serve(_ connection: ControlConnection) async {
        let id = connection.peer.connection
        for await input in connection.inputs {
            switch input {
            case .line(let bytes):
                await receive(bytes, on: id)
                connection.lineHandled()
            case .overlong:
                await drop(id, ProtocolFault(.lineTooLong, Message(
                    "the line is longer than {bytes} bytes: connection closed; send shorter lines", ["bytes": String(configuration.maxLineBytes)])))
            case .idle:
                await drop(id, ProtocolFault(.idle, Message(
                    "nothing received for {time}: connection closed; reconnect, and send a command or an empty line more often",
                    ["time": configuration.idleTimeout.formatted])))
            case .ended:
                connection.close()
            case .stalled:
                await handler.note(.dropped(connection.peer, .notReading))
            }
        }
        loginChecks.disarm(id)
        sessions[id] = nil
    }

    /// Gives a connection that has not logged in `loginTimeout` from now to do so.
    func armLoginCheck(_ id: Int) {
        if let target = loginChecks.arm(id, at: .now + configuration.loginTimeout, { Task { await self.requireLogin(id) } }) {
            Sleeper.start(until: target) { await self.loginChecksDue($0) }
        }
    }

    /// A sleeper of `loginChecks` woke: the connections due get their check.
    func loginChecksDue(_ target: ContinuousClock.Instant) {
        let (actions, next) = loginChecks.fire(sleeperFor: target)
        if let next { Sleeper.start(until: next) { await self.loginChecksDue($0) } }
        for action in actions { action() }
    }

    /// Closes the connection if it has still not logged in.
    func requireLogin(_ id: Int) async {
        guard let session = sessions[id], session.role == nil else { return }
        await drop(id, ProtocolFault(.loginRequired, Message(
            "no login within {time} of connecting: connection closed; reconnect and send login <token> first", ["time": configuration.loginTimeout.formatted])))
    }

    private func drop(_ id: Int, _ fault: ProtocolFault) async {
        guard let session = sessions[id] else { return }
        reply(fault, to: id)
        end(id)
        await handler.note(.dropped(session.connection.peer, fault.code))
    }

    /// One line from a client: read it in the session's mode, then answer it.
    private func receive(_ bytes: [UInt8], on id: Int) async {
        guard let session = sessions[id], let (words, requestID) = words(of: bytes, on: id, mode: session.mode) else { return }
        if words.isEmpty {
            // A blank text line only keeps the connection awake; an empty JSON command is a mistake.
            if session.mode == .json {
                reply(ProtocolFault(.badArgument, Message("the command is empty: give e.g. {example}", ["example": #""command": "status""#])), to: id, requestID: requestID)
            }
            return
        }

        let parsed: ControlLine
        do throws(ProtocolFault) {
            parsed = try CommandGrammar.parse(words)
        } catch {
            reply(error, to: id, requestID: requestID)
            return
        }
        switch parsed {
        case .session(let command):
            await perform(command, on: id, requestID: requestID)
        case .room(let command):
            await forward(command, from: id, requestID: requestID)
        }
    }

    /// The words of a line, or nil when it could not be read (the client has been told why).
    private func words(of bytes: [UInt8], on id: Int, mode: WireMode) -> (words: [String], requestID: RequestID?)? {
        guard let line = String(validating: bytes, as: UTF8.self) else {
            reply(ProtocolFault(.encoding, Message("the line is not UTF-8 text: send commands as UTF-8")), to: id)
            return nil
        }
        if let control = line.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            reply(ProtocolFault(.syntax, Message("control character 0x{code} in the line: send plain text", ["code": String(control.value, radix: 16)])), to: id)
            return nil
        }

        do throws(ProtocolFault) {
            switch mode {
            case .text:
                return (try WordQuoting.words(of: line), nil)
            case .json:
                // The way back a person types, as the bad-json message tells them.
                if line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map({ $0.lowercased() }) == ["mode", "text"] {
                    return (["mode", "text"], nil)
                }
                switch JSONRequest.decode(line) {
                case .success(let request):
                    return (request.words, request.id)
                case .failure(let failure):
                    reply(failure.fault, to: id, requestID: failure.id)
                    return nil
                }
            }
        } catch {
            reply(error, to: id)
            return nil
        }
    }

    /// A room command: to the daemon if the session's role reaches it.
    private func forward(_ command: ControlCommand, from id: Int, requestID: RequestID?) async {
        guard let session = sessions[id] else { return }
        guard let role = session.role else {
            reply(
                ProtocolFault(.loginRequired, Message("log in first: login <token> (the token for your role is in the room's secrets file)")),
                to: id, requestID: requestID)
            return
        }
        let request = ControlRequest(command: command, sender: client(session, role: role), language: session.language)
        if let forbidden = CommandCatalog.refusal(of: command, role: role) {
            reply(forbidden, to: id, requestID: requestID)
            await handler.note(.forbidden(request))
            return
        }
        if let text = command.logbookText {
            let peer = session.connection.peer
            let client = peer.transport == .tcp ? peer.address : "uid \(peer.userID.map(String.init) ?? "?")"
            guard logbookBudget.spend(text.utf8.count, by: client, now: .now) else {
                reply(
                    ProtocolFault(.refused, Message(
                        "the logbook takes at most {entries} notes, faults and fixes ({kilobytes} KB of text) a minute from one client: wait a minute, or write fewer, longer notes",
                        ["entries": String(configuration.logbookEntriesPerMinute), "kilobytes": String(configuration.logbookBytesPerMinute / 1024)])),
                    to: id, requestID: requestID)
                await handler.note(.forbidden(request))
                return
            }
        }
        let answer = await handler.handle(request)
        reply(answer, to: id, requestID: requestID)
    }

    private func perform(_ command: SessionCommand, on id: Int, requestID: RequestID?) async {
        guard let session = sessions[id] else { return }
        switch command {
        case .login(let token):
            let source = session.connection.peer.address
            let wait = throttle.admit(source, now: .now)
            if wait > .zero {
                // A login held by the back-off is not a connection that never
                // logs in: it is neither closed by the login time-out nor made
                // room for while it waits.
                let waitingToLogIn = session.role == nil
                if waitingToLogIn {
                    loginChecks.disarm(id)
                    sessions[id]?.loginUnderWay = true
                }
                try? await Task.sleep(for: wait)
                guard sessions[id] != nil else { return }
                if waitingToLogIn { sessions[id]?.loginUnderWay = false }
            }
            guard sessions[id] != nil else { return }
            if let role = tokens.role(for: token) {
                throttle.succeeded(source, now: .now)
                if let full = roomForLogin(as: role, on: id) {
                    reply(full, to: id, requestID: requestID)
                    end(id)
                    return
                }
                sessions[id]?.role = role
                sessions[id]?.tokenLogin = true
                loginChecks.disarm(id)
                reply(.ok("login", ["role": .text(role.rawValue)]), to: id, requestID: requestID)
                if let session = sessions[id] {
                    let loggedIn = client(session, role: role)
                    await handler.note(.loggedIn(loggedIn))
                    if let greeting = await handler.greeting(for: loggedIn), let session = sessions[id] {
                        session.connection.send(WireFormat.event(greeting, mode: session.mode, in: session.language))
                    }
                }
            } else {
                throttle.failed(source, now: .now)
                if sessions[id]?.role == nil { armLoginCheck(id) }
                reply(
                    .error(.loginFailed, session.language.say(
                        "that token matches no role: check it against the room's secrets file; each failed attempt from {source} makes the next one wait longer",
                        ["source": source])),
                    to: id, requestID: requestID
                )
                await handler.note(.loginFailed(session.connection.peer))
            }
        case .events(let on):
            guard session.role != nil else {
                reply(ProtocolFault(.loginRequired, Message("log in first: login <token>")), to: id, requestID: requestID)
                return
            }
            sessions[id]?.subscribed = on
            reply(.ok("events", ["events": .flag(on)]), to: id, requestID: requestID)
        case .mode(let mode):
            sessions[id]?.mode = mode
            reply(.ok("mode", ["mode": .text(mode.rawValue)]), to: id, requestID: requestID)
        case .language(let language):
            sessions[id]?.language = language
            reply(.ok("language", ["language": .text(language.rawValue)]), to: id, requestID: requestID)
        case .help(let topic):
            reply(CommandCatalog.help(topic, role: session.role, in: session.language), to: id, requestID: requestID)
        case .quit:
            reply(.ok("bye"), to: id, requestID: requestID)
            end(id)
        }
    }

    /// The logged-in client, named as the room file names the person behind it.
    func client(_ session: Session, role: Role) -> ControlClient {
        let person = configuration.people.person(role: role, loggedInWithToken: session.tokenLogin, peer: session.connection.peer)
        return ControlClient(role: role, peer: session.connection.peer, person: person)
    }

    /// Ends a session: it gets no more events and no longer counts towards
    /// the maximum, while its connection delivers the last reply and closes.
    func end(_ id: Int) {
        loginChecks.disarm(id)
        sessions.removeValue(forKey: id)?.connection.finish()
    }

    /// Sends a reply, its reason already said in the session's language
    /// (the daemon says its own in `ControlRequest.language`).
    func reply(_ reply: ControlReply, to id: Int, requestID: RequestID? = nil) {
        guard let session = sessions[id] else { return }
        let line = WireFormat.reply(reply, mode: session.mode, id: requestID)
        // The whole line as written: in JSON mode the document is escaped, and longer.
        var document = 0
        if case .document = reply { document = line.utf8.count }
        session.connection.send(line, beyondLimit: document)
    }

    /// Answers with what is wrong, said in the session's language.
    func reply(_ fault: ProtocolFault, to id: Int, requestID: RequestID? = nil) {
        guard let session = sessions[id] else { return }
        reply(fault.reply(in: session.language), to: id, requestID: requestID)
    }
}
