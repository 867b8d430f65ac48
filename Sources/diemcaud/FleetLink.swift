import Configuration
import Control
import FoundationEssentials
import Localization
import MQTT
import Room
import Service
import Support

/// The room as a member of the province's fleet (issue 19), through the MQTT
/// broker the `fleet` section names. Under `diemcau/PROVINCE/ROOM`:
///
/// - `state`: the room's state, retained, one versioned JSON document,
///   published on every connection and after every event; the broker's will
///   replaces it with `"online": false` when the room drops off.
/// - `event` and `alert`: the control protocol's events as JSON, at QoS 1,
///   through the client's outbox, so those raised while the broker is away
///   arrive when it is back, in order.
/// - `command` in, `reply` out: control-protocol requests in JSON mode, each
///   answered with its `id` (see `BrokerCommands`).
///
/// R1: nothing here dials. A reconnection to the broker publishes the state
/// again and nothing else; only a `call` command from the centre, with the
/// role the rules require, reaches the terminal, as on the control protocol.
actor FleetLink {
    /// The state document's format; raised when a field changes meaning.
    static let stateVersion = 1

    let setup: FleetSetup
    /// The room's language: the replies' reasons are in it.
    let language: Language
    let client: MQTTClient
    private let room: RoomDaemon
    private let bridge: ControlBridge
    private let log: ServiceLog
    private var commandsAnswered = 0
    /// The answers of the last minutes, so a command delivered twice is done once.
    private var recent = RecentReplies()
    /// The rules' events, in their order, for the broker.
    private let events: AsyncStream<ControlEvent>
    private let eventInput: AsyncStream<ControlEvent>.Continuation

    /// Reads the credentials and starts connecting; `nil` (and a log line
    /// saying what to do) when the credentials file cannot be read.
    static func start(_ setup: FleetSetup, language: Language, room: RoomDaemon, bridge: ControlBridge, log: ServiceLog) async -> FleetLink? {
        let password: String
        do {
            password = String(decoding: try WholeFile.read(setup.credentials), as: UTF8.self).trimmed(of: ["\n", "\r\n", "\r"])
        } catch {
            log.error(Message(
                "fleet: cannot read the credentials file {file} ({fault}): the room stays off the fleet; give the file holding the room's broker password (mode 0600)",
                ["file": setup.credentials], parts: ["fault": .about(error)]))
            return nil
        }
        let offline = Self.document(setup: setup, online: false, fields: nil)
        let options = ClientOptions(
            host: setup.host, port: UInt16(setup.port), clientID: "diemcau-\(setup.province)-\(setup.room)",
            username: setup.room, password: password, keepAlive: .seconds(30), cleanSession: false,
            will: Packet.Publish(topic: setup.topicRoot + "/state", payload: Array(offline.utf8), qos: .atLeastOnce, retain: true),
            outboxLimit: 10_000, firstRetry: .milliseconds(200), longestRetry: .seconds(10))
        let link = FleetLink(setup: setup, language: language, client: MQTTClient(options), room: room, bridge: bridge, log: log)
        await link.run()
        return link
    }

    private init(setup: FleetSetup, language: Language, client: MQTTClient, room: RoomDaemon, bridge: ControlBridge, log: ServiceLog) {
        self.language = language
        self.setup = setup
        self.client = client
        self.room = room
        self.bridge = bridge
        self.log = log
        (events, eventInput) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Takes an event of the rules for the broker, in order, without waiting
    /// (the daemon's event work must not wait for the fleet).
    nonisolated func post(_ event: ControlEvent) {
        eventInput.yield(event)
    }

    private func run() async {
        await client.start()
        // The command topic is remembered by the client and by the broker's
        // persistent session; subscribing before the first connection is fine.
        _ = try? await client.subscribe([.init(setup.topicRoot + "/command", qos: .atLeastOnce)])
        Task { [client] in
            for await state in client.states { await self.connectionChanged(state) }
        }
        Task { [client] in
            for await message in client.messages {
                // In order, but a report does not hold up the commands after it.
                if BrokerCommands.asksForDocument(message.payload) {
                    Task { await self.answer(message) }
                } else {
                    await self.answer(message)
                }
            }
        }
        Task { [events] in
            for await event in events { await self.publish(event) }
        }
    }

    private func connectionChanged(_ state: ConnectionState) async {
        switch state {
        case .connected:
            log.notice(Message("fleet: connected to the broker at {host}:{port} as {room}", ["host": setup.host, "port": "\(setup.port)", "room": setup.room]))
            await room.submit(.broker(.back))
            await publishState()
        case .waiting(_, let reason):
            log.error(Message("fleet: {reason}; events and alerts wait in the outbox ({count} now)", ["count": "\(await client.outboxCount)"], parts: ["reason": .about(reason)]))
            // A device fault like the others: the centre hears it on the control
            // port now, and on the broker from the outbox once it is back.
            await room.submit(.broker(.lost("\(reason)")))
        case .refused(let error):
            log.error(Message("fleet: {fault}; the room stays off the fleet until the credentials are fixed and the daemon restarted", parts: ["fault": .about(error)]))
            await room.submit(.broker(.lost("\(error)")))
        default:
            break
        }
    }

    private func answer(_ message: Packet.Publish) async {
        guard message.topic == setup.topicRoot + "/command" else { return }
        let id = BrokerCommands.requestID(of: message.payload)
        let reply: String
        if let id, let first = recent.reply(to: message.payload) {
            log.notice(Message("fleet: request {id} came again (the broker's redelivery, or the centre's retry): answered as the first time, not carried out twice", ["id": "\(id)"]))
            reply = first
        } else {
            commandsAnswered += 1
            let peer = ControlPeer(connection: commandsAnswered, transport: .broker, address: "centre")
            let answer = await BrokerCommands.answer(
                message.payload, role: setup.commandRole ?? .mcu, peer: peer, language: language, handler: bridge)
            reply = answer.line
            // Only what was done is kept: a refusal or a failure changed nothing and may be asked again.
            if id != nil, answer.done { recent.remember(reply, to: message.payload) }
        }
        do {
            try await client.publish(setup.topicRoot + "/reply", Array(reply.utf8), qos: .atLeastOnce)
        } catch {
            log.error(Message("fleet: the reply to a command could not be queued: {fault}", parts: ["fault": .about(error)]))
        }
        await publishState()
    }

    /// An event of the rules: to `alert` when it is a fault the centre must
    /// see, else to `event`; then the state again.
    func publish(_ event: ControlEvent) async {
        let topic = Self.isAlert(event) ? "/alert" : "/event"
        do {
            try await client.publish(setup.topicRoot + topic, Array(BrokerCommands.event(event).utf8), qos: .atLeastOnce)
        } catch {
            log.error(Message("fleet: an event could not be queued for the broker ({topic}): {fault}", ["topic": event.topic], parts: ["fault": .about(error)]))
        }
        await publishState()
    }

    /// The retained state, when connected (while the broker is away the
    /// will stands, and the next connection publishes the state anew).
    func publishState() async {
        guard await client.state.isConnected else { return }
        let state = await room.state
        let fields = RoomStatus.fields(of: state) + ControlEvents.identityFields(state.setup.identity)
        let document = Self.document(setup: setup, online: true, fields: fields)
        try? await client.publish(setup.topicRoot + "/state", Array(document.utf8), qos: .atLeastOnce, retain: true)
    }

    /// `{"version":1,"province":…,"district":…,"room":…,"online":…,"status":{…}}`.
    static func document(setup: FleetSetup, online: Bool, fields: [ControlField]?) -> String {
        var members = [
            "\"version\":\(stateVersion)", "\"province\":\(setup.province.jsonLiteral)", "\"room\":\(setup.room.jsonLiteral)",
        ]
        if let district = setup.district { members.append("\"district\":\(district.jsonLiteral)") }
        members.append("\"online\":\(online)")
        if let fields { members.append("\"status\":" + BrokerCommands.json(of: fields)) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func isAlert(_ event: ControlEvent) -> Bool {
        switch event.topic {
        case "alert", "call-still-up", "unmute-reverted": return true
        case "device": return event.fields.contains { $0.key == "healthy" && $0.value == .flag(false) }
        default: return false
        }
    }

    /// Marks the room offline (the will is discarded by a DISCONNECT), waits
    /// at most a second for the broker to take what is queued, and disconnects.
    func stop() async {
        let offline = Self.document(setup: setup, online: false, fields: nil)
        try? await client.publish(setup.topicRoot + "/state", Array(offline.utf8), qos: .atLeastOnce, retain: true)
        for _ in 0..<50 {
            let connected = await client.state.isConnected
            guard connected, await client.outboxCount > 0 else { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        await client.stop()
    }
}
