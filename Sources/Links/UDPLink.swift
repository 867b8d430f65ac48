import Glibc
import VISCA

/// Sony's VISCA over IP (SRG/BRC cameras, UDP 52381): every VISCA message goes
/// out behind an 8-byte header carrying a sequence number the camera echoes.
///
/// UDP loses datagrams, so the link confirms delivery itself, as Sony's guide
/// describes: the controller sends the RESET control command when it starts;
/// a command or inquiry that gets no reply within `resendAfter` is sent again
/// with the *same* sequence number. If the camera then answers `0F 01`
/// (sequence number abnormal), the first copy was executed and only its reply
/// was lost: the link does not send it a third time (the Completion follows).
/// `0F 01` for a message that was not resent means the camera lost count (it
/// restarted): the link sends RESET and then the message again, which the
/// camera had refused, not executed.
///
/// Each message goes in the payload type Sony documents for it (IF_Clear as
/// `0120`, inquiries as `0110`, commands as `0100`); a camera that refuses
/// IF_Clear or the version inquiry so with `0F 02` (message type abnormal)
/// gets it once more in the other form clients use (see `PayloadType.fallback`).
///
/// `incoming` carries the VISCA payloads only (`90 41 FF`, ...), so the driver
/// reads them exactly as it reads a serial line.
public actor UDPLink: ByteLink {
    /// Sony's VISCA-over-IP port.
    public static let defaultPort: UInt16 = 52381

    public nonisolated let endpoint: String
    public nonisolated let incoming: AsyncStream<[UInt8]>
    private let payloads: AsyncStream<[UInt8]>.Continuation
    private let channel: DescriptorChannel
    private let resendAfter: Duration

    private var nextSequence: UInt32 = 0
    /// The message sent last and not answered yet.
    private var pending: (sequence: UInt32, datagram: [UInt8], type: PayloadType, resent: Bool)?
    private var resetWaiter: CheckedContinuation<Bool, Never>?

    /// How the conversation went, for diagnostics and tests.
    public private(set) var statistics = Statistics()

    public struct Statistics: Sendable, Equatable {
        /// Messages sent again after no reply came in time.
        public var resends = 0
        /// `0F 01` after a resend: the first copy had been executed.
        public var firstCopiesExecuted = 0
        /// RESET control commands sent (one at start, one per lost count).
        public var sequenceResets = 0
        /// `0F 02`: the camera did not accept the message type.
        public var messageTypeErrors = 0
        /// Messages sent again in their other payload type after `0F 02`.
        public var payloadTypeFallbacks = 0
        /// Datagrams too short or of an unknown type, dropped.
        public var malformedDatagrams = 0
    }

    /// Opens the socket to `address`, sends RESET and waits for the camera's
    /// answer (sending RESET again once after `resendAfter`).
    ///
    /// - Parameter localPort: the local port to receive on. Sony cameras send
    ///   their replies to port 52381 whatever port the controller sent from,
    ///   so against a real camera give 52381; 0 takes any free port.
    public init(_ address: HostAndPort, localPort: UInt16 = 0,
                resendAfter: Duration = .milliseconds(300)) async throws {
        let endpoint = "udp \(address)"
        let fd = try connectedSocket(to: address, type: Int32(SOCK_DGRAM.rawValue), timeout: 1000,
                                     endpoint: endpoint, localPort: localPort)
        self.endpoint = endpoint
        self.resendAfter = resendAfter
        // A connected UDP socket reports ICMP "port unreachable" as ECONNREFUSED
        // on the next read: the camera is not there *yet*, the link lives on.
        channel = DescriptorChannel(descriptor: fd, endpoint: endpoint,
                                    transient: [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH]) { Glibc.close(fd) }
        (incoming, payloads) = AsyncStream<[UInt8]>.makeStream()
        let datagrams = channel.incoming
        Task { await self.receive(datagrams) }
        var answered = await reset()
        if !answered { answered = await reset() }
        guard answered else {
            close()
            throw LinkError.noAnswer(endpoint: endpoint, request: "the VISCA-over-IP RESET control command",
                                     milliseconds: Int((resendAfter * 2) / .milliseconds(1)))
        }
    }

    public func send(_ bytes: [UInt8]) throws {
        try send(bytes, as: PayloadType.documented(for: bytes))
    }

    private func send(_ bytes: [UInt8], as type: PayloadType) throws {
        let sequence = nextSequence
        let datagram: [UInt8]
        do {
            datagram = try IPPacket(type, sequenceNumber: sequence, payload: bytes).encoded()
        } catch {
            throw LinkError.sendFailed(endpoint: endpoint, message: error.description, errno: EMSGSIZE)
        }
        nextSequence &+= 1
        pending = (sequence, datagram, type, false)
        try write(datagram)
        scheduleResend(sequence)
    }

    public func close() {
        resetWaiter?.resume(returning: false)
        resetWaiter = nil
        channel.close()
    }

    /// Sends RESET and waits up to `resendAfter` for its reply.
    private func reset() async -> Bool {
        statistics.sequenceResets += 1
        // RESET's own sequence number is ignored by the camera.
        guard let datagram = try? IPPacket.control(.reset, sequenceNumber: 0).encoded() else { return false }
        do { try write(datagram) } catch { return false }
        nextSequence = 1
        let timeout = resendAfter
        let timer = Task {
            do { try await Task.sleep(for: timeout) } catch { return }  // answered in time
            self.resetTimedOut()
        }
        let answered = await withCheckedContinuation { continuation in
            // Only the newest RESET waits; an older one gives up.
            resetWaiter?.resume(returning: false)
            resetWaiter = continuation
        }
        timer.cancel()
        return answered
    }

    private func resetTimedOut() {
        resetWaiter?.resume(returning: false)
        resetWaiter = nil
    }

    private func scheduleResend(_ sequence: UInt32) {
        let delay = resendAfter
        Task {
            try? await Task.sleep(for: delay)
            self.resendIfUnanswered(sequence)
        }
    }

    private func resendIfUnanswered(_ sequence: UInt32) {
        guard let message = pending, message.sequence == sequence, !message.resent else { return }
        pending?.resent = true
        statistics.resends += 1
        try? write(message.datagram)
    }

    private func write(_ datagram: [UInt8]) throws {
        let (sent, code) = try channel.withDescriptor { fd in
            let sent = datagram.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            return (sent, sent < 0 ? errno : EMSGSIZE)
        }
        guard sent == datagram.count else {
            // The camera may not be there yet; the driver's time-out speaks for it.
            if code == ECONNREFUSED { return }
            throw LinkError.sendFailed(endpoint: endpoint, message: errorText(code), errno: code)
        }
    }

    private func receive(_ datagrams: AsyncStream<[UInt8]>) async {
        for await datagram in datagrams {
            handle(datagram)
        }
        payloads.finish()
    }

    private func handle(_ datagram: [UInt8]) {
        guard let packet = try? IPPacket(decoding: datagram) else {
            statistics.malformedDatagrams += 1
            return
        }
        switch (packet.payloadType, packet.control) {
        case (.reply, _):
            if pending?.sequence == packet.sequenceNumber { pending = nil }
            payloads.yield(packet.payload)
        case (.controlReply, let control?):
            handleControl(control, sequenceNumber: packet.sequenceNumber)
        default:
            statistics.malformedDatagrams += 1
        }
    }

    private func handleControl(_ message: ControlMessage, sequenceNumber: UInt32) {
        switch message {
        case .resetAcknowledged:
            resetWaiter?.resume(returning: true)
            resetWaiter = nil
        case .sequenceNumberAbnormal:
            guard let message = pending else { return }
            if message.resent {
                // The first copy was executed; its reply was lost. Never a third copy.
                statistics.firstCopiesExecuted += 1
                pending = nil
            } else {
                // The camera lost count (it restarted) and refused the message: start again.
                pending = nil
                let payload = Array(message.datagram.dropFirst(IPPacket.headerLength))
                Task {
                    _ = await self.reset()
                    try? self.send(payload, as: message.type)
                }
            }
        case .messageTypeAbnormal:
            statistics.messageTypeErrors += 1
            // Only the refusal of the message waiting now; a late one for an earlier message is done with.
            guard let message = pending, message.sequence == sequenceNumber else { return }
            pending = nil
            let payload = Array(message.datagram.dropFirst(IPPacket.headerLength))
            guard message.type == PayloadType.documented(for: payload), let other = PayloadType.fallback(for: payload) else { return }
            statistics.payloadTypeFallbacks += 1
            try? send(payload, as: other)
        case .reset:
            statistics.malformedDatagrams += 1
        }
    }
}
