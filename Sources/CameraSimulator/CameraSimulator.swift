import Foundation
import VISCA

/// A simulated Sony-style VISCA camera chain, served on a pseudo-terminal,
/// on UDP with the VISCA-over-IP header, and on raw TCP.
///
/// The chain's state lives in this actor; each transport reads on a thread
/// of its own and hands its bytes over through an `AsyncStream`, in order.
/// Timed events (Completions after a move, paced serial bytes) are kept in
/// a schedule and woken by one sleeping task; nothing polls.
///
///     let simulator = CameraSimulator(SimulatorConfiguration(cameras: 3, baudRate: .b9600))
///     let path = try await simulator.startPseudoTerminal()        // /dev/pts/N
///     let port = try await simulator.startUDP()                   // loopback, any free port
///     await simulator.setSilent(true)                             // the camera stops answering
///     let state = await simulator.state(of: try CameraAddress(1))
public actor CameraSimulator {
    public let configuration: SimulatorConfiguration
    private var chain: CameraChain
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    private var peers: [Requester: Peer] = [:]
    private var nextRequester: Requester = 1
    /// Replies waiting for their time on a paced line, in time order.
    private var schedule: [ScheduledSend] = []
    private var scheduleCounter = 0
    private var wakeTask: Task<Void, Never>?
    private var wakeAt: Duration?
    private var silent = false
    /// Whether the simulator is paused, and what reached it meanwhile, in order.
    private var paused = false
    private var held: [HeldInput] = []
    private var received: [ReceivedMessage] = []
    private var observers: [Int: AsyncStream<ReceivedMessage>.Continuation] = [:]

    private var pseudoTerminal: PseudoTerminal?
    private var pseudoTerminalPeer: Requester?
    private var udp: UDPEndpoint?
    private var ipSessions: [IPv4Endpoint: IPSession] = [:]
    private var lastIPController: IPv4Endpoint?
    private var udpRequesters: [Requester] = []
    private var tcp: TCPListener?
    private var tcpPeers: [Int: Requester] = [:]

    /// How a reply reaches the controller that asked.
    private struct Peer {
        var transport: String
        var send: @Sendable ([UInt8]) -> Void
        var framer = Framer()
        var inbound: SerialPacing?
        var outbound: SerialPacing?
        /// Whether unsolicited messages (Network Change, injected bytes) go here.
        var hearsUnsolicited: Bool
        /// The VISCA-over-IP payload type the message came in (one datagram's peer).
        var payloadType: PayloadType? = nil
    }

    /// What reached a paused simulator, kept for when it resumes.
    private enum HeldInput {
        case bytes([UInt8], from: Requester)
        case datagram([UInt8], from: IPv4Endpoint)
    }

    /// Bytes whose last byte crosses a paced line at `due`.
    private struct ScheduledSend {
        var due: Duration
        var order: Int
        var bytes: [UInt8]
        var requester: Requester
    }

    public init(_ configuration: SimulatorConfiguration = SimulatorConfiguration()) {
        self.configuration = configuration
        chain = CameraChain(count: min(max(configuration.cameras, 1), 7), model: configuration.model, timing: configuration.timing,
                            echoesBroadcastInterfaceClear: configuration.echoesBroadcastInterfaceClear)
        start = ContinuousClock.now
    }

    private var now: Duration { clock.now - start }

    // MARK: - Transports

    /// Serves the chain on a new pseudo-terminal; returns the path a controller
    /// opens (`linkPath` when given: a symlink to the slave, replaced if it exists).
    @discardableResult
    public func startPseudoTerminal(linkPath: String? = nil) throws(SimulatorError) -> String {
        stopPseudoTerminal()
        let terminal = try PseudoTerminal(linkPath: linkPath, rate: configuration.baudRate)
        let rate = configuration.baudRate
        let requester = addPeer(Peer(
            transport: "pty", send: { terminal.write($0) },
            inbound: rate.map(SerialPacing.init), outbound: rate.map(SerialPacing.init), hearsUnsolicited: true))
        let (chunks, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        terminal.start(deliver: { continuation.yield($0) }, onEnd: { continuation.finish() })
        Task { [weak self] in
            for await chunk in chunks { await self?.receive(chunk, from: requester) }
        }
        pseudoTerminal = terminal
        pseudoTerminalPeer = requester
        return terminal.path
    }

    /// The pseudo-terminal's slave path (`/dev/pts/N`), if one is open.
    public var pseudoTerminalSlavePath: String? { pseudoTerminal?.slavePath }

    /// Closes the pseudo-terminal and removes its link: to a controller the
    /// serial port vanishes, as when a USB adapter is pulled out.
    public func stopPseudoTerminal() {
        pseudoTerminal?.stop()
        pseudoTerminal = nil
        if let requester = pseudoTerminalPeer { peers[requester] = nil }
        pseudoTerminalPeer = nil
    }

    /// Serves Sony VISCA over IP on UDP `host:port` (port 0: any free port); returns the port.
    @discardableResult
    public func startUDP(port: UInt16 = 0, host: String = "127.0.0.1") throws(SimulatorError) -> UInt16 {
        udp?.stop()
        let endpoint = try UDPEndpoint(host: host, port: port)
        let (datagrams, continuation) = AsyncStream.makeStream(of: ([UInt8], IPv4Endpoint).self)
        endpoint.start(deliver: { continuation.yield(($0, $1)) }, onEnd: { continuation.finish() })
        Task { [weak self] in
            for await (datagram, sender) in datagrams { await self?.receiveDatagram(datagram, from: sender) }
        }
        udp = endpoint
        return endpoint.port
    }

    /// Serves raw VISCA on TCP `host:port` (PTZOptics style; port 0: any free port); returns the port.
    @discardableResult
    public func startTCP(port: UInt16 = 5678, host: String = "127.0.0.1") throws(SimulatorError) -> UInt16 {
        tcp?.stop()
        let listener = try TCPListener(host: host, port: port)
        let (events, continuation) = AsyncStream.makeStream(of: TCPListener.Event.self)
        listener.start(events: { continuation.yield($0) }, onEnd: { continuation.finish() })
        Task { [weak self] in
            for await event in events { await self?.handle(event) }
        }
        tcp = listener
        return listener.port
    }

    /// Stops every transport and forgets pending Completions' destinations.
    public func stop() {
        stopPseudoTerminal()
        udp?.stop()
        udp = nil
        tcp?.stop()
        tcp = nil
        wakeTask?.cancel()
        wakeTask = nil
        for observer in observers.values { observer.finish() }
        observers = [:]
    }

    // MARK: - Control

    /// A silent simulator (or one silent camera) neither executes nor answers:
    /// a camera whose cable was pulled or whose power failed. `false` brings it back.
    public func setSilent(_ silent: Bool, camera: CameraAddress? = nil) {
        if let camera {
            chain.setSilent(silent, camera: camera)
        } else {
            self.silent = silent
        }
    }

    /// A paused simulator reads nothing and sends nothing, as a camera
    /// whose controller board hangs for a while (or a `visca-sim` stopped
    /// with SIGSTOP): what the controller sends meanwhile waits in the line,
    /// and on resuming the camera answers all of it at once, in order,
    /// answers to questions asked long ago included.
    public func setPaused(_ paused: Bool) {
        guard paused != self.paused else { return }
        self.paused = paused
        guard !paused else { return }
        let waiting = held
        held = []
        for input in waiting {
            switch input {
            case .bytes(let chunk, let requester): receive(chunk, from: requester)
            case .datagram(let datagram, let sender): receiveDatagram(datagram, from: sender)
            }
        }
        runDue()
        reschedule()
    }

    /// The messages waiting for a paused simulator, oldest first (over UDP,
    /// the datagrams' VISCA payloads).
    public func heldMessages() -> [[UInt8]] {
        var stream = Framer()
        return held.flatMap { input -> [[UInt8]] in
            switch input {
            case .bytes(let chunk, _):
                return stream.messages(in: chunk)
            case .datagram(let datagram, _):
                var framer = Framer()
                return framer.messages(in: datagram.dropFirst(IPPacket.headerLength))
            }
        }
    }

    /// Sends `x0 38 FF` (Network Change) from a camera now, to every controller.
    public func sendNetworkChange(from camera: CameraAddress = CameraAddress.all[0]) {
        guard let outgoing = chain.networkChange(from: camera) else { return }
        emit([outgoing], at: now)
    }

    /// Writes raw bytes to every controller (line noise, a half message). Over
    /// UDP they go, without a header, to the controller heard last.
    public func inject(_ bytes: [UInt8]) {
        emit([Outgoing(bytes: bytes, requester: nil)], at: now, raw: true)
    }

    /// What a camera looks like now.
    public func state(of camera: CameraAddress) -> CameraState? { chain.state(of: camera, at: now) }

    /// Every camera, in chain order.
    public func states() -> [CameraState] { chain.states(at: now) }

    /// Changes how long moves take from now on.
    public func setMotionTiming(_ timing: MotionTiming) { chain.timing = timing }

    /// Puts a camera on or in standby directly, as its own remote control would.
    public func setPower(_ power: PowerState, camera: CameraAddress) { chain.setPower(power, camera: camera) }

    /// Every message received so far, oldest first.
    public func receivedMessages() -> [ReceivedMessage] { received }

    public func clearReceivedMessages() { received.removeAll() }

    /// Messages as they arrive from now on (ends when the simulator stops).
    public func observeReceivedMessages() -> AsyncStream<ReceivedMessage> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReceivedMessage.self)
        let id = nextRequester
        nextRequester += 1
        observers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.removeObserver(id) } }
        return stream
    }

    private func removeObserver(_ id: Int) { observers[id] = nil }

    // MARK: - Receiving

    private func addPeer(_ peer: Peer) -> Requester {
        let requester = nextRequester
        nextRequester += 1
        peers[requester] = peer
        return requester
    }

    /// Bytes from a stream transport (pseudo-terminal, TCP connection).
    private func receive(_ chunk: [UInt8], from requester: Requester) {
        guard !paused else { return held.append(.bytes(chunk, from: requester)) }
        guard var peer = peers[requester] else { return }
        let arrival = now
        var pending: [(message: [UInt8], tooLong: Bool, time: Duration)] = []
        for byte in chunk {
            // On a paced line a byte is only there once it has crossed the wire.
            var time = arrival
            if var line = peer.inbound {
                time = line.byteDone(handedOverAt: arrival)
                peer.inbound = line
            }
            for item in peer.framer.append(CollectionOfOne(byte)) {
                switch item {
                case .message(let message): pending.append((message, false, time))
                case .discarded(let bytes, .tooLong): pending.append((bytes, true, time))
                case .discarded(_, .noMessageStart): break
                }
            }
        }
        peers[requester] = peer
        // A message is handled at the simulated time its last byte crosses the
        // line, which on a paced line is still ahead: its replies are then
        // scheduled for when they would have crossed back, so one wake-up
        // (the reply's) is all the pacing costs.
        for (message, tooLong, time) in pending {
            if tooLong {
                deliverTooLong(message, from: requester, at: time)
            } else {
                deliver(message, from: requester, at: time)
            }
        }
        runDue()
    }

    private func receiveDatagram(_ datagram: [UInt8], from sender: IPv4Endpoint) {
        guard !paused else { return held.append(.datagram(datagram, from: sender)) }
        guard let udp else { return }
        guard !silent else {
            record(Array(datagram.dropFirst(IPPacket.headerLength)), transport: "udp")
            return
        }
        let replyTo = configuration.ipReplyPort.map { IPv4Endpoint(address: sender.address, port: $0) } ?? sender
        lastIPController = replyTo
        guard let packet = try? IPPacket(decoding: datagram) else {
            // Not a VISCA-over-IP packet: a Sony camera answers message type abnormal.
            let type = datagram.count >= 2 ? UInt16(datagram[0]) << 8 | UInt16(datagram[1]) : 0
            let sequence = datagram.count >= 8 ? datagram[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } : 0
            record(datagram, transport: "udp")
            if PayloadType(rawValue: type) == nil, let reply = try? IPPacket.control(.messageTypeAbnormal, sequenceNumber: sequence).encoded() {
                udp.send(reply, to: replyTo)
            }
            return
        }
        var session = ipSessions[sender] ?? IPSession()
        let verdict = session.accept(packet)
        ipSessions[sender] = session
        switch verdict {
        case .answer(let reply):
            record(packet.payload, transport: "udp", payloadType: packet.payloadType)
            if let bytes = try? reply.encoded() { udp.send(bytes, to: replyTo) }
        case .deliver(let message, let sequence):
            let requester = addPeer(Peer(
                transport: "udp",
                send: { bytes in
                    if let packet = try? IPPacket(.reply, sequenceNumber: sequence, payload: bytes).encoded() {
                        udp.send(packet, to: replyTo)
                    }
                },
                hearsUnsolicited: false, payloadType: packet.payloadType))
            udpRequesters.append(requester)
            if udpRequesters.count > 64 { peers[udpRequesters.removeFirst()] = nil }
            var framer = Framer()
            for item in framer.append(message) {
                switch item {
                case .message(let bytes): deliver(bytes, from: requester, at: now)
                case .discarded(let bytes, .tooLong): deliverTooLong(bytes, from: requester, at: now)
                case .discarded(let bytes, .noMessageStart): record(bytes, transport: "udp")
                }
            }
            if !framer.pending.isEmpty {
                // A payload that does not end in FF: the camera cannot parse it.
                record(framer.pending, transport: "udp")
                if let camera = chain.states(at: now).first {
                    send(Reply(sender: .camera(camera.address), kind: .failed(socket: 0, .syntax)).encoded, to: requester)
                }
            }
        }
    }

    private func handle(_ event: TCPListener.Event) {
        switch event {
        case .opened(let id, let descriptor):
            tcpPeers[id] = addPeer(Peer(transport: "tcp", send: { descriptor.write($0) }, hearsUnsolicited: true))
        case .bytes(let id, let bytes):
            if let requester = tcpPeers[id] { receive(bytes, from: requester) }
        case .closed(let id):
            if let requester = tcpPeers.removeValue(forKey: id) { peers[requester] = nil }
        }
    }

    private func record(_ bytes: [UInt8], transport: String, payloadType: PayloadType? = nil, at time: Duration? = nil) {
        let decoded = try? Command.decode(bytes)
        let message = ReceivedMessage(time: time ?? now, bytes: bytes, command: decoded?.command,
                                      recipient: decoded?.recipient ?? bytes.first.flatMap { Recipient(header: $0) },
                                      transport: transport, payloadType: payloadType)
        received.append(message)
        for observer in observers.values { observer.yield(message) }
    }

    private func deliver(_ message: [UInt8], from requester: Requester, at time: Duration) {
        guard let peer = peers[requester] else { return }
        record(message, transport: peer.transport, payloadType: peer.payloadType, at: time)
        guard !silent else { return }
        emitCompletions(dueBy: time)
        emit(chain.receive(message, from: requester, at: time), at: time)
    }

    private func deliverTooLong(_ message: [UInt8], from requester: Requester, at time: Duration) {
        guard let peer = peers[requester] else { return }
        record(message, transport: peer.transport, payloadType: peer.payloadType, at: time)
        guard !silent else { return }
        emitCompletions(dueBy: time)
        emit(chain.receiveTooLong(message, from: requester, at: time), at: time)
    }

    // MARK: - Sending and the schedule

    private func emit(_ outgoing: [Outgoing], at time: Duration, raw: Bool = false) {
        for message in outgoing {
            if let requester = message.requester {
                send(message.bytes, to: requester, at: time)
                continue
            }
            guard !silent else { continue }
            for requester in peers.keys.sorted() where peers[requester]!.hearsUnsolicited {
                send(message.bytes, to: requester, at: time)
            }
            if let udp, let controller = lastIPController {
                if raw {
                    udp.send(message.bytes, to: controller)
                } else {
                    let sequence = ipSessions.first { $0.key.address == controller.address }?.value.lastSequenceNumber ?? 0
                    if let packet = try? IPPacket(.reply, sequenceNumber: sequence, payload: message.bytes).encoded() {
                        udp.send(packet, to: controller)
                    }
                }
            }
        }
        reschedule()
    }

    private func send(_ bytes: [UInt8], to requester: Requester, at time: Duration? = nil) {
        guard !silent, var peer = peers[requester] else { return }
        let handedOver = time ?? now
        var done = handedOver
        if var line = peer.outbound {
            done = line.messageDone(count: bytes.count, handedOverAt: handedOver)
            peer.outbound = line
            peers[requester] = peer
        }
        if done <= now {
            peer.send(bytes)
        } else {
            enqueue(bytes, to: requester, at: done)
        }
    }

    private func enqueue(_ bytes: [UInt8], to requester: Requester, at due: Duration) {
        scheduleCounter += 1
        schedule.append(ScheduledSend(due: due, order: scheduleCounter, bytes: bytes, requester: requester))
        schedule.sort { ($0.due, $0.order) < ($1.due, $1.order) }
    }

    /// Runs every scheduled send and every Completion due by now, in time order.
    private func runDue() {
        let current = now
        while let first = schedule.first, first.due <= current {
            schedule.removeFirst()
            emitCompletions(dueBy: first.due)
            if !silent { peers[first.requester]?.send(first.bytes) }
        }
        emitCompletions(dueBy: current)
    }

    private func emitCompletions(dueBy time: Duration) {
        for (due, outgoing) in chain.completions(dueBy: time) { emit([outgoing], at: due) }
    }

    /// Arms one task to wake at the next due time.
    private func reschedule() {
        let next = [schedule.first?.due, chain.nextDeadline].compactMap { $0 }.min()
        guard next != wakeAt || wakeTask == nil else { return }
        wakeTask?.cancel()
        wakeAt = next
        guard let next else {
            wakeTask = nil
            return
        }
        let deadline = start + next
        wakeTask = Task { [weak self] in
            try? await Task.sleep(until: deadline, tolerance: .microseconds(50), clock: .continuous)
            guard !Task.isCancelled else { return }
            await self?.wake()
        }
    }

    private func wake() {
        wakeTask = nil
        wakeAt = nil
        guard !paused else { return }  // setPaused(false) runs what fell due meanwhile
        runDue()
        reschedule()
    }
}
