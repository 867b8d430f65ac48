#if canImport(Glibc)
import Glibc
#endif
import Support
import Synchronization

/// What one wake-up of the reader found.
enum ReadChunk: Sendable {
    case bytes([UInt8])
    /// The end: nil for end of file, else the errno of the failed read.
    case end(errno: Int32?)
}

/// Reads a non-blocking file descriptor on a thread of its own, asleep in
/// `poll(2)` on it and on a wake-up pipe; nothing polls on a timer. The
/// stream owns the descriptor: the thread closes it after its last `poll`,
/// when the reading ends or the consumer stops listening, and finishes the
/// stream only after the close, so a caller that waits for the end can rely
/// on the descriptor being gone.
///
/// Not a Dispatch read source: a keypad unplugged and plugged back in gets
/// its old descriptor number again at once, and libdispatch's epoll
/// bookkeeping can still hold the old registration for that number; the
/// test suite crashed in `_dispatch_event_loop_drain` that way
/// (swift-corelibs-libdispatch issues #833 and #949 describe the same).
enum ByteReader {
    static func chunks(from fd: Int32, label: String) -> AsyncStream<ReadChunk> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReadChunk.self)
        guard let pipe = WakePipe() else {
            continuation.yield(.end(errno: errno))
            close(fd)
            continuation.finish()
            return stream
        }
        // The pipe is closed under this lock, so a late wake-up never writes
        // to a closed (or reused) descriptor.
        let pipeOpen = Mutex(true)
        continuation.onTermination = { _ in
            pipeOpen.withLock { open in
                if open { pipe.wake() }
            }
        }
        DetachedThread.start(name: label) {
            let end = pump(fd, wakeRead: pipe.readEnd, into: continuation)
            close(fd)
            if let end { continuation.yield(end) }
            continuation.finish()  // runs onTermination: the pipe must still be open
            pipeOpen.withLock { open in
                open = false
                pipe.close()
            }
        }
        return stream
    }

    /// Reads until the end of the descriptor (returned) or a wake-up (nil).
    private static func pump(_ fd: Int32, wakeRead: Int32, into continuation: AsyncStream<ReadChunk>.Continuation) -> ReadChunk? {
        var watched = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if poll(&watched, 2, -1) < 0 {
                if errno == EINTR { continue }
                return .end(errno: errno)
            }
            if watched[1].revents != 0 { return nil }
            guard watched[0].revents != 0 else { continue }
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    continuation.yield(.bytes(Array(buffer[0..<count])))
                    continue
                }
                if count == 0 { return .end(errno: nil) }
                switch errno {
                case EINTR: continue
                case EAGAIN: break
                case let code: return .end(errno: code)
                }
                break
            }
        }
    }
}
