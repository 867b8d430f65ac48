import Codec
import Room

/// A call on the simulated terminal.
public struct SimulatedCall: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        case ringing, dialling, connected
    }

    public var id: Int
    public var direction: CallDirection
    public var remoteName: String
    public var remoteNumber: String
    public var `protocol`: CallProtocol
    public var rateKbps: Int
    public var phase: Phase
    public var farMuted = false
    /// Received packets lost so far, and the receive jitter, for the statistics.
    public var packetsLost = 0
    public var jitterMilliseconds = 2
}

/// What the simulated unit is and does, independent of the dialect it speaks.
public struct SimulatedTerminal: Sendable, Hashable {
    public var systemName: String
    public var model: String
    public var softwareVersion: String
    public var calls: [SimulatedCall] = []
    public var nearMuted = false
    public var gatekeeperRegistered = true
    public var sipRegistered = true
    public var gatekeeperAddress = "10.10.0.1"
    public var sipRegistrar = "sip.mcu.example.vn"
    public var uptimeSeconds = 86_400
    /// The camera's video input (connector 1): plugged in, and its signal.
    public var cameraConnected = true
    public var cameraSignal = "OK"
    var nextCallID = 34

    public init(systemName: String, model: String, softwareVersion: String) {
        self.systemName = systemName
        self.model = model
        self.softwareVersion = softwareVersion
    }

    mutating func newCall(direction: CallDirection, name: String, number: String, protocol: CallProtocol, rateKbps: Int, phase: SimulatedCall.Phase) -> SimulatedCall {
        let call = SimulatedCall(
            id: nextCallID, direction: direction, remoteName: name, remoteNumber: number,
            protocol: `protocol`, rateKbps: rateKbps, phase: phase)
        nextCallID += 1
        calls.append(call)
        return call
    }
}

/// A change on the unit that its registered sessions hear about.
public enum TerminalChange: Sendable, Hashable {
    case call(SimulatedCall)
    case callEnded(SimulatedCall, cause: String)
    case nearMute(Bool)
    case farMute(SimulatedCall, Bool)
    case gatekeeper(registered: Bool)
    case sipRegistrar(registered: Bool)
}

/// What a simulated unit says back to one command line.
struct SimulatedReply: Sendable {
    var lines: [String] = []
    var changes: [TerminalChange] = []
    /// Whether the unit prints its prompt after the answer.
    var prompt = true
}

/// One vendor's transcript: login texts, answers, notifications. Written from
/// the vendors' guides, not from the driver under test. A new dialect is a
/// new speaker in a file of its own, named in `DialectKind.speaker`.
protocol TerminalSpeaker: Sendable {
    init(_ configuration: CodecSimulator.Configuration)
    /// The unit the simulator plays unless told otherwise.
    static var model: String { get }
    static var softwareVersion: String { get }
    /// `codec-sim`'s port when none is given.
    static var simulatorPort: UInt16 { get }
    /// The line end the unit writes.
    var lineEnd: String { get }
    /// What the unit sends when a client connects (option negotiation, the first prompt).
    func greeting(_ terminal: SimulatedTerminal) -> [UInt8]
    /// Whether a new connection must log in first (Yealink's API asks nothing).
    var asksLogin: Bool { get }
    /// The prompt asking for the user name, when the unit asks for one.
    var userPrompt: String? { get }
    var passwordPrompt: String { get }
    /// The text after a wrong password, including the next prompt.
    var loginFailure: String { get }
    /// The text after a right password (banner and first prompt).
    func welcome(_ terminal: SimulatedTerminal) -> String
    /// The prompt the unit prints after each answer.
    var prompt: String { get }
    /// Whether the unit echoes a command line back (before `echo off`).
    var echoesCommands: Bool { get }
    func reply(to command: String, terminal: inout SimulatedTerminal, registrations: inout [String], echo: inout Bool) -> SimulatedReply
    /// The lines a session with `registrations` hears about a change.
    func notification(_ change: TerminalChange, registrations: [String]) -> [String]
    /// Whether a received command line makes, breaks or answers a call.
    func isCallCommand(_ command: String) -> Bool
}

extension DialectKind {
    /// The speaker of each dialect: on the simulator's side, the one place
    /// a new dialect is named.
    var speaker: any TerminalSpeaker.Type {
        switch self {
        case .poly: PolySpeaker.self
        case .cisco: CiscoSpeaker.self
        case .yealink: YealinkSpeaker.self
        }
    }

    /// `codec-sim`'s port for the dialect when none is given.
    public var simulatorPort: UInt16 { speaker.simulatorPort }
}
