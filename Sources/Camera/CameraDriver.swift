import Links
import Support
import VISCA
import Localization

/// The cameras on one link: a serial daisy chain of up to 7 numbered by
/// AddressSet, or one camera over IP (always address 1, `81`).
///
/// The chain is an actor. It opens the link, clears the cameras' interfaces
/// and numbers them, then matches every reply to the command it answers:
/// ACK and Completion per camera and socket (also when two commands' replies
/// interleave), errors as typed `CameraError.rejected`, inquiry answers.
/// It sends the next command only after the ACK or error of the previous one
/// and keeps at most two commands executing per camera.
///
/// It watches the cameras: after `timing.heartbeat` of silence it asks the
/// first camera its power state, and a camera that does not answer is
/// reported offline (well within 2 s with the default timing). A lost link (USB
/// adapter unplugged) is reopened, and a silent chain set up again, until the
/// cameras answer; `statusUpdates()` tells the daemon each change.
///
/// ```swift
/// let chain = CameraDriver(.serial("/dev/diemcau-camera1"), profile: try library.profile(named: "sony-brc-300"))
/// try await chain.start()
/// try await chain.recall(preset: 2, camera: 1)
/// ```
public actor CameraDriver {
    public nonisolated let connection: CameraConnection
    public nonisolated let profile: CameraProfile
    public nonisolated let timing: CameraTiming
    /// Where the cameras are, for messages: `/dev/ttyUSB0`, `udp 10.0.0.5:52381`.
    public nonisolated var endpoint: String { connection.description }

    /// The current status (see `statusUpdates()` to follow it).
    public internal(set) var status: CameraStatus = .connecting
    /// How many cameras answered AddressSet (1 over IP); 0 before the first success.
    public internal(set) var cameraCount = 0
    /// Counters for diagnostics and tests.
    public internal(set) var statistics = ChainStatistics()

    var link: (any ByteLink)?
    var linkGeneration = 0
    var reader: Task<Void, Never>?
    var supervisor: Task<Void, Never>?
    /// How long an online chain may stay silent before it is asked something;
    /// `timing.heartbeat` until `watch(every:)` changes it.
    var heartbeat: Duration
    /// The supervisor's sleep between two looks at the chain, cut short by `watch(every:)`.
    var nap: Task<Void, Never>?
    var framer = Framer()
    var lastHeard = ContinuousClock.now
    var subscribers: [Int: AsyncStream<CameraStatus>.Continuation] = [:]
    var nextSubscriber = 0

    /// The command sent last whose first reply (ACK, error, answer) is not in yet.
    var awaiting: Exchange?
    /// Commands acknowledged and still executing, per camera address and socket.
    var executing: [UInt8: [Int: Exchange]] = [:]
    /// Callers waiting for their turn to transmit.
    var transmitQueue: [CheckedContinuation<Void, any Error>] = []
    /// The exchanges' time-outs: first reply and completion, by exchange.
    var deadlines = Deadlines<TimeOut>()
    var nextExchangeID = 0
    var addressSetPending = false
    /// The camera and socket of the last message if it was an ACK.
    var lastAcknowledged: (address: UInt8, socket: Int)?
    /// The preset each camera was last sent to; VISCA has no inquiry for it.
    var recalled: [Int: Int] = [:]
    /// Whether the broadcast IF_Clear comes back round the chain; false once a
    /// chain of clones was found that swallows it.
    var chainEchoesInterfaceClear = true
    /// Where the driver says what it works around, for the log.
    let note: @Sendable (Message) -> Void

    /// `note` hears, once each, what the driver works around in the cameras
    /// on the line (a chain that does not echo the broadcast IF_Clear): the
    /// daemon logs it, the command-line tool prints it.
    public init(_ connection: CameraConnection, profile: CameraProfile = .generic, timing: CameraTiming = CameraTiming(),
                note: @escaping @Sendable (Message) -> Void = { _ in }) {
        self.connection = connection
        self.profile = profile
        self.timing = timing
        self.heartbeat = timing.heartbeat
        self.note = note
    }

    /// How closely to watch an idle chain. During a meeting the daemon keeps
    /// the default (a silent camera is reported offline within 2 s); in an
    /// idle room it asks rarely, so that the room PC does not wake up for
    /// nothing. Takes effect at once.
    public func watch(every interval: Duration) {
        guard interval != heartbeat else { return }
        heartbeat = interval
        nap?.cancel()
    }

    /// Opens the link and sets the chain up (IF_Clear, AddressSet). Throws what
    /// went wrong on the first attempt; either way the chain keeps watching and
    /// reconnects by itself until `close()`.
    public func start() async throws {
        guard supervisor == nil, status != .closed else { return }
        defer { supervisor = Task { await self.supervise() } }
        try await connect()
    }

    /// Stops watching, fails whatever is waiting, and closes the link.
    public func close() async {
        guard status != .closed else { return }
        supervisor?.cancel()
        supervisor = nil
        failEverything(.closed(endpoint: endpoint))
        publish(.closed)
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
        await dropLink()
    }

    /// The status now, then every change, until the chain is closed.
    public func statusUpdates() -> AsyncStream<CameraStatus> {
        let (stream, continuation) = AsyncStream<CameraStatus>.makeStream()
        continuation.yield(status)
        if status == .closed {
            continuation.finish()
            return stream
        }
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: Int) { subscribers[id] = nil }

    func publish(_ new: CameraStatus) {
        // Closed is final.
        guard new != status, status != .closed else { return }
        status = new
        for continuation in subscribers.values { continuation.yield(new) }
    }
}

/// What the chain has seen, for diagnostics, the logbook and tests.
public struct ChainStatistics: Sendable, Equatable {
    /// AddressSet runs (at start, after a Network Change, after reconnecting).
    public var addressSets = 0
    /// Network Change messages (`x0 38 FF`) received.
    public var networkChanges = 0
    /// Bytes the framer threw away (line noise, half messages).
    public var discardedBytes = 0
    /// Whole messages that were not VISCA replies.
    public var malformedReplies = 0
    /// Replies that answered nothing the driver had sent (late, or from another controller).
    public var strayReplies = 0
    /// Times the link was opened again after it was lost.
    public var reconnects = 0
    /// Times the cameras were reported offline.
    public var outages = 0
    /// Inquiries asked again after no answer.
    public var inquiryRetries = 0
    /// Chains found not to send the broadcast IF_Clear back (cheap PTZ clones).
    public var interfaceClearEchoesMissing = 0
}
