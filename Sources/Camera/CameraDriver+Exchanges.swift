import Links
import Localization
import Support
import VISCA

extension CameraDriver {
    /// Sends `command` and waits for what it gives back: the Completion of an
    /// acknowledged command, or the answer of an inquiry. Inquiries that get
    /// no answer are asked again (`timing.inquiryAttempts` in all); commands
    /// are never sent twice, a motion command least of all.
    ///
    /// `acknowledged` is called when the camera acknowledged the command,
    /// before its Completion: a caller that must answer someone can say the
    /// order was taken while the camera is still moving.
    public func execute(
        _ command: Command, camera: Int = 1, acknowledged: (@Sendable () -> Void)? = nil
    ) async throws -> Outcome {
        try await executeTimed(command, camera: camera, acknowledged: acknowledged).outcome
    }

    /// `execute`, also telling when the command went out, when its first reply
    /// (ACK or answer) and its Completion came in: for the benchmark and for
    /// diagnostics.
    public func executeTimed(
        _ command: Command, camera: Int = 1, acknowledged: (@Sendable () -> Void)? = nil
    ) async throws -> (outcome: Outcome, times: ExchangeTimes) {
        let recipient = Recipient.camera(try address(camera))
        let attempts = command.isAcknowledged ? 1 : max(1, timing.inquiryAttempts)
        for attempt in 1...attempts {
            do {
                return try await performTimed(command, to: recipient, acknowledged: acknowledged)
            } catch CameraError.noAnswer(let name, let cameraName, let endpoint, let milliseconds, let hint) {
                guard attempt < attempts, case .inquiry = command else {
                    throw CameraError.noAnswer(command: name, camera: cameraName, endpoint: endpoint,
                                               milliseconds: milliseconds, hint: hint)
                }
                statistics.inquiryRetries += 1
            }
        }
        throw CameraError.closed(endpoint: endpoint)
    }

    /// The camera address for `number`, checked against the chain.
    func address(_ number: Int) throws -> CameraAddress {
        let address: CameraAddress
        do { address = try CameraAddress(number) } catch { throw CameraError.invalid(error) }
        if !connection.isDaisyChain && number != 1 {
            throw CameraError.notOnChain(address: number, endpoint: endpoint, cameras: 1)
        }
        if status.isOnline && number > cameraCount {
            throw CameraError.notOnChain(address: number, endpoint: endpoint, cameras: cameraCount)
        }
        return address
    }

    /// One command, one try: transmit, first reply, Completion if acknowledged.
    func perform(_ command: Command, to recipient: Recipient, duringSetup: Bool = false) async throws -> Outcome {
        try await performTimed(command, to: recipient, duringSetup: duringSetup).outcome
    }

    private func performTimed(
        _ command: Command, to recipient: Recipient, duringSetup: Bool = false, acknowledged: (@Sendable () -> Void)? = nil
    ) async throws -> (outcome: Outcome, times: ExchangeTimes) {
        let exchange = try await transmit(command, to: recipient, duringSetup: duringSetup)
        let first = try await withCheckedThrowingContinuation { exchange.firstReply.wait($0) }
        let outcome: Outcome
        switch first {
        case .acknowledged:
            acknowledged?()
            try await withCheckedThrowingContinuation { exchange.completion.wait($0) }
            outcome = .completed
        case .answer(let data):
            outcome = .answer(data)
        case .numbered(let cameras):
            outcome = .numbered(cameras: cameras)
        case .done:
            outcome = .completed
        }
        return (outcome, exchange.times)
    }

    /// Waits for the line (no other command waiting for its first reply, a
    /// free socket in the camera), then writes the command and starts its timer.
    private func transmit(_ command: Command, to recipient: Recipient, duringSetup: Bool) async throws -> Exchange {
        while true {
            if status == .closed { throw CameraError.closed(endpoint: endpoint) }
            if !duringSetup, !status.isOnline {
                throw CameraError.offline(endpoint: endpoint, reason: offlineReason)
            }
            if awaiting == nil, !command.isAcknowledged || socketsInUse(recipient) < timing.socketsPerCamera { break }
            try await withCheckedThrowingContinuation { transmitQueue.append($0) }
        }
        let bytes: [UInt8]
        do { bytes = try command.encoded(for: recipient) } catch { throw CameraError.invalid(error) }
        guard let link else { throw CameraError.offline(endpoint: endpoint, reason: offlineReason) }

        nextExchangeID += 1
        let exchange = Exchange(id: nextExchangeID, command: command, recipient: recipient)
        awaiting = exchange
        exchange.times.sent = .now
        let (limit, hint) = firstReplyLimit(command)
        let id = exchange.id
        arm(.firstReply(id), after: limit) { self.firstReplyTimedOut(id, after: limit, hint: hint) }
        do {
            try await link.send(bytes)
        } catch {
            let failure = (error as? LinkError).map(CameraError.link) ?? .closed(endpoint: endpoint)
            finishAwaiting(exchange, .failure(failure))
        }
        return exchange
    }

    /// How long to wait for the first reply, and what to tell the technician if it does not come.
    private func firstReplyLimit(_ command: Command) -> (Duration, Message) {
        let cable = cableHint
        switch command {
        case .addressSet, .interfaceClear:
            return (timing.chainSetup, connection.isDaisyChain ? Message("{check}; every camera on the chain must be powered", parts: ["check": cable]) : cable)
        case .inquiry:
            return (timing.inquiry, cable)
        default:
            return (timing.acknowledgement, cable)
        }
    }

    /// What to check when the cameras do not answer.
    var cableHint: Message {
        connection.isDaisyChain
            ? Message("check the RS-232 cable and the camera's baud-rate switch")
            : Message("check the network cable, the camera's IP address and that VISCA control is enabled")
    }

    func socketsInUse(_ recipient: Recipient) -> Int {
        guard case .camera(let address) = recipient else { return 0 }
        return executing[address.rawValue]?.count ?? 0
    }

    var offlineReason: Message {
        if case .offline(let reason) = status { return reason }
        return Message("not connected yet")
    }

    // MARK: Replies

    /// Bytes from the link: framed at FF, decoded, matched.
    func receive(_ chunk: [UInt8], generation: Int) {
        guard generation == linkGeneration else { return }
        for item in framer.append(chunk) {
            switch item {
            case .discarded(let bytes, _):
                statistics.discardedBytes += bytes.count
            case .message(let bytes):
                guard let reply = try? Reply(decoding: bytes) else {
                    statistics.malformedReplies += 1
                    continue
                }
                lastHeard = .now
                route(reply)
            }
        }
    }

    /// Gives a reply to the exchange it answers.
    func route(_ reply: Reply) {
        let address: UInt8? = if case .camera(let from) = reply.sender { from.rawValue } else { nil }
        let justAcknowledged = lastAcknowledged
        lastAcknowledged = nil
        switch reply.kind {
        case .networkChange:
            statistics.networkChanges += 1
            if connection.isDaisyChain { scheduleAddressSet() }

        case .addressSet(let next):
            guard let exchange = awaiting, exchange.command == .addressSet else { return stray() }
            finishAwaiting(exchange, .success(.numbered(cameras: max(0, next - 1))))

        case .interfaceClearEcho:
            guard let exchange = awaiting, exchange.command == .interfaceClear else { return stray() }
            finishAwaiting(exchange, .success(.done))

        case .acknowledged(let socket):
            guard let exchange = awaiting, exchange.command.isAcknowledged, exchange.isAnswered(by: reply.sender),
                  let address else { return stray() }
            if let stale = executing[address]?[socket] {
                // The camera reuses a socket we thought busy: its Completion was lost.
                let waited = ContinuousClock.now - stale.times.firstReply
                deadlines.disarm(.completion(stale.id))
                stale.completion.resolve(.failure(.noCompletion(command: stale.command.name, camera: stale.cameraName,
                                                                endpoint: endpoint, milliseconds: waited.milliseconds)))
            }
            exchange.socket = socket
            executing[address, default: [:]][socket] = exchange
            let limit = timing.completion(for: exchange.command, profile: profile)
            let id = exchange.id
            arm(.completion(id), after: limit) { self.completionTimedOut(id, address: address, socket: socket, after: limit) }
            finishAwaiting(exchange, .success(.acknowledged(socket: socket)))
            lastAcknowledged = (address, socket)

        case .completed(let socket):
            if socket == 0 {
                // `y0 50 FF`: IF_Clear to one camera answered.
                guard let exchange = awaiting, !exchange.command.isAcknowledged,
                      exchange.isAnswered(by: reply.sender) else { return stray() }
                finishAwaiting(exchange, .success(.answer([])))
            } else if let address, let exchange = executing[address]?[socket] {
                finishExecuting(exchange, address: address, socket: socket, .success(()))
            } else if let exchange = awaiting, exchange.command.isAcknowledged, exchange.isAnswered(by: reply.sender) {
                // Completion without ACK: the ACK was lost (UDP) — the command ran.
                finishAwaiting(exchange, .success(.acknowledged(socket: socket)))
                exchange.completion.resolve(.success(()))
            } else {
                stray()
            }

        case .answer(let data):
            guard let exchange = awaiting, !exchange.command.isAcknowledged,
                  exchange.isAnswered(by: reply.sender) else { return stray() }
            finishAwaiting(exchange, .success(.answer(data)))

        case .failed(let socket, let error):
            let followsItsACK = justAcknowledged.map { $0.address == address && $0.socket == socket } ?? false
            routeError(error, socket: socket, from: reply.sender, address: address, followsItsACK: followsItsACK)
        }
    }

    /// Errors with socket 0 (syntax, length, buffer full) answer the command
    /// waiting for its first reply. An error naming socket y right after that
    /// socket's ACK (a camera that ACKs, then finds it cannot execute: `x0 6y
    /// 41 FF`) belongs to the command in socket y, even if the next command
    /// has already been sent.
    private func routeError(_ error: ReplyError, socket: Int, from sender: Sender, address: UInt8?, followsItsACK: Bool) {
        let cancelWaiting: Exchange? = if let exchange = awaiting, case .cancel = exchange.command,
            exchange.isAnswered(by: sender) { exchange } else { nil }
        switch error {
        case .cancelled:
            var matched = false
            if let address, let exchange = executing[address]?[socket] {
                finishExecuting(exchange, address: address, socket: socket,
                                .failure(.rejected(command: exchange.command.name, camera: exchange.cameraName, .cancelled)))
                matched = true
            }
            if let cancelWaiting {
                finishAwaiting(cancelWaiting, .success(.done))
                matched = true
            }
            if !matched { stray() }
        case .noSocket:
            guard let cancelWaiting else { return stray() }
            finishAwaiting(cancelWaiting, .failure(.rejected(command: cancelWaiting.command.name,
                                                             camera: cancelWaiting.cameraName, .noSocket)))
        default:
            if followsItsACK, let address, let exchange = executing[address]?[socket] {
                finishExecuting(exchange, address: address, socket: socket,
                                .failure(.rejected(command: exchange.command.name, camera: exchange.cameraName, error)))
            } else if let exchange = awaiting, exchange.isAnswered(by: sender) {
                finishAwaiting(exchange, .failure(.rejected(command: exchange.command.name, camera: exchange.cameraName, error)))
            } else if let address, let exchange = executing[address]?[socket] {
                finishExecuting(exchange, address: address, socket: socket,
                                .failure(.rejected(command: exchange.command.name, camera: exchange.cameraName, error)))
            } else {
                stray()
            }
        }
    }

    private func stray() { statistics.strayReplies += 1 }

    /// The first reply is in (or will never come): the line is free again.
    func finishAwaiting(_ exchange: Exchange, _ result: Result<FirstReply, CameraError>) {
        if awaiting === exchange { awaiting = nil }
        exchange.times.firstReply = .now
        exchange.times.completed = exchange.times.firstReply
        deadlines.disarm(.firstReply(exchange.id))
        exchange.firstReply.resolve(result)
        if case .failure(let error) = result {
            deadlines.disarm(.completion(exchange.id))
            exchange.completion.resolve(.failure(error))
        }
        wakeTransmitQueue()
    }

    func finishExecuting(_ exchange: Exchange, address: UInt8, socket: Int, _ result: Result<Void, CameraError>) {
        if executing[address]?[socket] === exchange { executing[address]?[socket] = nil }
        exchange.times.completed = .now
        deadlines.disarm(.completion(exchange.id))
        exchange.completion.resolve(result)
        wakeTransmitQueue()
    }

    /// What a time-out is for: the first reply to an exchange, or its completion.
    enum TimeOut: Hashable {
        case firstReply(Int)
        case completion(Int)
    }

    /// Runs `action` after `limit` unless the time-out is disarmed first.
    func arm(_ timeOut: TimeOut, after limit: Duration, _ action: @escaping () -> Void) {
        if let target = deadlines.arm(timeOut, at: .now + limit, action) {
            Sleeper.start(until: target) { await self.deadlinesDue($0) }
        }
    }

    private func deadlinesDue(_ target: ContinuousClock.Instant) {
        let (actions, next) = deadlines.fire(sleeperFor: target)
        if let next { Sleeper.start(until: next) { await self.deadlinesDue($0) } }
        for action in actions { action() }
    }

    func wakeTransmitQueue() {
        let waiting = transmitQueue
        transmitQueue = []
        for continuation in waiting { continuation.resume() }
    }

    private func firstReplyTimedOut(_ id: Int, after limit: Duration, hint: Message) {
        guard let exchange = awaiting, exchange.id == id else { return }
        // A half message will never be finished now.
        statistics.discardedBytes += framer.reset().count
        finishAwaiting(exchange, .failure(.noAnswer(command: exchange.command.name, camera: exchange.cameraName,
                                                    endpoint: endpoint, milliseconds: limit.milliseconds, hint: hint)))
    }

    private func completionTimedOut(_ id: Int, address: UInt8, socket: Int, after limit: Duration) {
        guard let exchange = executing[address]?[socket], exchange.id == id else { return }
        finishExecuting(exchange, address: address, socket: socket,
                        .failure(.noCompletion(command: exchange.command.name, camera: exchange.cameraName,
                                               endpoint: endpoint, milliseconds: limit.milliseconds)))
    }

    /// Fails every waiting command and caller (going offline, closing).
    func failEverything(_ error: CameraError) {
        if let exchange = awaiting { finishAwaiting(exchange, .failure(error)) }
        for (address, sockets) in executing {
            for (socket, exchange) in sockets {
                finishExecuting(exchange, address: address, socket: socket, .failure(error))
            }
        }
        executing = [:]
        let waiting = transmitQueue
        transmitQueue = []
        for continuation in waiting { continuation.resume(throwing: error) }
    }
}
