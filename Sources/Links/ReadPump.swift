import FoundationEssentials
import Glibc
import Support
import Synchronization

/// Reads a file descriptor on a thread of its own and hands the bytes to an
/// `AsyncStream`. The thread sleeps in `poll(2)` on the descriptor and on a
/// wake-up pipe, so an idle link costs nothing and `stop()` ends it at once.
///
/// The pump owns the end of the descriptor's life: when it stops it runs
/// `release` (which closes the descriptor), on its own thread, after its last
/// `poll`, so the descriptor number is never closed while still being polled.
final class ReadPump: Sendable {
    /// What one `read` gave.
    enum Chunk {
        case bytes(Int)
        /// Nothing now (EAGAIN, EINTR, or an error that does not end the link).
        case nothing
        /// The peer or device is gone.
        case end
    }

    let stream: AsyncStream<[UInt8]>
    private let pipe: WakePipe?
    private let stopped = Mutex(false)

    /// - Parameters:
    ///   - descriptor: the readable descriptor.
    ///   - transient: errno values that do not end the link (a UDP socket's ECONNREFUSED).
    ///   - release: runs once on the pump's thread when it stops; closes the descriptor.
    init(descriptor: Int32, name: String, transient: Set<Int32> = [], release: @escaping @Sendable () -> Void) {
        let pipe = WakePipe()
        self.pipe = pipe
        let wakeRead = pipe?.readEnd ?? -1
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        self.stream = stream
        DetachedThread.start(name: "read " + name) {
            var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            var buffer = [UInt8](repeating: 0, count: 4096)
            var open = true
            loop: while true {
                let ready = poll(&fds, nfds_t(fds.count), -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if fds[1].revents != 0 { break }
                guard open, fds[0].revents != 0 else { continue }
                let chunk: Chunk = buffer.withUnsafeMutableBytes { raw in
                    let count = read(descriptor, raw.baseAddress, raw.count)
                    if count > 0 { return .bytes(count) }
                    if count == 0 { return .end }
                    let code = errno
                    if code == EAGAIN || code == EINTR || transient.contains(code) { return .nothing }
                    return .end
                }
                switch chunk {
                case .bytes(let count):
                    continuation.yield(Array(buffer[0..<count]))
                case .nothing:
                    continue
                case .end:
                    // The device is gone; keep waiting only for stop().
                    open = false
                    fds[0].fd = -1
                    continuation.finish()
                    if wakeRead < 0 { break loop }
                }
            }
            continuation.finish()
            release()
            // stop() has written its wake-up (the only way here with a pipe), so no one writes to it again.
            pipe?.close()
        }
    }

    /// Ends the pump: it finishes the stream, releases the descriptor and exits.
    func stop() {
        let first = stopped.withLock { already in
            defer { already = true }
            return !already
        }
        guard first else { return }
        pipe?.wake()
    }
}

/// Writes every byte, waiting (in `poll`, up to `timeout` ms) when the device's
/// buffer is full. Returns 0 or the errno that stopped it.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8], timeout: Int32 = 2000) -> Int32 {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { raw in
            write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        }
        if written >= 0 {
            offset += written
            continue
        }
        let code = errno
        if code == EINTR { continue }
        guard code == EAGAIN else { return code }
        var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&waiting, 1, timeout)
        if ready == 0 { return ETIMEDOUT }
        if ready < 0 && errno != EINTR { return errno }
    }
    return 0
}
