import FoundationEssentials
import Room
import Support
import Localization

/// The driver of one room terminal's Telnet-style API.
///
/// It opens the API session, logs in, registers for notifications, answers
/// queries one command at a time (paced as the vendor asks), keeps the
/// session alive, and opens it again with back-off when it drops,
/// registering the notifications again. It never redials a call: the only
/// way to make, break or answer one is `perform(_:)` with a
/// `CallAuthorization`, which only the room's rules can create (R1).
///
/// ```swift
/// let client = TerminalClient(host: "10.0.0.5", dialect: PolyDialect(),
///                             credentials: try .load(from: "/etc/diemcau/codec.secret"))
/// await client.start()
/// for await event in client.events { ... }
/// ```
public actor TerminalClient {
    public struct Options: Sendable {
        public var connectTimeout: Duration = .seconds(5)
        public var loginTimeout: Duration = .seconds(10)
        /// How long one command may wait for its answer.
        public var commandTimeout: Duration = .seconds(5)
        /// After this long without an answer, a dialect whose terminal holds
        /// answers back gets an empty line to release them.
        public var nudgeAfter: Duration = .seconds(1)
        /// An answer with no end marker of its own (Poly's `whoami`, whose
        /// prompt may not come) is complete once the terminal has said
        /// nothing more for this long.
        public var answerSettle: Duration = .milliseconds(500)
        /// A quiet session gets the dialect's keep-alive command after this
        /// long without a byte from the terminal (see `watch(every:waiting:)`).
        public var keepAliveInterval: Duration = .seconds(30)
        /// How long a keep-alive may go unanswered before the terminal is reported silent.
        public var keepAliveWait: Duration = .seconds(5)
        /// This many keep-alives without an answer in a row reset the session.
        public var keepAliveFailuresBeforeReset = 3
        public var firstReconnectDelay: Duration = .seconds(1)
        public var maximumReconnectDelay: Duration = .seconds(30)
        /// The longest line accepted from the terminal; beyond it the session is reset.
        public var maximumLineLength = 64 * 1024
        /// How long a `CallAuthorization` stays good after it was granted.
        public var authorizationLifetime: Duration = .seconds(120)
        /// How long an authorised dial may take to show up as an outgoing call.
        public var dialWindow: Duration = .seconds(60)
        /// Overrides the dialect's pacing between commands (tests).
        public var pacing: Duration?
        /// Where a terminal that refuses Telnet is looked for an SSH server,
        /// to say so in the error (default: the dialect's SSH port).
        public var sshProbePort: UInt16?
        /// Where the client writes what it does. The password never reaches it.
        public var log: (@Sendable (Message) -> Void)?

        public init() {}
    }

    enum ExchangeTimeOut: Hashable {
        case answer(Int)
        case nudge(Int)
        /// An answer without an end marker is complete: the terminal went quiet.
        case settle(Int)
    }

    enum Phase: Equatable {
        case idle
        case loggingIn
        case online
    }

    struct Exchange {
        let id: Int
        let command: String
        var collector: AnswerCollector
        let continuation: CheckedContinuation<[String], any Error>
    }

    public nonisolated let host: String
    public nonisolated let port: UInt16
    public nonisolated let dialect: any TerminalDialect
    public nonisolated let transport: TerminalTransport
    public nonisolated let options: Options
    /// Everything that happens, in order. Bounded: the oldest events go first
    /// when nobody reads.
    public nonisolated let events: AsyncStream<TerminalEvent>
    let eventSink: AsyncStream<TerminalEvent>.Continuation
    let credentials: TerminalCredentials

    /// What the client knows about the terminal right now.
    public internal(set) var state = TerminalState()

    // The session.
    var connection: TCPConnection?
    var generation = 0
    var decoder: TelnetDecoder
    var phase = Phase.idle
    var loginWaiter: CheckedContinuation<Void, any Error>?
    var loginSucceeded = false
    var answeredPrompt: String?
    var exchange: Exchange?
    var exchangeCounter = 0
    var turnTaken = false
    var turnQueue: [CheckedContinuation<Void, Never>] = []
    var lastSentAt: ContinuousClock.Instant?
    var pendingEchoes: [String] = []
    var inBanner = false
    var needsSessionSetup = false
    var keepAliveTask: Task<Void, Never>?
    var readerTask: Task<Void, Never>?
    /// The exchanges' time-outs: the answer's, and the nudge for a held-back answer.
    var timeOuts = Deadlines<ExchangeTimeOut>()
    /// The keep-alive's timing now: the options' until `watch(every:waiting:)` changes it.
    var probeInterval: Duration
    var probeWait: Duration
    /// When the terminal last sent anything.
    var lastHeardAt = ContinuousClock.now
    /// A probe went unanswered and the room was told; cleared by the next byte.
    var reportedSilent = false
    /// The commands the terminal refused, each logged once: the field it
    /// answers stays unknown and the session goes on.
    var refusalsLogged: Set<String> = []
    /// How the last online session ended, until the next one opens: what
    /// tells a restart of the unit from a network hiccup.
    var lastSessionEnd: SessionEnd?
    /// The room was told this session is open (`.connected`). Only such a
    /// session's end is a loss the room hears of and the evidence of a
    /// restart: a connection the unit takes and closes while it restarts
    /// never opened a session.
    var sessionAnnounced = false

    // The supervisor.
    var supervisor: Task<Void, Never>?
    var disconnectWaiters: [CheckedContinuation<Void, Never>] = []
    var stopped = false

    // The gate.
    var usedAuthorizations: Set<CallAuthorization> = []
    var authorisedDials: [ContinuousClock.Instant] = []
    var vettedCalls: Set<String> = []

    public init(
        host: String, port: UInt16? = nil, dialect: any TerminalDialect,
        credentials: TerminalCredentials, transport: TerminalTransport = .telnet, options: Options = Options()
    ) {
        self.host = host
        self.port = port ?? {
            switch transport {
            case .telnet: dialect.defaultPort
            case .ssh: dialect.sshPort ?? 22
            }
        }()
        self.dialect = dialect
        self.transport = transport
        self.credentials = credentials
        self.options = options
        self.decoder = TelnetDecoder(maximumLineLength: options.maximumLineLength)
        probeInterval = options.keepAliveInterval
        probeWait = options.keepAliveWait
        (events, eventSink) = AsyncStream.makeStream(of: TerminalEvent.self, bufferingPolicy: .bufferingNewest(4096))
    }

    var pacing: Duration { options.pacing ?? dialect.pacing }

    func emit(_ event: TerminalEvent) {
        eventSink.yield(event)
    }

    func emit(_ events: [TerminalEvent]) {
        for event in events { eventSink.yield(event) }
    }

    func log(_ message: @autoclosure () -> Message) {
        options.log?(Message("codec {host}:{port}: {message}", ["host": host, "port": "\(port)"], parts: ["message": message()]))
    }

    // MARK: Lifecycle

    /// Keeps the API session open until `stop()`: connects, and after a drop
    /// connects again with back-off (1 s, 2 s, 4 s ... up to the maximum).
    /// A refused password stops it: retrying would only lock the account.
    public func start() {
        guard supervisor == nil, !stopped else { return }
        supervisor = Task { await self.supervise() }
    }

    /// Closes the session for good and ends the event stream.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        supervisor?.cancel()
        drop(CodecError.stopped, report: false)
        emit(.stopped(reason: CodecError.stopped.message))
        eventSink.finish()
        for waiter in disconnectWaiters { waiter.resume() }
        disconnectWaiters = []
    }

    private func supervise() async {
        var delay = options.firstReconnectDelay
        while !stopped, !Task.isCancelled {
            do {
                try await connect()
                delay = options.firstReconnectDelay
                await waitUntilDisconnected()
            } catch let error as CodecError {
                if case .loginRejected = error {
                    emit(.stopped(reason: error.message))
                    return
                }
                if !stopped { emit(.connectionLost(reason: error.message)) }
            } catch {
                if !stopped { emit(.connectionLost(reason: .about(error))) }
            }
            if stopped { return }
            log(Message("opening the API session again in {delay}", ["delay": "\(delay)"]))
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, options.maximumReconnectDelay)
        }
    }

    private func waitUntilDisconnected() async {
        guard phase != .idle else { return }
        await withCheckedContinuation { disconnectWaiters.append($0) }
    }

    /// Opens the API session once: connects, logs in, registers the
    /// notifications and reads the terminal's state. Throws
    /// `CodecError.loginRejected` on a wrong password.
    public func connect() async throws {
        guard !stopped else { throw CodecError.stopped }
        guard phase == .idle else { return }
        phase = .loggingIn
        state.connection = .connecting
        let link: TCPConnection
        do {
            link = try await openLink()
        } catch {
            phase = .idle
            state.connection = .disconnected
            throw error
        }
        guard !stopped else { link.close(); throw CodecError.stopped }
        generation += 1
        let current = generation
        connection = link
        decoder = TelnetDecoder(maximumLineLength: options.maximumLineLength)
        loginSucceeded = false
        answeredPrompt = nil
        pendingEchoes = []
        inBanner = false
        needsSessionSetup = false
        if case .ssh = transport {
            log(Message("connected over SSH as {user}", ["user": credentials.user]))
        } else if dialect.needsLogin {
            log(Message("connected, logging in as {user}", ["user": credentials.user]))
        } else {
            // What the unit says on connect (Yealink's `version` line) is already session talk.
            log(Message("connected; the API asks no login"))
            phase = .online
        }
        readerTask = Task { [weak self] in
            for await read in link.reads {
                await self?.receive(read, generation: current)
            }
        }
        do {
            if dialect.needsLogin { try await waitForLogin(generation: current) }
            phase = .online
            try await runSessionSetup()
            state.connection = .online
            _ = try await refresh()
        } catch {
            drop(error as? CodecError ?? .stopped, report: false)
            throw error
        }
        startKeepAlive(generation: current)
        log(Message("API session open: {name} {model}", ["name": state.identity.systemName ?? "?", "model": state.identity.model ?? ""]))
        sessionAnnounced = true
        emit(.connected(state.identity))
        if let end = lastSessionEnd {
            lastSessionEnd = nil
            if let evidence = end.restartEvidence(uptime: state.uptimeSeconds) {
                log(Message("the terminal restarted: {evidence}", ["evidence": "\(evidence)"]))
                emit(.unitRestarted(state.identity))
            }
        }
    }

    /// The connection: Telnet, or the OpenSSH client's pipes. A terminal
    /// that refuses Telnet but answers SSH is said to be reachable over SSH only.
    private func openLink() async throws(CodecError) -> TCPConnection {
        switch transport {
        case .telnet:
            do {
                return try await TCPConnection.connect(host: host, port: port, timeout: options.connectTimeout)
            } catch {
                switch error {
                case .connectFailed, .connectTimedOut:
                    if let sshPort = options.sshProbePort ?? dialect.sshPort,
                       await answersSSH(host: host, port: sshPort, within: min(options.connectTimeout, .seconds(2))) {
                        throw .onlySSH(host: host, telnetPort: port, sshPort: sshPort)
                    }
                    throw error
                default:
                    throw error
                }
            }
        case let .ssh(access):
            guard dialect.sshPort != nil else { throw .sshNotSupported(dialect: dialect.kind.rawValue) }
            return try SSHProcess.open(host: host, port: port, credentials: credentials, access: access, connectTimeout: options.connectTimeout)
        }
    }

    private func waitForLogin(generation current: Int) async throws {
        let timeout = options.loginTimeout
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            loginWaiter = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.loginTimedOut(generation: current)
            }
        }
    }

    private func loginTimedOut(generation current: Int) {
        guard current == generation, let waiter = loginWaiter else { return }
        loginWaiter = nil
        waiter.resume(throwing: CodecError.loginTimedOut(host: host, seconds: options.loginTimeout.seconds))
    }

    /// How closely to watch the session: after `interval` without a byte
    /// from the terminal it is sent the dialect's keep-alive, and if nothing
    /// comes back within `wait` it is reported `silent` (so a hung terminal
    /// is noticed `interval + wait` after its last word). The daemon watches
    /// closely during a meeting and rarely when the room is idle. Takes
    /// effect at once.
    public func watch(every interval: Duration, waiting wait: Duration) {
        guard interval != probeInterval || wait != probeWait else { return }
        probeInterval = interval
        probeWait = wait
        if phase == .online, keepAliveTask != nil { startKeepAlive(generation: generation) }
    }

    func startKeepAlive(generation current: Int) {
        keepAliveTask?.cancel()
        lastHeardAt = .now
        keepAliveTask = Task { [weak self] in
            var failures = 0
            while !Task.isCancelled {
                guard let self, let due = await self.nextProbe(generation: current) else { return }
                try? await Task.sleep(until: due, clock: .continuous)
                guard !Task.isCancelled else { return }
                switch await self.probe(generation: current) {
                case .answered: failures = 0
                case .unanswered: failures += 1
                case .notNeeded: continue
                case .sessionGone: return
                }
                if failures >= self.options.keepAliveFailuresBeforeReset {
                    let waited = await self.probeWait
                    await self.drop(.commandTimedOut(command: self.dialect.keepAlive.text, seconds: waited.seconds), report: true)
                    return
                }
            }
        }
    }

    enum KeepAliveOutcome { case answered, unanswered, notNeeded, sessionGone }

    private func nextProbe(generation current: Int) -> ContinuousClock.Instant? {
        guard current == generation, phase == .online else { return nil }
        return lastHeardAt + probeInterval
    }

    /// Sends the keep-alive if the terminal has been quiet for the interval,
    /// and waits `probeWait` for any byte back.
    private func probe(generation current: Int) async -> KeepAliveOutcome {
        guard current == generation, phase == .online else { return .sessionGone }
        guard ContinuousClock.now - lastHeardAt >= probeInterval else { return .notNeeded }
        let sent = ContinuousClock.now
        // Queued behind any command under way; its answer (or any other
        // line) is what counts, so nothing here waits for the exchange.
        // A terminal that holds answers back (Poly) is nudged halfway through the wait.
        let nudge = min(options.nudgeAfter, probeWait / 2)
        Task { [weak self] in
            guard let self else { return }
            if let lines = try? await self.run(self.dialect.keepAlive, nudgeAfter: nudge) { await self.apply(lines.flatMap(self.dialect.interpret)) }
        }
        try? await Task.sleep(for: probeWait)
        guard current == generation, phase == .online else { return .sessionGone }
        guard lastHeardAt < sent else { return .answered }
        if !reportedSilent {
            reportedSilent = true
            let waited = Double(Int((ContinuousClock.now - sent).seconds * 10)) / 10
            log(Message("no answer to the keep-alive within {seconds} s: the terminal is silent", ["seconds": "\(waited)"]))
            emit(.silent(reason: Message("connected, but no answer to '{command}' within {seconds} s", ["command": dialect.keepAlive.text, "seconds": "\(waited)"])))
        }
        return .unanswered
    }

    /// A byte from the terminal: it is not silent.
    func heard() {
        lastHeardAt = .now
        if reportedSilent {
            reportedSilent = false
            log(Message("the terminal answers again"))
            emit(.answering)
        }
    }

    /// Ends the session; `report` says whether the room hears of it.
    func drop(_ error: CodecError, report: Bool) {
        guard phase != .idle || connection != nil else { return }
        let wasOnline = sessionAnnounced
        sessionAnnounced = false
        if wasOnline { lastSessionEnd = SessionEnd(error, lastHeard: lastHeardAt) }
        generation += 1
        connection?.close()
        connection = nil
        readerTask = nil
        keepAliveTask?.cancel()
        keepAliveTask = nil
        phase = .idle
        state.connection = .disconnected
        state.uptimeSeconds = nil
        reportedSilent = false
        if let exchange {
            self.exchange = nil
            disarmTimers(of: exchange)
            exchange.continuation.resume(throwing: error)
        }
        if let waiter = loginWaiter {
            loginWaiter = nil
            waiter.resume(throwing: error)
        }
        if report && wasOnline {
            log(Message("API session lost: {fault}", parts: ["fault": .about(error)]))
            emit(.connectionLost(reason: .about(error)))
        }
        let waiters = disconnectWaiters
        disconnectWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    // MARK: Queries

    /// Asks the terminal one thing and folds the answer into `state`. A
    /// command the terminal refuses leaves what it answers unknown (see
    /// `unlessRefused`); when it refuses all of them the query tells nothing.
    public func query(_ query: TerminalQuery) async throws {
        let commands = dialect.commands(for: query)
        var answers: [[String]] = []
        for command in commands {
            if let lines = try await unlessRefused(command, leaving: Message("{query} stays unknown", ["query": "\(query)"]), { try await self.run(command) }) {
                answers.append(lines)
            }
        }
        guard answers.count > 0 || commands.isEmpty else { return }
        apply(dialect.parse(query, answers: answers))
    }

    /// Asks for calls, mute, registration and identity; returns the state.
    @discardableResult
    public func refresh(_ queries: [TerminalQuery] = [.calls, .nearMute, .registration, .identity]) async throws -> TerminalState {
        for item in queries { try await query(item) }
        return state
    }

    /// The video inputs as the terminal reports them; nil where its API tells none.
    public func videoInputs() async throws -> [VideoInput]? {
        try await query(.videoInputs)
        return state.videoInputs
    }

    public func calls() async throws -> [Call] {
        try await query(.calls)
        return state.callList
    }

    public func nearMute() async throws -> Bool? {
        try await query(.nearMute)
        return state.nearMuted
    }

    public func registration() async throws -> Registration {
        try await query(.registration)
        return state.registration
    }

    public func identity() async throws -> TerminalIdentity {
        try await query(.identity)
        return state.identity
    }

    public func statistics() async throws -> [CallStatistics] {
        try await query(.statistics)
        return state.statistics.values.sorted { $0.callID < $1.callID }
    }

    // MARK: State

    func apply(_ observations: [Observation]) {
        for observation in observations {
            let events = state.apply(observation)
            for case let .callDropped(call, _) in events { vettedCalls.remove(call.id) }
            emit(events)
        }
        vetOutgoingCalls()
    }

    /// An outgoing call that no authorised dial accounts for was placed at
    /// the terminal itself (its remote control): the room must hear of it (R1).
    private func vetOutgoingCalls() {
        let now = ContinuousClock.now
        authorisedDials.removeAll { $0 < now }
        for call in state.callList where !vettedCalls.contains(call.id) {
            // Cisco tells a call field by field: wait until it says where the call goes.
            guard let direction = call.direction, call.remoteNumber != nil || call.status == .connected else { continue }
            vettedCalls.insert(call.id)
            guard direction == .outgoing else { continue }
            if authorisedDials.isEmpty {
                log(Message("outgoing call {call} to {number} that nobody authorised", ["call": "\(call.id)", "number": call.remoteNumber ?? "?"]))
                emit(.unauthorisedOutgoingCall(call))
            } else {
                authorisedDials.removeFirst()
            }
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
