#if canImport(Glibc)
import Glibc
#endif
import Support

/// What one wake-up of the reader found.
enum ReadChunk: Sendable {
    case bytes([UInt8])
    /// The end: nil for end of file, else the errno of the failed read.
    case end(errno: Int32?)
}

/// Reads a non-blocking file descriptor on the daemon's `Reactor`; nothing
/// polls on a timer. The stream owns the descriptor: the reactor closes it
/// when the reading ends or the consumer stops listening, and finishes the
/// stream only after the close, so a caller that waits for the end can rely
/// on the descriptor being gone.
///
/// Not a Dispatch read source: a keypad unplugged and plugged back in gets
/// its old descriptor number again at once, and libdispatch's epoll
/// bookkeeping can still hold the old registration for that number; the
/// test suite crashed in `_dispatch_event_loop_drain` that way
/// (swift-corelibs-libdispatch issues #833 and #949 describe the same). The
/// reactor keys its registrations by a number of its own, never reused.
enum ByteReader {
    static func chunks(from fd: Int32, label: String) -> AsyncStream<ReadChunk> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReadChunk.self)
        let registration = Reactor.shared.register(FileDescriptor(adopting: fd), closesAtEnd: true) { event in
            switch event {
            case .bytes(let bytes):
                continuation.yield(.bytes(bytes))
            case .end(let failure):
                // After a close the consumer asked for (it stopped listening), this yield is dropped.
                continuation.yield(.end(errno: failure?.rawValue))
                continuation.finish()
            }
        }
        continuation.onTermination = { _ in registration.close() }
        return stream
    }
}
