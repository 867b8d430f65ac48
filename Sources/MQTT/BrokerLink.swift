import Support
#if canImport(Glibc)
import Glibc
#endif

/// The byte stream to the broker. This is the one file of the MQTT client
/// that knows how bytes travel: a TCP connection on the daemon's `Reactor`
/// (`BrokerSocket`), whose writes never wait on the caller's thread.
struct BrokerLink: Sendable {
    /// What arrived, in order; ends when the connection does.
    let incoming: AsyncStream<[UInt8]>
    private let socket: BrokerSocket

    /// `host:port` as the errors name it.
    let broker: String

    /// Connects within `timeout`. The handshake waits on a thread of its
    /// own, never on one of Swift's cooperative threads.
    static func open(host: String, port: UInt16, timeout: Duration) async throws(MQTTError) -> BrokerLink {
        let broker = "\(host):\(port)"
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let connected = Promise<Result<Int32, ConnectFailure>>()
        let refused = DetachedThread.startIfPossible(name: "mqtt-connect") {
            do throws(ConnectFailure) {
                let descriptor = try connectedSocket(host: host, port: port, type: Int32(SOCK_STREAM.rawValue), timeout: milliseconds)
                connected.fulfil(.success(descriptor.takeRawValue()))
            } catch {
                connected.fulfil(.failure(error))
            }
        }
        // No thread for the attempt (the unit's TasksMax): this attempt fails, the next one is tried.
        if let refused { throw .unreachable(broker: broker, reason: "no thread for the connection attempt: \(refused)") }
        switch await connected.value {
        case .success(let descriptor):
            guard let socket = BrokerSocket(descriptor: descriptor) else {
                throw .unreachable(broker: broker, reason: "the socket cannot be watched")
            }
            return BrokerLink(socket: socket, broker: broker)
        case .failure(.unresolved(let message)):
            throw .unreachable(broker: broker, reason: "cannot resolve \(host): \(message)")
        case .failure(.failed(let code)):
            throw .unreachable(broker: broker, reason: "cannot connect: \(code)")
        case .failure(.timedOut):
            throw .unreachable(broker: broker, reason: "no answer to the TCP handshake within \(timeout)")
        }
    }

    private init(socket: BrokerSocket, broker: String) {
        self.socket = socket
        self.broker = broker
        incoming = socket.incoming
    }

    /// Queues the packet for the broker; throws when the connection is gone.
    func send(_ packet: Packet) throws(MQTTError) {
        guard socket.send(packet.bytes) else { throw .connectionLost(broker: broker) }
    }

    /// Closes the connection without a DISCONNECT: to the broker this is a
    /// room that went away, and it publishes the will.
    func close() {
        socket.close()
    }
}
