import Glibc
import Support
import Synchronization

/// The part every descriptor-backed link shares: the daemon's `Reactor`
/// reading into `incoming`, writes that complete or throw, and a close that
/// happens once.
///
/// Writes hold the lock, so two callers never interleave their bytes; `close()`
/// takes it too before it asks the reactor to close the descriptor, so no write
/// is under way (or starts) when the number is closed on the reactor's thread.
/// A device that goes away ends `incoming`; the descriptor stays open (writes
/// fail with the device's own error) until `close()`.
final class DescriptorChannel: Sendable {
    let endpoint: String
    let incoming: AsyncStream<[UInt8]>
    private let registration: Reactor.Registration
    private let isOpen = Mutex(true)

    /// - Parameters:
    ///   - transient: errno values that do not end the link (a UDP socket's ECONNREFUSED).
    ///   - release: closes the descriptor (on the reactor's thread, once).
    init(descriptor: Int32, endpoint: String, transient: Set<Int32> = [],
         release: @escaping @Sendable () -> Void) {
        self.endpoint = endpoint
        let (incoming, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        self.incoming = incoming
        let owned = FileDescriptor(adopting: descriptor) { _ in release() }
        registration = Reactor.shared.register(owned, transient: Set(transient.map(Errno.init(rawValue:)))) { event in
            switch event {
            case .bytes(let bytes): continuation.yield(bytes)
            case .end: continuation.finish()
            }
        }
    }

    func send(_ bytes: [UInt8]) throws {
        try isOpen.withLock { open in
            guard open else { throw LinkError.closed(endpoint: endpoint) }
            do throws(Errno) {
                try registration.descriptor.writeAll(bytes)
            } catch {
                throw LinkError.sendFailed(endpoint: endpoint, message: error.description, errno: error.rawValue)
            }
        }
    }

    /// Runs `body` with the descriptor while the channel is open (for
    /// datagram sends that are not a plain write).
    func withDescriptor<T>(_ body: (Int32) throws -> T) throws -> T {
        try isOpen.withLock { open in
            guard open else { throw LinkError.closed(endpoint: endpoint) }
            return try body(registration.descriptor.rawValue)
        }
    }

    func close(shuttingDown socket: Bool = false) {
        let first = isOpen.withLock { open in
            defer { open = false }
            return open
        }
        guard first else { return }
        if socket { shutdown(registration.descriptor.rawValue, Int32(SHUT_RDWR)) }
        registration.close()
    }
}
