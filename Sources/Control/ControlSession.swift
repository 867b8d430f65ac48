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
                await drop(id, .lineTooLong, "the line is longer than \(configuration.maxLineBytes) bytes: connection closed; send shorter lines")
            case .idle:
                await drop(id, .idle, "nothing received for \(configuration.idleTimeout.formatted): connection closed; reconnect, and send a command or an empty line more often")
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
        await drop(id, .loginRequired, "no login within \(configuration.loginTimeout.formatted) of connecting: connection closed; reconnect and send login <token> first")
    }

    private func drop(_ id: Int, _ code: ControlErrorCode, _ message: String) async {
        guard let session = sessions[id] else { return }
        reply(.error(code, message), to: id)
        end(id)
        await handler.note(.dropped(session.connection.peer, code))
    }

    /// One line from a client: read it in the session's mode, then answer it.
    private func receive(_ bytes: [UInt8], on id: Int) async {
        guard let session = sessions[id], let (words, requestID) = words(of: bytes, on: id, mode: session.mode) else { return }
        if words.isEmpty {
            // A blank text line only keeps the connection awake; an empty JSON command is a mistake.
            if session.mode == .json {
                reply(.error(.badArgument, "the command is empty: give e.g. \"command\": \"status\""), to: id, requestID: requestID)
            }
            return
        }

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
            await forward(command, from: id, requestID: requestID)
        }
    }

    /// The words of a line, or nil when it could not be read (the client has been told why).
    private func words(of bytes: [UInt8], on id: Int, mode: WireMode) -> (words: [String], requestID: RequestID?)? {
        guard let line = String(validating: bytes, as: UTF8.self) else {
            reply(.error(.encoding, Language.mark("the line is not UTF-8 text: send commands as UTF-8")), to: id)
            return nil
        }
        if let control = line.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            reply(.error(.syntax, "control character 0x\(String(control.value, radix: 16)) in the line: send plain text"), to: id)
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
                    reply(failure.fault.reply, to: id, requestID: failure.id)
                    return nil
                }
            }
        } catch {
            reply(error.reply, to: id)
            return nil
        }
    }

    /// A room command: to the daemon if the session's role reaches it.
    private func forward(_ command: ControlCommand, from id: Int, requestID: RequestID?) async {
        guard let session = sessions[id] else { return }
        guard let role = session.role else {
            reply(
                .error(.loginRequired, Language.mark("log in first: login <token> (the token for your role is in the room's secrets file)")),
                to: id, requestID: requestID)
            return
        }
        let request = ControlRequest(command: command, sender: client(session, role: role), language: session.language)
        guard role >= command.minimumRole else {
            reply(
                .error(.forbidden, session.language.say(
                    "'{command}' needs the {role} role; you are logged in as {yours}",
                    ["command": command.verb, "role": command.minimumRole.rawValue, "yours": role.rawValue])),
                to: id, requestID: requestID
            )
            await handler.note(.forbidden(request))
            return
        }
        if let text = command.logbookText {
            let peer = session.connection.peer
            let client = peer.transport == .tcp ? peer.address : "uid \(peer.userID.map(String.init) ?? "?")"
            guard logbookBudget.spend(text.utf8.count, by: client, now: .now) else {
                reply(
                    .error(.refused, "the logbook takes at most \(configuration.logbookEntriesPerMinute) notes, faults and fixes (\(configuration.logbookBytesPerMinute / 1024) KB of text) a minute from one client: wait a minute, or write fewer, longer notes"),
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
                    reply(full.reply, to: id, requestID: requestID)
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
                        session.connection.send(WireFormat.event(greeting, mode: session.mode))
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
                reply(.error(.loginRequired, Language.mark("log in first: login <token>")), to: id, requestID: requestID)
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
            reply(CommandCatalog.help(topic, role: session.role), to: id, requestID: requestID)
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

    /// Sends a reply, its reason in the session's language when the catalog
    /// has it (reasons are made in English, marked with `Language.mark`).
    func reply(_ reply: ControlReply, to id: Int, requestID: RequestID? = nil) {
        guard let session = sessions[id] else { return }
        var reply = reply
        if case .error(let code, let message) = reply, session.language != .en {
            reply = .error(code, session.language.translation(of: message))
        }
        var document = 0
        if case .document(_, let text) = reply { document = text.utf8.count }
        session.connection.send(WireFormat.reply(reply, mode: session.mode, id: requestID), beyondLimit: document)
    }
}
