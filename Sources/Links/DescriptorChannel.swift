import Glibc
import Synchronization

/// The part every descriptor-backed link shares: a read pump feeding
/// `incoming`, writes that complete or throw, and a close that happens once.
///
/// Writes hold the lock, so two callers never interleave their bytes and
/// `close()` never pulls the descriptor out from under a write.
final class DescriptorChannel: Sendable {
    let endpoint: String
    let incoming: AsyncStream<[UInt8]>
    private let descriptor: Int32
    private let pump: ReadPump
    private let isOpen = Mutex(true)

    init(descriptor: Int32, endpoint: String, transient: Set<Int32> = [],
         release: @escaping @Sendable () -> Void) {
        self.descriptor = descriptor
        self.endpoint = endpoint
        pump = ReadPump(descriptor: descriptor, name: endpoint, transient: transient, release: release)
        incoming = pump.stream
    }

    func send(_ bytes: [UInt8]) throws {
        try isOpen.withLock { open in
            guard open else { throw LinkError.closed(endpoint: endpoint) }
            let code = writeAll(descriptor, bytes)
            guard code == 0 else {
                throw LinkError.sendFailed(endpoint: endpoint, message: errorText(code), errno: code)
            }
        }
    }

    /// Runs `body` with the descriptor while the channel is open (for
    /// datagram sends that are not a plain write).
    func withDescriptor<T>(_ body: (Int32) throws -> T) throws -> T {
        try isOpen.withLock { open in
            guard open else { throw LinkError.closed(endpoint: endpoint) }
            return try body(descriptor)
        }
    }

    func close(shuttingDown socket: Bool = false) {
        let first = isOpen.withLock { open in
            defer { open = false }
            return open
        }
        guard first else { return }
        if socket { shutdown(descriptor, Int32(SHUT_RDWR)) }
        pump.stop()
    }
}
