import FoundationEssentials
import Support
import Localization

/// The session's wire side: sending one command at a time and sorting what
/// comes back into login prompts, echoes, answers, banners and notifications.
extension TerminalClient {
    // MARK: One command at a time

    private func takeTurn() async {
        if !turnTaken {
            turnTaken = true
            return
        }
        await withCheckedContinuation { turnQueue.append($0) }
    }

    private func passTurn() {
        if turnQueue.isEmpty {
            turnTaken = false
        } else {
            turnQueue.removeFirst().resume()
        }
    }

    /// Sends one command and waits for its answer lines. A call-control
    /// command is refused unless `authorised` (only `perform(_:)` sets it).
    /// When the unit's banner came again, the notifications are registered
    /// again first.
    /// `nudgeAfter` overrides the options' for this command (the keep-alive
    /// of a close watch must get a held-back answer out within its wait).
    func run(_ command: DialectCommand, authorised: Bool = false, nudgeAfter: Duration? = nil) async throws -> [String] {
        // Checked against every dialect this driver knows, not only the
        // session's own: no dialect can pass a call command off as a query.
        guard authorised || !(dialect.isCallControl(command.text) || DialectKind.allCases.contains { $0.dialect.isCallControl(command.text) }) else {
            throw CodecError.callControlWithoutAuthorization(command: command.text)
        }
        let bytes = try TelnetEncoder.line(command.text)
        await takeTurn()
        defer { passTurn() }
        if needsSessionSetup {
            needsSessionSetup = false
            try await sendSessionSetup()
        }
        return try await exchange(command, bytes: bytes, nudgeAfter: nudgeAfter ?? options.nudgeAfter)
    }

    /// Sends the dialect's session setup (echo off, notification
    /// registrations) after login.
    func runSessionSetup() async throws {
        await takeTurn()
        defer { passTurn() }
        needsSessionSetup = false
        try await sendSessionSetup()
    }

    /// Registers the notifications again if no command has done it yet.
    func registerAgain() async {
        await takeTurn()
        defer { passTurn() }
        guard needsSessionSetup, phase == .online else { return }
        needsSessionSetup = false
        try? await sendSessionSetup()
    }

    /// The session setup, one command after the other; the caller holds the
    /// turn. A registration the model refuses is left out, not fatal.
    private func sendSessionSetup() async throws {
        for setup in dialect.sessionSetup {
            let bytes = try TelnetEncoder.line(setup.text)
            let answer = try await unlessRefused(setup, leaving: Message("the room will not hear of what it registers for")) {
                try await exchange(setup, bytes: bytes)
            }
            if let answer { apply(answer.flatMap(dialect.interpret)) }
        }
    }

    /// One command and its answer; the caller holds the turn.
    private func exchange(_ command: DialectCommand, bytes: [UInt8], nudgeAfter: Duration? = nil) async throws -> [String] {
        if let lastSentAt {
            let ready = lastSentAt + pacing
            if ready > ContinuousClock.now { try? await Task.sleep(until: ready, clock: .continuous) }
        }
        guard phase == .online, let connection else { throw CodecError.notConnected(host: host, port: port) }
        exchangeCounter += 1
        let id = exchangeCounter
        let current = generation
        return try await withCheckedThrowingContinuation { continuation in
            do throws(CodecError) {
                try connection.write(bytes)
            } catch {
                continuation.resume(throwing: error)
                drop(error, report: true)
                return
            }
            lastSentAt = .now
            pendingEchoes.append(command.text)
            if pendingEchoes.count > 4 { pendingEchoes.removeFirst() }
            // The keep-alive goes once a second in a meeting: not a journal line each time.
            if command.text != dialect.keepAlive.text { log(.verbatim("→ \(command.text)")) }
            let exchange = Exchange(id: id, command: command.text, collector: AnswerCollector(shape: command.answer), continuation: continuation)
            let timeout = options.commandTimeout
            arm(.answer(id), after: timeout) { [weak self] in Task { await self?.expire(id) } }
            let nudgeAfter = nudgeAfter ?? options.nudgeAfter
            if dialect.nudgesHeldAnswers, nudgeAfter < timeout {
                arm(.nudge(id), after: nudgeAfter) { [weak self] in Task { await self?.nudge(id, generation: current) } }
            }
            self.exchange = exchange
            if exchange.collector.isCompleteWhenQuiet { settleLater(id) }
        }
    }

    /// (Re)arms the wait after which an answer with no end marker of its
    /// own is complete: each new line of it starts the wait again.
    private func settleLater(_ id: Int) {
        arm(.settle(id), after: options.answerSettle) { [weak self] in Task { await self?.settled(id) } }
    }

    private func settled(_ id: Int) {
        guard let exchange, exchange.id == id, exchange.collector.isCompleteWhenQuiet else { return }
        finish(exchange, with: .success(exchange.collector.lines))
    }

    private func expire(_ id: Int) {
        guard let exchange, exchange.id == id else { return }
        self.exchange = nil
        disarmTimers(of: exchange)
        log(Message("no answer to '{command}' within {timeout}", ["command": "\(exchange.command)", "timeout": "\(options.commandTimeout)"]))
        let error = CodecError.commandTimedOut(command: exchange.command, seconds: options.commandTimeout.seconds)
        exchange.continuation.resume(throwing: error)
        if !dialect.answersNameTheirCommand {
            // A late answer would be taken for the next command's: start afresh.
            drop(error, report: true)
        }
    }

    /// Arms one of an exchange's time-outs. Through `Deadlines`, not a
    /// `Task.sleep` per exchange: a cancelled sleep still wakes the daemon
    /// at its deadline, and a keep-alive once a second during a meeting
    /// would leave two such wake-ups behind each time.
    private func arm(_ timeOut: ExchangeTimeOut, after delay: Duration, _ action: @escaping () -> Void) {
        if let target = timeOuts.arm(timeOut, at: .now + delay, action) {
            Sleeper.start(until: target) { [weak self] in await self?.timeOutsDue($0) }
        }
    }

    private func timeOutsDue(_ target: ContinuousClock.Instant) {
        let (actions, next) = timeOuts.fire(sleeperFor: target)
        if let next { Sleeper.start(until: next) { [weak self] in await self?.timeOutsDue($0) } }
        for action in actions { action() }
    }

    func disarmTimers(of exchange: Exchange) {
        timeOuts.disarm(.answer(exchange.id))
        timeOuts.disarm(.nudge(exchange.id))
        timeOuts.disarm(.settle(exchange.id))
    }

    /// The terminal holds an answer back until it gets another line (the
    /// lag real Poly units show): an empty line releases it.
    private func nudge(_ id: Int, generation current: Int) {
        guard let exchange, exchange.id == id, current == generation, let connection else { return }
        log(Message("no answer to '{command}' yet: sending an empty line", ["command": "\(exchange.command)"]))
        try? connection.write([0x0D, 0x0A])
    }

    private func finish(_ exchange: Exchange, with result: Result<[String], CodecError>) {
        self.exchange = nil
        disarmTimers(of: exchange)
        exchange.continuation.resume(with: result.mapError { $0 as any Error })
    }

    // MARK: What comes back

    func receive(_ read: SocketRead, generation current: Int) {
        guard current == generation else { return }
        switch read {
        case let .bytes(bytes):
            heard()
            let output: TelnetDecoder.Output
            do {
                output = try decoder.decode(bytes)
            } catch {
                log(Message("protocol error: {fault}", parts: ["fault": .about(error)]))
                emit(.protocolError(.about(error)))
                drop(error, report: true)
                return
            }
            if !output.replies.isEmpty { try? connection?.write(output.replies) }
            for line in output.lines {
                guard current == generation else { return }
                if phase == .loggingIn && !loginSucceeded {
                    loginLine(line)
                } else if phase == .loggingIn {
                    closingLoginLine(line)
                } else {
                    sessionLine(line)
                }
            }
            guard current == generation else { return }
            pendingText()
        case .closed:
            drop(.connectionClosed(host: host, port: port), report: true)
        case let .failed(code):
            drop(.socketFailed(operation: "read", errno: code), report: true)
        case let .ended(error):
            drop(error, report: true)
        }
    }

    /// Text without a line end: a login prompt or the command prompt.
    private func pendingText() {
        let text = decoder.pendingText
        guard !text.isEmpty else {
            answeredPrompt = nil
            return
        }
        if phase == .loggingIn && !loginSucceeded {
            // Over SSH the SSH layer logged in: a prompt in the stream is not asked of us.
            guard text != answeredPrompt, transport == .telnet else { return }
            let word = text.trimmed().lowercased()
            if word.hasSuffix("password:") {
                answeredPrompt = text
                log(Message("→ (password hidden)"))
                sendLoginAnswer(credentials.password)
            } else if word.hasSuffix("login:") || word.hasSuffix("user:") || word.hasSuffix("username:") {
                answeredPrompt = text
                log(.verbatim("→ \(credentials.user)"))
                sendLoginAnswer(credentials.user)
            } else if let prompt = dialect.prompt, text == prompt {
                loginDone()
            }
            return
        }
        if let prompt = dialect.prompt, text == prompt, let exchange, exchange.collector.promptSeen() == .finished {
            finish(exchange, with: .success(exchange.collector.lines))
        }
    }

    private func sendLoginAnswer(_ text: String) {
        guard let bytes = try? TelnetEncoder.line(text) else {
            failLogin(.invalidCommandText("(the user or password in the secrets file holds a control character)"))
            return
        }
        do { try connection?.write(bytes) } catch { failLogin(error) }
    }

    private func loginLine(_ line: String) {
        if dialect.loginFailureTexts.contains(where: { line.contains($0) }) {
            log(Message("login refused: {answer}", ["answer": line]))
            failLogin(.loginRejected(host: host, answer: line.trimmed()))
            return
        }
        banner(line, duringLogin: true)
        if dialect.isLoginSuccess(line) {
            loginSucceeded = true
            if dialect.loginClosingLine == nil { loginDone() }
        }
    }

    private func closingLoginLine(_ line: String) {
        if line == dialect.loginClosingLine {
            loginDone()
        } else {
            banner(line, duringLogin: true)
        }
    }

    private func loginDone() {
        loginSucceeded = true
        guard let waiter = loginWaiter else { return }
        loginWaiter = nil
        waiter.resume()
    }

    private func failLogin(_ error: CodecError) {
        guard let waiter = loginWaiter else { return }
        loginWaiter = nil
        waiter.resume(throwing: error)
    }

    /// Absorbs a banner line; returns whether the line was one.
    @discardableResult
    private func banner(_ line: String, duringLogin: Bool) -> Bool {
        switch dialect.bannerLine(line) {
        case let .start(name):
            inBanner = true
            apply([.identity(TerminalIdentity(systemName: name))])
            if !duringLogin {
                // Poly units print the banner again on an open connection. A
                // restart drops the connection (see `SessionEnd`); this is not
                // one, but the notifications are registered again to be sure.
                log(Message("the terminal's welcome banner came again on the open connection: registering for notifications again"))
                needsSessionSetup = true
                Task { await self.registerAgain() }
            }
            return true
        case let .field(identity) where inBanner || duringLogin:
            apply([.identity(identity)])
            return true
        default:
            inBanner = false
            return false
        }
    }

    private func sessionLine(_ raw: String) {
        var line = raw.trimmed()
        if let prompt = dialect.prompt?.trimmed(), line.hasPrefix(prompt) {
            line = String(line.dropFirst(prompt.count)).trimmed()
            if line.isEmpty { return }
        }
        if let echo = pendingEchoes.firstIndex(of: line) {
            pendingEchoes.remove(at: echo)
            return
        }
        if var exchange {
            // A banner line is never the answer to a command, except to the
            // Poly's `whoami`, whose answer is the welcome block itself.
            let bannerLine = dialect.bannerLine(line)
            let isBanner: Bool = if case .start = bannerLine { true } else { inBanner && bannerLine != nil }
            if exchange.collector.shape == .welcomeBlock || !isBanner {
                switch exchange.collector.offer(line) {
                case .notMine:
                    break
                case .taken:
                    self.exchange = exchange
                    if exchange.collector.isCompleteWhenQuiet { settleLater(exchange.id) }
                    return
                case .finished:
                    finish(exchange, with: .success(exchange.collector.lines))
                    return
                case .finishedBefore:
                    finish(exchange, with: .success(exchange.collector.lines))
                case let .failed(answer):
                    finish(exchange, with: .failure(.commandFailed(command: exchange.command, answer: answer)))
                    return
                }
            }
        }
        if banner(line, duringLogin: false) { return }
        apply(dialect.interpret(line))
    }
}
