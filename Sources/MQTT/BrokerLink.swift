import Codec

/// The byte stream to the broker. This is the one file of the MQTT client
/// that knows how bytes travel: today the codec's TCP connection (a reading
/// thread per connection, `send` with MSG_NOSIGNAL so a broker that went away
/// is an error and not a SIGPIPE); when the shared reactor lands in Support,
/// only this file changes.
struct BrokerLink: Sendable {
    /// What arrived, in order; ends when the connection does.
    let incoming: AsyncStream<[UInt8]>
    private let connection: TCPConnection

    /// `host:port` as the errors name it.
    let broker: String

    /// Connects within `timeout`.
    static func open(host: String, port: UInt16, timeout: Duration) async throws(MQTTError) -> BrokerLink {
        let broker = "\(host):\(port)"
        do {
            let connection = try await TCPConnection.connect(host: host, port: port, timeout: timeout)
            return BrokerLink(connection: connection, broker: broker)
        } catch {
            throw .unreachable(broker: broker, reason: "\(error)")
        }
    }

    private init(connection: TCPConnection, broker: String) {
        self.connection = connection
        self.broker = broker
        let reads = connection.reads
        incoming = AsyncStream { continuation in
            let pump = Task {
                for await read in reads {
                    guard case let .bytes(bytes) = read else { break }
                    continuation.yield(bytes)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in pump.cancel() }
        }
    }

    func send(_ packet: Packet) throws(MQTTError) {
        do {
            try connection.write(packet.bytes)
        } catch {
            throw .connectionLost(broker: broker)
        }
    }

    /// Closes the connection without a DISCONNECT: to the broker this is a
    /// room that went away, and it publishes the will.
    func close() {
        connection.close()
    }
}
