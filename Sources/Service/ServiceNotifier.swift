#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials

/// Tells systemd how the daemon is doing: one datagram per notification to
/// the socket named by `$NOTIFY_SOCKET`, as libsystemd's `sd_notify` does,
/// without linking libsystemd.
///
/// Outside systemd (`$NOTIFY_SOCKET` unset: a technician running diemcaud in
/// a terminal, the tests, the demo) every call is a silent no-op.
///
/// ```swift
/// let notifier = try ServiceNotifier()
/// try notifier.send(.status("camera 1 up; waiting for the terminal"))
/// try notifier.send(.ready, .status("room ready"))
/// ```
public final class ServiceNotifier: Sendable {
    /// The socket as systemd named it, nil outside systemd.
    public let socketName: String?
    private let fd: Int32
    /// The `sockaddr_un` bytes to send to.
    private let address: [UInt8]

    /// Reads `NOTIFY_SOCKET` from `environment`; opens a datagram socket when it is set.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ServiceError) {
        guard let name = environment["NOTIFY_SOCKET"], !name.isEmpty else {
            socketName = nil
            fd = -1
            address = []
            return
        }
        let path = Array(name.utf8)
        guard path.first == UInt8(ascii: "/") || path.first == UInt8(ascii: "@"), path.count <= 107 else {
            throw .notifySocketInvalid(name)
        }
        let socketFD = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { throw .notifyFailed(socket: name, errno: errno) }
        // struct sockaddr_un: sa_family_t (2 bytes), then the path. An
        // abstract name starts with a NUL instead of '@' and is not
        // NUL-terminated: its length is exactly the bytes given.
        var bytes: [UInt8] = []
        withUnsafeBytes(of: sa_family_t(AF_UNIX)) { bytes += $0 }
        if path.first == UInt8(ascii: "@") {
            bytes += [0] + path.dropFirst()
        } else {
            bytes += path + [0]
        }
        socketName = name
        fd = socketFD
        address = bytes
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Whether notifications go anywhere.
    public var isActive: Bool { socketName != nil }

    /// Sends the messages in one datagram (systemd reads them together).
    /// Never blocks: the daemon's one loop sends these, and a manager that
    /// stopped reading (a hung systemd, a test's listener) must not stop the
    /// room; a datagram the socket cannot take now fails with EAGAIN instead.
    public func send(_ messages: NotifyMessage...) throws(ServiceError) {
        try send(messages)
    }

    public func send(_ messages: [NotifyMessage]) throws(ServiceError) {
        guard let socketName, !messages.isEmpty else { return }
        let payload = Array(messages.map(\.text).joined(separator: "\n").utf8)
        let sent = address.withUnsafeBytes { addressBytes in
            payload.withUnsafeBytes { payloadBytes in
                sendto(fd, payloadBytes.baseAddress, payloadBytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT),
                       addressBytes.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(addressBytes.count))
            }
        }
        if sent < 0 { throw .notifyFailed(socket: socketName, errno: errno) }
    }

    /// `RELOADING=1` stamped with `CLOCK_MONOTONIC` now.
    public func reloading() throws(ServiceError) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        try send(.reloading(monotonicMicroseconds: UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000))
    }
}
