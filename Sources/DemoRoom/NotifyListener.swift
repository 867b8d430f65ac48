import Foundation

/// The systemd side of the notify protocol, for a daemon started by the demo
/// or a test: a datagram socket whose path goes in `NOTIFY_SOCKET`, and the
/// messages the daemon sends to it.
final class NotifyListener: Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard descriptor >= 0, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw DemoError.setup("cannot make the notify socket \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw DemoError.setup("cannot bind the notify socket \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// The next datagram's variables (`READY=1` → ["READY": "1"]), or nil after `timeout` seconds.
    func next(timeout: Double) -> [String: String]? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        var variables: [String: String] = [:]
        for line in String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            variables[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return variables
    }
}

/// Why the demo room could not run.
public enum DemoError: Error, CustomStringConvertible {
    case setup(String)
    case daemon(String)
    case step(String)

    public var description: String {
        switch self {
        case .setup(let text): "demo setup: \(text)"
        case .daemon(let text): "diemcaud: \(text)"
        case .step(let text): text
        }
    }
}
