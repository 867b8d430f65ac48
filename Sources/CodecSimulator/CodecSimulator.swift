import Codec
import Foundation
import Room
#if canImport(Glibc)
import Glibc
#endif

/// A simulated H.323/SIP room terminal on loopback TCP, speaking the Poly or
/// the Cisco API as the vendors' guides show it. Tests, the demo room and
/// technician training use it. It records every line it receives, so a test
/// can prove that no call-control command was ever sent.
public actor CodecSimulator {
    public struct Configuration: Sendable {
        public var dialect: DialectKind
        /// 0 picks a free port.
        public var port: UInt16 = 0
        public var user = "admin"
        public var password: String
        /// Older Poly units ask `User:` before `Password:`.
        public var asksUser = false
        public var systemName = "UBND xa Tan Phu"
        public var model: String
        public var softwareVersion: String
        /// Wrong passwords before the unit closes the connection.
        public var loginAttempts = 3
        /// Commands this model does not have, each with the answer the
        /// vendor documents for that (Poly: `error: command not found`,
        /// `error: this command is not supported on this model`).
        public var refusedCommands: [String: String] = [:]
        /// Whether the prompt follows `whoami`'s welcome block: the Poly
        /// guide shows the block with no end marker, and a unit may print no
        /// prompt after it.
        public var promptAfterWhoami = true

        public init(dialect: DialectKind, password: String) {
            self.dialect = dialect
            self.password = password
            model = dialect.speaker.model
            softwareVersion = dialect.speaker.softwareVersion
        }
    }

    /// A line the simulator received; passwords are recorded as `(password)`.
    public struct ReceivedLine: Sendable, Hashable {
        public let session: Int
        public let text: String
        /// Whether the session had logged in when the line came.
        public let afterLogin: Bool
    }

    enum Phase: Sendable, Equatable {
        case user, password(user: String), online
    }

    struct Session {
        let id: Int
        let connection: any ByteLink
        var phase: Phase
        var failures = 0
        var registrations: [String] = []
        var echo: Bool
        var input = LineSplitter()
        var heldReply = ""
    }

    public nonisolated let configuration: Configuration
    let speaker: any TerminalSpeaker
    /// What the unit is doing now.
    public internal(set) var terminal: SimulatedTerminal
    /// Every line received, in order, from every session.
    public private(set) var received: [ReceivedLine] = []
    /// The Telnet option answers the clients sent (IAC WONT/DONT ...).
    public private(set) var negotiationReplies: [UInt8] = []
    public private(set) var sessionsAccepted = 0
    public private(set) var loginsSucceeded = 0
    public private(set) var loginsFailed = 0
    var sessions: [Int: Session] = [:]
    var nextSession = 1
    var listener: LoopbackListener?
    var lagging = false
    var stalledUntil: ContinuousClock.Instant?
    var stalledOutput: [Int: [UInt8]] = [:]
    var refusingUntil: ContinuousClock.Instant?
    /// Who waits for a session on standard input and output to end.
    var sessionEnds: [Int: CheckedContinuation<Void, Never>] = [:]

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        self.speaker = configuration.dialect.speaker.init(configuration)
        self.terminal = SimulatedTerminal(
            systemName: configuration.systemName, model: configuration.model,
            softwareVersion: configuration.softwareVersion)
    }

    /// Starts listening on 127.0.0.1; returns the port.
    @discardableResult
    public func start() throws -> UInt16 {
        if let listener { return listener.port }
        let listener = try LoopbackListener(port: configuration.port)
        self.listener = listener
        Task { [weak self] in
            for await fd in listener.connections {
                await self?.accepted(fd)
            }
        }
        return listener.port
    }

    public var port: UInt16? { listener?.port }

    /// Stops listening and closes every session.
    public func stop() {
        listener?.close()
        listener = nil
        for session in sessions.values { session.connection.close() }
        sessions = [:]
    }

    // MARK: What tests look at

    /// The command lines received after login.
    public var commands: [String] { received.filter(\.afterLogin).map(\.text) }

    /// The command lines that make, break or answer a call.
    public var callCommands: [String] { commands.filter(speaker.isCallCommand) }

    /// The notification registrations of each open, logged-in session.
    public var registrations: [[String]] {
        sessions.keys.sorted().compactMap { sessions[$0] }.filter { $0.phase == .online }.map(\.registrations)
    }

    public var openSessions: Int { sessions.count }

    // MARK: Connections

    private func accepted(_ fd: Int32) {
        if let refusingUntil, ContinuousClock.now < refusingUntil {
            shutdown(fd, Int32(SHUT_RDWR))
            Glibc.close(fd)
            return
        }
        let first: Phase = if !speaker.asksLogin {
            .online
        } else if speaker.userPrompt != nil {
            .user
        } else {
            .password(user: configuration.user)
        }
        open(TCPConnection(adopting: fd, peer: "client \(nextSession)"), phase: first, greeting: speaker.greeting(terminal))
    }

    /// Serves one session on standard input and output, already logged in
    /// (the way the API is reached over SSH: `sshd` authenticated the user
    /// and runs codec-sim as the session's command), until the client goes.
    public func serveStandardIO() async {
        let id = open(StandardIOLink(), phase: .online, greeting: Array(speaker.welcome(terminal).utf8))
        loginsSucceeded += 1
        await withCheckedContinuation { sessionEnds[id] = $0 }
    }

    @discardableResult
    private func open(_ connection: any ByteLink, phase: Phase, greeting: [UInt8]) -> Int {
        sessionsAccepted += 1
        let id = nextSession
        nextSession += 1
        sessions[id] = Session(id: id, connection: connection, phase: phase, echo: speaker.echoesCommands)
        write(greeting, to: id)
        Task { [weak self] in
            for await read in connection.reads {
                guard case let .bytes(bytes) = read else { break }
                await self?.received(bytes, from: id)
            }
            await self?.closed(id)
        }
        return id
    }

    private func closed(_ id: Int) {
        sessions[id]?.connection.close()
        sessions[id] = nil
        stalledOutput[id] = nil
        sessionEnds.removeValue(forKey: id)?.resume()
    }

    private func received(_ bytes: [UInt8], from id: Int) {
        guard var session = sessions[id] else { return }
        let (lines, replies) = session.input.split(bytes)
        negotiationReplies += replies
        sessions[id] = session
        for line in lines {
            guard sessions[id] != nil else { return }
            handle(line, from: id)
        }
    }

    private func handle(_ line: String, from id: Int) {
        guard var session = sessions[id] else { return }
        switch session.phase {
        case .user:
            received.append(ReceivedLine(session: id, text: line, afterLogin: false))
            if line.isEmpty {
                write(speaker.userPrompt ?? "", to: id)
                return
            }
            session.phase = .password(user: line)
            sessions[id] = session
            write(speaker.passwordPrompt, to: id)
        case let .password(user):
            received.append(ReceivedLine(session: id, text: "(password)", afterLogin: false))
            if user == configuration.user && line == configuration.password {
                loginsSucceeded += 1
                session.phase = .online
                sessions[id] = session
                write(speaker.welcome(terminal), to: id)
            } else {
                loginsFailed += 1
                session.failures += 1
                guard session.failures < configuration.loginAttempts else {
                    sessions[id] = session
                    session.connection.close()
                    return
                }
                session.phase = speaker.loginFailure.hasSuffix(speaker.passwordPrompt) ? .password(user: user) : .user
                sessions[id] = session
                write(speaker.loginFailure, to: id)
            }
        case .online:
            received.append(ReceivedLine(session: id, text: line, afterLogin: true))
            let echoed = session.echo ? line + speaker.lineEnd : ""
            var reply = SimulatedReply()
            if let refusal = configuration.refusedCommands[line] {
                reply.lines = [refusal]
            } else {
                reply = speaker.reply(to: line, terminal: &terminal, registrations: &session.registrations, echo: &session.echo)
            }
            let answer = reply.lines.map { $0 + speaker.lineEnd }.joined()
            let prompt = reply.prompt ? speaker.prompt : ""
            if lagging {
                // The answer comes only with the next line, and the echo after the answer.
                let text = answer + echoed + prompt
                let held = session.heldReply
                session.heldReply = text
                sessions[id] = session
                write(held, to: id)
            } else {
                sessions[id] = session
                write(echoed + answer + prompt, to: id)
            }
            broadcast(reply.changes)
        }
    }

    // MARK: Output

    func write(_ text: String, to id: Int) {
        write(Array(text.utf8), to: id)
    }

    func write(_ bytes: [UInt8], to id: Int) {
        guard !bytes.isEmpty, let session = sessions[id] else { return }
        if let stalledUntil, ContinuousClock.now < stalledUntil {
            stalledOutput[id, default: []] += bytes
            return
        }
        do { try session.connection.write(bytes) } catch { session.connection.close() }
    }

    /// Tells every logged-in session that registered for it about a change.
    func broadcast(_ changes: [TerminalChange]) {
        for change in changes {
            for id in sessions.keys.sorted() {
                guard let session = sessions[id], session.phase == .online else { continue }
                let lines = speaker.notification(change, registrations: session.registrations)
                if !lines.isEmpty { write(lines.map { $0 + speaker.lineEnd }.joined(), to: id) }
            }
        }
    }

    func writeToOnlineSessions(_ bytes: [UInt8]) {
        for id in sessions.keys.sorted() where sessions[id]?.phase == .online {
            write(bytes, to: id)
        }
    }

    func endStall() {
        guard let stalledUntil, ContinuousClock.now >= stalledUntil else { return }
        self.stalledUntil = nil
        let held = stalledOutput
        stalledOutput = [:]
        for (id, bytes) in held.sorted(by: { $0.key < $1.key }) { write(bytes, to: id) }
    }
}

/// Splits what a client sends into lines (CR, LF or CR LF; empty lines kept,
/// since an empty line is a command of its own) and picks out its Telnet
/// option answers. Bounded: a line over 8 KiB is cut.
struct LineSplitter {
    private var line: [UInt8] = []
    private var afterCR = false
    private var iac: [UInt8] = []
    private var inSubnegotiation = false

    mutating func split(_ bytes: [UInt8]) -> (lines: [String], negotiation: [UInt8]) {
        var lines: [String] = []
        var negotiation: [UInt8] = []
        for byte in bytes {
            if !iac.isEmpty || byte == 255 {
                iac.append(byte)
                if iac.count == 2, iac[1] == 255 {
                    iac = []
                    line.append(255)
                } else if iac.count == 2, iac[1] == 250 {
                    inSubnegotiation = true
                    iac = []
                } else if iac.count == 2, iac[1] == 240 {
                    inSubnegotiation = false
                    iac = []
                } else if iac.count == 2, iac[1] < 251 {
                    iac = []
                } else if iac.count == 3 {
                    negotiation += iac
                    iac = []
                }
                continue
            }
            if inSubnegotiation { continue }
            switch byte {
            case 0x0D:
                lines.append(String(decoding: line, as: UTF8.self))
                line = []
                afterCR = true
                continue
            case 0x0A:
                if !afterCR {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line = []
                }
            case 0x00:
                break
            default:
                if line.count < 8192 { line.append(byte) }
            }
            afterCR = false
        }
        return (lines, negotiation)
    }
}
