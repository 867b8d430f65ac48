/// An MQTT 3.1.1 client: one connection to one broker, kept up for as long
/// as the client runs.
///
/// Publishing never waits for the broker: a message goes to the outbox, an
/// ordered, bounded queue, and leaves it when the broker has it (written, at
/// QoS 0; acknowledged with PUBACK, at QoS 1). While the broker is away the
/// outbox fills; after a reconnection it is sent again in its order, QoS 1
/// messages marked as duplicates, so nothing is lost and nothing overtakes.
/// When it is full a publish is refused with `outboxFull`, never dropped in
/// silence.
///
/// The connection is tried again with back-off (doubling from `firstRetry` to
/// `longestRetry`) after any loss, except a refusal of the credentials,
/// which only a change of configuration can cure.
public actor MQTTClient {
    public let options: ClientOptions
    /// Every message the broker delivers, for every subscription (one reader).
    public nonisolated let messages: AsyncStream<Packet.Publish>
    /// Every change of `state`, in order (one reader; `waitUntilConnected` does not use it).
    public nonisolated let states: AsyncStream<ConnectionState>

    public private(set) var state: ConnectionState = .stopped {
        didSet {
            guard state != oldValue else { return }
            stateContinuation.yield(state)
            wakeStateWaiters()
        }
    }
    /// How many PINGRESPs came back: keep-alive at work.
    public private(set) var pingsAnswered = 0
    /// How many messages the broker delivered.
    public private(set) var messagesReceived = 0
    /// How many connections were made (the first one and every reconnection).
    public private(set) var connections = 0

    private let messageContinuation: AsyncStream<Packet.Publish>.Continuation
    private let stateContinuation: AsyncStream<ConnectionState>.Continuation

    private struct Outgoing {
        var publish: Packet.Publish
        var sent = false
    }

    private var outbox: [Outgoing] = []
    private var subscriptions: [Packet.Subscription] = []
    private var link: BrokerLink?
    private var running: Task<Void, Never>?
    private var nextPacketID: UInt16 = 0
    /// Counts connections attempted, so a session that ends late does not clear a newer one's link.
    private var sessionNumber = 0
    private var lastSent = ContinuousClock.now
    private var pingSent: ContinuousClock.Instant?
    private var acknowledged: [UInt16: [CheckedContinuation<Void, any Error>]] = [:]
    private var subscribed: [UInt16: CheckedContinuation<[QualityOfService?], any Error>] = [:]
    private var stateWaiters: [CheckedContinuation<Void, Never>] = []

    public init(_ options: ClientOptions) {
        self.options = options
        (messages, messageContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        (states, stateContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    // MARK: Running

    /// Starts connecting (and reconnecting) in the background.
    public func start() {
        guard running == nil else { return }
        state = .connecting
        running = Task { await self.run() }
    }

    /// Starts, and waits for the first connection: throws when the broker
    /// refuses the credentials, or when `within` passes without a connection.
    public func connect(within timeout: Duration = .seconds(5)) async throws(MQTTError) {
        start()
        try await waitUntilConnected(within: timeout)
    }

    /// Waits until the client is connected (now or after a reconnection).
    public func waitUntilConnected(within timeout: Duration) async throws(MQTTError) {
        let deadline = ContinuousClock.now + timeout
        while true {
            switch state {
            case .connected: return
            case let .refused(error): throw error
            case .stopped: throw .stopped
            case let .waiting(_, reason) where ContinuousClock.now >= deadline: throw reason
            default:
                if ContinuousClock.now >= deadline {
                    throw .noAnswer(broker: options.broker, waitingFor: "a connection", seconds: timeout.seconds)
                }
            }
            await waitForStateChange(until: deadline)
        }
    }

    /// Sends DISCONNECT (the broker then discards the will) and stops.
    /// Messages still in the outbox are given up; their waiters get `stopped`.
    public func stop() {
        if let link, state.isConnected { try? link.send(.disconnect) }
        finish()
    }

    /// Closes the connection as a crash would (no DISCONNECT), and stops:
    /// the broker publishes the will.
    public func abandon() {
        finish()
    }

    private func finish() {
        running?.cancel()
        running = nil
        link?.close()
        link = nil
        state = .stopped
        for waiter in acknowledged.values.flatMap({ $0 }) { waiter.resume(throwing: MQTTError.stopped) }
        acknowledged = [:]
        for waiter in subscribed.values { waiter.resume(throwing: MQTTError.stopped) }
        subscribed = [:]
        outbox = []
        messageContinuation.finish()
        stateContinuation.finish()
        wakeStateWaiters()
    }

    /// Drops the connection without stopping: the client reconnects after
    /// its back-off. For a supervisor that judges the link dead.
    public func reconnect() {
        link?.close()
    }

    private func run() async {
        var delay = options.firstRetry
        while !Task.isCancelled {
            state = .connecting
            let outcome = await session()
            if Task.isCancelled { return }
            switch outcome {
            case let .refused(error):
                state = .refused(error)
                return
            case let .ended(error, wasConnected):
                if wasConnected { delay = options.firstRetry }
                state = .waiting(retryIn: delay, reason: error)
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, options.longestRetry)
            }
        }
    }

    private enum SessionEnd {
        case refused(MQTTError)
        case ended(MQTTError, wasConnected: Bool)
    }

    /// One connection, from the TCP handshake to its loss.
    private func session() async -> SessionEnd {
        let link: BrokerLink
        do {
            link = try await BrokerLink.open(host: options.host, port: options.port, timeout: options.answerTimeout)
        } catch {
            return .ended(error, wasConnected: false)
        }
        guard !Task.isCancelled else { link.close(); return .ended(.stopped, wasConnected: false) }
        sessionNumber += 1
        let number = sessionNumber
        self.link = link
        defer {
            link.close()
            if sessionNumber == number {
                self.link = nil
                connectionLost()
            }
        }
        let connect = Packet.Connect(
            clientID: options.clientID, cleanSession: options.cleanSession,
            keepAlive: UInt16(clamping: options.keepAlive.components.seconds),
            username: options.username, password: options.password.map { Array($0.utf8) }, will: options.will)
        do { try write(.connect(connect), on: link) } catch { return .ended(error, wasConnected: false) }

        // No CONNACK within the answer time: give the connection up.
        let watchdog = Task { [answerTimeout = options.answerTimeout] in
            try await Task.sleep(for: answerTimeout)
            link.close()
        }
        var decoder = PacketDecoder()
        var connected = false
        var keepAlive: Task<Void, Never>?
        defer {
            watchdog.cancel()
            keepAlive?.cancel()
        }
        for await bytes in link.incoming {
            decoder.feed(bytes)
            do {
                while let packet = try decoder.next() {
                    if case let .connack(present, code) = packet {
                        guard !connected else { return .ended(.malformed("a second CONNACK"), wasConnected: true) }
                        guard code == .accepted else {
                            let error = MQTTError.refused(broker: link.broker, code)
                            return code.isPermanent ? .refused(error) : .ended(error, wasConnected: false)
                        }
                        watchdog.cancel()
                        connected = true
                        connections += 1
                        keepAlive = startKeepAlive(on: link)
                        state = .connected(sessionPresent: present)
                        resume(on: link, sessionPresent: present)
                    } else if connected {
                        try handle(packet, on: link)
                    } else {
                        return .ended(.malformed("\(packet) before CONNACK"), wasConnected: false)
                    }
                }
            } catch {
                return .ended(error, wasConnected: connected)
            }
        }
        if !connected {
            // The broker closed before CONNACK, or the watchdog did.
            return .ended(.noAnswer(broker: link.broker, waitingFor: "CONNECT", seconds: options.answerTimeout.seconds),
                          wasConnected: false)
        }
        return .ended(.connectionLost(broker: link.broker), wasConnected: connected)
    }

    /// After CONNACK: the subscriptions again if the broker forgot them, then
    /// the outbox in its order.
    private func resume(on link: BrokerLink, sessionPresent: Bool) {
        if !sessionPresent && !subscriptions.isEmpty {
            try? write(.subscribe(packetID: allocatePacketID(), filters: subscriptions), on: link)
        }
        flushOutbox(on: link)
    }

    private func flushOutbox(on link: BrokerLink) {
        var index = 0
        while index < outbox.count {
            var publish = outbox[index].publish
            publish.duplicate = outbox[index].sent && publish.qos == .atLeastOnce
            do { try write(.publish(publish), on: link) } catch { return }
            if publish.qos == .atMostOnce {
                outbox.remove(at: index)
            } else {
                outbox[index].sent = true
                index += 1
            }
        }
    }

    private func handle(_ packet: Packet, on link: BrokerLink) throws(MQTTError) {
        switch packet {
        case let .publish(publish):
            if let id = publish.packetID, publish.qos == .atLeastOnce { try write(.puback(packetID: id), on: link) }
            messagesReceived += 1
            messageContinuation.yield(publish)
        case let .puback(id):
            outbox.removeAll { $0.publish.packetID == id && $0.sent }
            for waiter in acknowledged.removeValue(forKey: id) ?? [] { waiter.resume() }
        case let .suback(id, granted):
            subscribed.removeValue(forKey: id)?.resume(returning: granted)
        case .pingresp:
            pingSent = nil
            pingsAnswered += 1
        default:
            throw .malformed("\(packet) sent to a client")
        }
    }

    private func connectionLost() {
        pingSent = nil
        for waiter in subscribed.values { waiter.resume(throwing: MQTTError.connectionLost(broker: options.broker)) }
        subscribed = [:]
    }

    private func startKeepAlive(on link: BrokerLink) -> Task<Void, Never>? {
        let interval = options.keepAlive
        guard interval > .zero else { return nil }
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval / 4)
                guard !Task.isCancelled else { return }
                self.keepAliveTick(interval: interval, on: link)
            }
        }
    }

    /// PINGREQ after half the keep-alive of silence; a PINGREQ unanswered for
    /// a whole keep-alive means the broker is gone (section 3.1.2.10).
    private func keepAliveTick(interval: Duration, on link: BrokerLink) {
        let now = ContinuousClock.now
        if let pingSent {
            if now - pingSent >= interval { link.close() }
        } else if now - lastSent >= interval / 2 {
            if (try? write(.pingreq, on: link)) != nil { pingSent = now }
        }
    }

    private func write(_ packet: Packet, on link: BrokerLink) throws(MQTTError) {
        do {
            try link.send(packet)
            lastSent = .now
        } catch {
            link.close()
            throw error
        }
    }

    // MARK: Publishing

    /// Queues a message for the broker and returns at once. Throws when the
    /// topic is not allowed or the outbox is full.
    public func publish(_ topic: String, _ payload: [UInt8], qos: QualityOfService = .atMostOnce,
                        retain: Bool = false) throws(MQTTError) {
        _ = try enqueue(topic, payload, qos: qos, retain: retain)
    }

    /// Queues a message and, at QoS 1, waits until the broker acknowledges it
    /// (at QoS 0 there is nothing to wait for).
    public func publishConfirmed(_ topic: String, _ payload: [UInt8], qos: QualityOfService = .atLeastOnce,
                                 retain: Bool = false) async throws {
        guard let id = try enqueue(topic, payload, qos: qos, retain: retain) else { return }
        try await withCheckedThrowingContinuation { continuation in
            acknowledged[id, default: []].append(continuation)
        }
    }

    /// How many messages wait for the broker.
    public var outboxCount: Int { outbox.count }

    private func enqueue(_ topic: String, _ payload: [UInt8], qos: QualityOfService,
                         retain: Bool) throws(MQTTError) -> UInt16? {
        guard state != .stopped else { throw .stopped }
        try Topic.validateName(topic)
        var publish = Packet.Publish(topic: topic, payload: payload, qos: qos, retain: retain)
        if qos == .atLeastOnce { publish.packetID = allocatePacketID() }
        guard outbox.count < options.outboxLimit else { throw .outboxFull(limit: options.outboxLimit) }
        // Straight to the broker unless older messages still wait to be sent: they go first.
        if let link, state.isConnected, !outbox.contains(where: { !$0.sent }),
            (try? write(.publish(publish), on: link)) != nil {
            if qos == .atLeastOnce { outbox.append(Outgoing(publish: publish, sent: true)) }
            return publish.packetID
        }
        outbox.append(Outgoing(publish: publish))
        return publish.packetID
    }

    /// The next packet identifier not in use by a message still in flight.
    private func allocatePacketID() -> UInt16 {
        repeat {
            nextPacketID = nextPacketID == .max ? 1 : nextPacketID + 1
        } while outbox.contains(where: { $0.publish.packetID == nextPacketID }) || subscribed[nextPacketID] != nil
        return nextPacketID
    }

    // MARK: Subscribing

    /// Subscribes, and remembers the filters so that a reconnection to a
    /// broker that lost the session subscribes again. Waits for SUBACK when
    /// connected; throws when the broker refuses a filter.
    @discardableResult
    public func subscribe(_ filters: [Packet.Subscription]) async throws -> [QualityOfService] {
        for subscription in filters { try Topic.validateFilter(subscription.filter) }
        subscriptions.removeAll { old in filters.contains { $0.filter == old.filter } }
        subscriptions += filters
        guard let link, state.isConnected else { return filters.map(\.qos) }
        let id = allocatePacketID()
        try write(.subscribe(packetID: id, filters: filters), on: link)
        let timeout = Task { [answerTimeout = options.answerTimeout] in
            try await Task.sleep(for: answerTimeout)
            self.subscriptionTimedOut(id)
        }
        defer { timeout.cancel() }
        let granted = try await withCheckedThrowingContinuation { continuation in
            subscribed[id] = continuation
        }
        var result: [QualityOfService] = []
        for (subscription, qos) in zip(filters, granted) {
            guard let qos else { throw MQTTError.subscriptionRefused(filter: subscription.filter) }
            result.append(qos)
        }
        return result
    }

    private func subscriptionTimedOut(_ id: UInt16) {
        subscribed.removeValue(forKey: id)?.resume(
            throwing: MQTTError.noAnswer(broker: options.broker, waitingFor: "SUBSCRIBE", seconds: options.answerTimeout.seconds))
    }

    // MARK: Waiting

    private func waitForStateChange(until deadline: ContinuousClock.Instant) async {
        let timer = Task {
            try await Task.sleep(until: deadline)
            self.wakeStateWaiters()
        }
        await withCheckedContinuation { stateWaiters.append($0) }
        timer.cancel()
    }

    private func wakeStateWaiters() {
        let waiters = stateWaiters
        stateWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
