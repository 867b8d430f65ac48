#if canImport(Glibc)
import Glibc
#endif

/// A POSIX error number, typed, with the system's words for it (`strerror`),
/// in the manner of apple/swift-system's `Errno`.
///
/// The daemon's errors keep the number (a technician can look it up) and
/// the text (what they can act on: "Connection refused", "No such device").
public struct Errno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's `errno`, read at once (any later call may change it).
    public static var current: Errno { Errno(rawValue: errno) }

    /// `strerror`'s text: "Connection refused".
    public var description: String { String(cString: strerror(rawValue)) }

    public static let interrupted = Errno(rawValue: EINTR)
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    public static let badDescriptor = Errno(rawValue: EBADF)
    public static let brokenPipe = Errno(rawValue: EPIPE)
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    public static let inProgress = Errno(rawValue: EINPROGRESS)
}

/// Runs a system call until a signal does not interrupt it: its result, or
/// the `Errno` of a failure (a result of -1) other than EINTR.
///
/// The one place the daemon retries on EINTR; `close(2)` is never retried
/// (on Linux the descriptor is gone even when it reports EINTR).
@inline(__always)
public func retryingOnInterrupt<Result: FixedWidthInteger>(_ call: () -> Result) throws(Errno) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = Errno.current
        if code != .interrupted { throw code }
    }
}

/// Writes every byte to a blocking descriptor (a file, a pipe, the journal's
/// stream), retrying on EINTR. `written` counts the bytes that went out,
/// also when it throws, so a caller can undo a partial line.
public func writeFully(_ descriptor: Int32, _ bytes: [UInt8], written: inout Int) throws(Errno) {
    while written < bytes.count {
        let offset = written
        written += try retryingOnInterrupt {
            bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        }
    }
}
