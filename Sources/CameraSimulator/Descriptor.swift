#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A file descriptor shared between the thread that reads it (and closes it
/// when it ends) and the actor that writes to it. The mutex makes "is it
/// still open" and the write one step, so a write never lands on a
/// descriptor number the system has since given to another file.
final class Descriptor: Sendable {
    let fd: Int32
    /// Sockets are written with send(MSG_NOSIGNAL), so a peer that went away
    /// gives EPIPE rather than a SIGPIPE that would end the process.
    private let isSocket: Bool
    private let isOpen = Mutex(true)

    init(_ fd: Int32, isSocket: Bool = false) {
        self.fd = fd
        self.isSocket = isSocket
    }

    /// Writes what the descriptor takes now; a full buffer loses the rest,
    /// as a serial line loses bytes nobody reads.
    func write(_ bytes: [UInt8]) {
        isOpen.withLock { open in
            guard open else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { raw in
                    isSocket ? Glibc.send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL)) : Glibc.write(fd, raw.baseAddress, raw.count)
                }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Runs `body` with the descriptor while it is open (for sendto).
    func withOpen(_ body: (Int32) -> Void) {
        isOpen.withLock { open in if open { body(fd) } }
    }

    func close() {
        isOpen.withLock { open in
            guard open else { return }
            open = false
            _ = Glibc.close(fd)
        }
    }
}

/// A thread of its own that sleeps in poll(2) until a descriptor is readable,
/// then calls `onReadable` (which reads and hands the bytes on). It ends when
/// `onReadable` returns false (end of file) or `stop()` is called, and then
/// closes the descriptor. No busy waiting: poll blocks without a time-out.
final class DescriptorWatcher: Sendable {
    let descriptor: Descriptor
    private let wakeRead: Int32
    /// The other end of the wake-up socket pair; nil once `stop()` has used it.
    private let wakeWrite: Mutex<Int32?>

    init(_ descriptor: Descriptor) throws(SimulatorError) {
        // A socket pair rather than a pipe: send(MSG_NOSIGNAL) cannot raise
        // SIGPIPE when the thread has already ended and closed its end.
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else {
            throw .failed("socketpair", "cannot create the simulator's wake-up socket")
        }
        self.descriptor = descriptor
        wakeRead = ends[0]
        wakeWrite = Mutex(ends[1])
    }

    func start(name: String, onReadable: @escaping @Sendable (Int32) -> Bool, onEnd: @escaping @Sendable () -> Void = {}) {
        let fd = descriptor.fd
        let wake = wakeRead
        let descriptor = self.descriptor
        let thread = Thread {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            while true {
                let ready = poll(&fds, 2, -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if fds[1].revents != 0 { break }
                if fds[0].revents & Int16(POLLNVAL) != 0 { break }
                if fds[0].revents != 0, !onReadable(fd) { break }
            }
            descriptor.close()
            _ = Glibc.close(wake)
            onEnd()
        }
        thread.name = name
        thread.start()
    }

    /// Wakes the thread and lets it close the descriptor.
    func stop() {
        wakeWrite.withLock { end in
            guard let fd = end else { return }
            var byte: UInt8 = 1
            _ = Glibc.send(fd, &byte, 1, Int32(MSG_NOSIGNAL))
            _ = Glibc.close(fd)
            end = nil
        }
    }
}
