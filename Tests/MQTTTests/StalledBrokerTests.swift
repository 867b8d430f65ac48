import Foundation
import Glibc
import MQTT
import Synchronization
import Testing
import TestSupport

/// A broker whose link stalls without a reset (it accepts, answers CONNECT,
/// then reads nothing more): publishing must not wait for it. The bytes
/// wait in the connection's buffer for the reactor to say the socket is
/// writable, and past the buffer's bound the link counts as lost.
@Suite struct StalledBrokerTests {
    /// Accepts one connection on `listener`, reads its CONNECT, answers
    /// CONNACK, and from then on reads nothing; returns the connection.
    static func stallingBroker(_ listener: Int32) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let connection = accept(listener, nil, nil)
                var small: Int32 = 4096
                setsockopt(connection, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
                var buffer = [UInt8](repeating: 0, count: 1024)
                _ = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                let connack: [UInt8] = [0x20, 0x02, 0x00, 0x00]
                _ = connack.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                continuation.resume(returning: connection)
            }
        }
    }

    @Test func publishingToABrokerThatStoppedReadingNeverWaits() async throws {
        let (listener, port) = try loopbackSocket(SOCK_STREAM)
        defer { close(listener) }
        let client = MQTTClient(ClientOptions(
            host: "127.0.0.1", port: port, clientID: "stalled-\(UUID().uuidString.prefix(8))", firstRetry: .seconds(30)))
        async let accepted = Self.stallingBroker(listener)
        try await client.connect(within: .seconds(5))
        let connection = await accepted
        defer { close(connection) }

        // 24 MB, far more than the sockets hold: each publish returns at once
        // (a write that waited for the socket took 5 s, then gave the link up).
        let payload = [UInt8](repeating: 0x41, count: 64 * 1024)
        let started = ContinuousClock.now
        for _ in 0..<384 {
            try await client.publish("diemcau/t/room1/event", payload)
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(2), "384 publishes took \(elapsed)")
        #expect(await client.state.isConnected, "the link is stalled, not lost: the keep-alive judges it")

        // Past 32 MiB waiting, the link counts as lost and the client says so.
        for _ in 0..<400 {
            try? await client.publish("diemcau/t/room1/event", payload)
        }
        let deadline = ContinuousClock.now + .seconds(3)
        while await client.state.isConnected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await !client.state.isConnected)
        await client.stop()
    }
}
