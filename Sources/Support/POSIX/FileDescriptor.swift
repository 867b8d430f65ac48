#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open file descriptor and the duty to close it: `close()` closes it
/// exactly once, however many callers ask, and a descriptor dropped while
/// still open is closed then (a leak the type does not allow).
///
/// After the close `rawValue` is -1, so a late system call fails with EBADF
/// instead of reaching a descriptor number the kernel has handed to someone
/// else. That leaves one race: a call that read the number just before the
/// close. The `Reactor` removes it for the descriptors the daemon reads:
/// they are closed on the reactor's thread only, after its last `epoll_wait`
/// that could name them, and their writers hold their link's lock, which
/// the close request takes first.
public final class FileDescriptor: Sendable, CustomStringConvertible {
    private let number: Atomic<Int32>
    private let closing: @Sendable (Int32) -> Void

    /// Takes over `rawValue`. `closing` releases it (libserialport's
    /// `sp_close`, say); by default `close(2)`.
    public init(adopting rawValue: Int32, closing: @escaping @Sendable (Int32) -> Void = { _ = Glibc.close($0) }) {
        number = Atomic(rawValue)
        self.closing = closing
    }

    deinit { close() }

    /// The descriptor number, or -1 once closed.
    public var rawValue: Int32 { number.load(ordering: .acquiring) }

    public var isOpen: Bool { rawValue >= 0 }

    /// Closes the descriptor if it is open; later calls do nothing.
    public func close() {
        let old = number.exchange(-1, ordering: .acquiringAndReleasing)
        if old >= 0 { closing(old) }
    }

    /// Gives the number up without closing it, to an owner that will (a
    /// link that hands it to the reactor with its own way of closing).
    public func takeRawValue() -> Int32 {
        number.exchange(-1, ordering: .acquiringAndReleasing)
    }

    public var description: String { "fd \(rawValue)" }

    /// Sets `O_NONBLOCK` (the reactor reads until EAGAIN).
    public func setNonBlocking() throws(Errno) {
        let flags = try retryingOnInterrupt { fcntl(rawValue, F_GETFL) }
        _ = try retryingOnInterrupt { fcntl(rawValue, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Writes every byte, waiting (in `poll`, up to `timeout` ms in all) when
    /// the device or socket is full; a socket whose peer is gone gives EPIPE,
    /// never SIGPIPE. Throws the `Errno` that stopped it.
    public func writeAll(_ bytes: [UInt8], timeout: Int32 = 2000) throws(Errno) {
        let fd = rawValue
        var offset = 0
        var isSocket = true
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout))
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                let start = raw.baseAddress! + offset
                if isSocket {
                    let sent = send(fd, start, raw.count - offset, Int32(MSG_NOSIGNAL))
                    if sent >= 0 || errno != ENOTSOCK { return sent }
                    isSocket = false
                }
                return write(fd, start, raw.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            let code = Errno.current
            if code == .interrupted { continue }
            guard code == .wouldBlock else { throw code }
            var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&waiting, 1, WakePipe.timeout(until: deadline))
            if ready == 0 { throw .timedOut }
            if ready < 0, errno != EINTR { throw .current }
        }
    }
}
