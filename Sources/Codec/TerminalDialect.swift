import Room

/// The dialects this driver speaks, by the names the room file and the CLI
/// use. A new vendor is a new file (its `TerminalDialect`), named here once;
/// everything else (ports, help texts, the simulator's defaults) is read
/// from the dialect itself. The room file's `terminal.dialect` is this type.
public enum DialectKind: String, Sendable, Codable, CaseIterable {
    case poly, cisco, yealink

    /// The dialect's implementation.
    public var dialect: any TerminalDialect {
        switch self {
        case .poly: PolyDialect()
        case .cisco: CiscoDialect()
        case .yealink: YealinkDialect()
        }
    }
}

extension String {
    /// The first word of a command line, lowercased: what the terminals'
    /// APIs dispatch on, and what tells a call-control command.
    package var commandWord: String { split(separator: " ").first.map { $0.lowercased() } ?? "" }
}

/// What the daemon can ask the terminal. Call control is not here: it goes
/// through `TerminalClient.perform(_:)` and its `CallAuthorization` only.
public enum TerminalQuery: String, Sendable, CaseIterable, CustomStringConvertible {
    case calls, nearMute, registration, identity, statistics, videoInputs

    /// What the query reads, in the log's words.
    public var description: String {
        switch self {
        case .calls: "the call list"
        case .nearMute: "the microphone mute"
        case .registration: "the registration"
        case .identity: "the terminal's identity"
        case .statistics: "the call statistics"
        case .videoInputs: "the video inputs"
        }
    }
}

/// How the answer to a command is recognised among everything else the
/// terminal says (notifications, lagging echoes, banners).
public enum AnswerShape: Sendable, Hashable {
    /// The first line starting with one of the prefixes.
    case line(prefixes: [String])
    /// Lines between `begin` and `end`, or one of `alone` by itself.
    case block(begin: String, end: String, alone: [String])
    /// Every line up to and including `end`.
    case until(end: String)
    /// Poly's welcome block: `Hi, my name is`, then `Key: value` lines, up to
    /// the next line that is not one, the prompt, or a quiet spell
    /// (`Options.answerSettle`): the block has no end marker of its own.
    case welcomeBlock
    /// Cisco xAPI: every line up to `OK`; `ERROR` or `Command not recognized.` fail.
    case xapi
    /// Every line starting with one of the prefixes, until the terminal has
    /// been quiet for `Options.answerSettle` (Yealink's `callinfo all` has no
    /// end marker, and may say nothing at all). No prefixes: an answer of
    /// nothing, complete once the terminal stays quiet.
    case lines(prefixes: [String])
}

/// One command line and how its answer looks.
public struct DialectCommand: Sendable, Hashable {
    public var text: String
    public var answer: AnswerShape

    public init(_ text: String, answer: AnswerShape) {
        self.text = text
        self.answer = answer
    }
}

/// A line of a welcome banner, which a terminal prints after login and again
/// when it has restarted.
public enum BannerLine: Sendable, Hashable {
    /// The banner's first line, with the system name when it carries one.
    case start(systemName: String?)
    /// A line inside the banner that tells something about the unit.
    case field(TerminalIdentity)
}

/// One vendor's API: its commands, the shapes of its answers, and how its
/// lines become observations. Each dialect lives in a file of its own.
public protocol TerminalDialect: Sendable {
    var kind: DialectKind { get }
    /// The units and the API, for help texts: `Poly HDX and Group Series, API on TCP 24`.
    var summary: String { get }
    /// The API's TCP port on a real unit.
    var defaultPort: UInt16 { get }
    /// Whether the API asks for a user and password (Yealink's asks nothing).
    var needsLogin: Bool { get }
    /// The port of the same API over SSH, where this driver speaks it there
    /// (Cisco: 22); nil where it speaks Telnet only.
    var sshPort: UInt16? { get }
    /// The pause between two commands that the vendor asks for.
    var pacing: Duration { get }
    /// The prompt the terminal prints before each command, if any; lines
    /// starting with it are prompt plus echo and never an answer.
    var prompt: String? { get }
    /// Texts by which the terminal says the password was wrong.
    var loginFailureTexts: [String] { get }
    /// Whether a line says the login went through.
    func isLoginSuccess(_ line: String) -> Bool
    /// A line that still follows the success line and closes the login
    /// (Cisco's `OK`), so that it is not taken for the answer to a command.
    var loginClosingLine: String? { get }
    /// Whether an empty line releases an answer the terminal holds back
    /// (Poly answers an empty line with a new prompt and nothing else).
    var nudgesHeldAnswers: Bool { get }
    /// Whether each answer can be told apart by its own text (Poly's
    /// `mute near off`), so that a late answer cannot be taken for the next
    /// command's. Where it cannot (Cisco's `OK`), a time-out resets the session.
    var answersNameTheirCommand: Bool { get }
    /// Commands sent after every login: echo off, notification registrations.
    var sessionSetup: [DialectCommand] { get }
    /// The command sent when the session has been quiet for a while.
    var keepAlive: DialectCommand { get }
    /// The commands that answer one query.
    func commands(for query: TerminalQuery) -> [DialectCommand]
    /// What the answers to a query's commands mean.
    func parse(_ query: TerminalQuery, answers: [[String]]) -> [Observation]
    /// What a line outside any answer means: notifications, feedback, and
    /// answers that arrived after their command timed out.
    func interpret(_ line: String) -> [Observation]
    /// Whether a line belongs to the welcome banner.
    func bannerLine(_ line: String) -> BannerLine?
    /// The command for a call order. Only `TerminalClient.perform(_:)` calls this.
    func callControlCommand(for order: CallOrder) throws(CodecError) -> DialectCommand
    /// Whether a command line makes, breaks or answers a call. The client
    /// refuses to send such a line without an authorisation.
    func isCallControl(_ command: String) -> Bool
    /// Whether an answer line to a call-control command is a refusal.
    func isRefusal(_ line: String) -> Bool
}

extension TerminalDialect {
    public var sshPort: UInt16? { nil }
}

/// Collects the answer to the command in flight.
struct AnswerCollector: Sendable {
    enum Step: Sendable, Equatable {
        /// Not part of this answer.
        case notMine
        /// Part of it; more to come.
        case taken
        /// The answer is complete.
        case finished
        /// The answer was complete before this line, which is not part of it.
        case finishedBefore
        /// The terminal refused the command.
        case failed(String)
    }

    let shape: AnswerShape
    private(set) var lines: [String] = []
    private var begun = false

    init(shape: AnswerShape) { self.shape = shape }

    /// The prompt came back: a welcome block that has begun is complete.
    func promptSeen() -> Step {
        shape == .welcomeBlock && begun ? .finished : .notMine
    }

    /// Whether the answer so far is complete once the terminal goes quiet:
    /// a welcome block that has begun (Poly's `whoami` has no end marker, and
    /// the prompt after it may not come).
    var isCompleteWhenQuiet: Bool {
        switch shape {
        case .welcomeBlock: begun
        case .lines: true
        default: false
        }
    }

    mutating func offer(_ line: String) -> Step {
        if line.hasPrefix("error:") || line.hasPrefix("command is not available") {
            return .failed(line)
        }
        switch shape {
        case let .line(prefixes):
            guard prefixes.contains(where: line.hasPrefix) else { return .notMine }
            lines.append(line)
            return .finished
        case let .block(begin, end, alone):
            if !begun {
                if alone.contains(where: line.hasPrefix) {
                    lines.append(line)
                    return .finished
                }
                guard line == begin else { return .notMine }
                begun = true
                return .taken
            }
            if line == end { return .finished }
            lines.append(line)
            return .taken
        case let .until(end):
            lines.append(line)
            return line == end ? .finished : .taken
        case .welcomeBlock:
            if !begun {
                guard line.hasPrefix("Hi, my name is") else { return .notMine }
                begun = true
                lines.append(line)
                return .taken
            }
            guard line.contains(": ") || line.hasSuffix(":"), !line.hasPrefix("notification:") else { return .finishedBefore }
            lines.append(line)
            return .taken
        case let .lines(prefixes):
            guard prefixes.contains(where: line.hasPrefix) else { return .notMine }
            lines.append(line)
            return .taken
        case .xapi:
            switch line {
            case "OK": return .finished
            case "ERROR", "Command not recognized.":
                return .failed(([line] + lines.filter { $0.hasPrefix("*r") || $0.contains("Reason") }).joined(separator: " "))
            default:
                lines.append(line)
                return .taken
            }
        }
    }
}
