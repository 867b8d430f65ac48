import Dispatch
import Foundation

/// A Unix datagram socket the test owns, standing in for systemd's notify
/// socket: bound at a path in a temporary directory or at an abstract name.
final class DatagramSink: Sendable {
    /// What NOTIFY_SOCKET would say: the path, or "@name".
    let name: String
    private let directory: String?
    private let fd: Int32

    /// Binds at a fresh path (or an abstract name when `abstract`).
    init(abstract: Bool = false) {
        var template = Array("/tmp/diemcau-notify-XXXXXX".utf8CString)
        let directory = abstract ? nil : template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let name = abstract ? "@diemcau-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))" : directory! + "/notify"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        precondition(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (i, byte) in bytes.enumerated() { path[i] = byte }
            if abstract { path[0] = 0 }  // "@name" is "\0name"
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        precondition(bound == 0, "bind \(name): \(String(cString: strerror(errno)))")
        self.fd = fd
        self.name = name
        self.directory = directory
    }

    deinit {
        close(fd)
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Each datagram as text, with the time it arrived, from a Dispatch read source.
    func messages() -> AsyncStream<(text: String, at: ContinuousClock.Instant)> {
        let (stream, continuation) = AsyncStream.makeStream(of: (text: String, at: ContinuousClock.Instant).self)
        let receiving = dup(fd)
        _ = fcntl(receiving, F_SETFL, fcntl(receiving, F_GETFL) | O_NONBLOCK)
        let source = DispatchSource.makeReadSource(fileDescriptor: receiving, queue: DispatchQueue(label: "test.notify"))
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(receiving, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                continuation.yield((String(decoding: buffer[0..<count], as: UTF8.self), ContinuousClock.now))
            }
        }
        source.setCancelHandler { close(receiving) }
        let cancel = SendableCancel(source)
        continuation.onTermination = { _ in cancel.run() }
        source.resume()
        return stream
    }
}

/// Cancels a Dispatch source from any thread. `@unchecked Sendable` is safe:
/// it holds one immutable reference, and dispatch_source_cancel is thread-safe.
final class SendableCancel: @unchecked Sendable {
    private let source: any DispatchSourceProtocol
    init(_ source: any DispatchSourceProtocol) { self.source = source }
    func run() { source.cancel() }
}
