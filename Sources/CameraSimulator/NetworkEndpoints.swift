#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// An IPv4 address and port, host byte order for the port.
public struct IPv4Endpoint: Hashable, Sendable, CustomStringConvertible {
    /// The address in network byte order, as in `sockaddr_in`.
    var address: UInt32
    public var port: UInt16

    init(_ socketAddress: sockaddr_in) {
        address = socketAddress.sin_addr.s_addr
        port = UInt16(bigEndian: socketAddress.sin_port)
    }

    init(address: UInt32, port: UInt16) {
        self.address = address
        self.port = port
    }

    var socketAddress: sockaddr_in {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr.s_addr = address
        return socketAddress
    }

    public var description: String {
        let bytes = withUnsafeBytes(of: address) { Array($0) }
        return bytes.map(String.init).joined(separator: ".") + ":\(port)"
    }
}

/// Opens an IPv4 socket bound to `host:port` (port 0: the system picks one).
func boundSocket(type: Int32, host: String, port: UInt16, purpose: String) throws(SimulatorError) -> (Int32, UInt16) {
    let fd = socket(AF_INET, type, 0)
    guard fd >= 0 else { throw .failed("socket", "cannot open a socket for \(purpose)") }
    if type == Int32(SOCK_STREAM.rawValue) {
        // Lets a restarted simulator take its port back while old connections sit in TIME_WAIT.
        // Not for UDP: there Linux would let two simulators share the port silently.
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
        _ = close(fd)
        throw .system(call: "inet_pton", errno: EINVAL, detail: "\(host) is not an IPv4 address for \(purpose)")
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else {
        let error = SimulatorError.failed("bind", "cannot listen on \(host):\(port) for \(purpose); is another simulator or camera program using the port?")
        _ = close(fd)
        throw error
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    return (fd, UInt16(bigEndian: actual.sin_port))
}

/// A UDP socket for Sony's VISCA over IP: each datagram is one packet.
final class UDPEndpoint: Sendable {
    let port: UInt16
    private let socket: Descriptor
    private let watcher: DescriptorWatcher

    init(host: String, port: UInt16) throws(SimulatorError) {
        let (fd, actual) = try boundSocket(type: Int32(SOCK_DGRAM.rawValue), host: host, port: port, purpose: "VISCA over IP (UDP)")
        self.port = actual
        socket = Descriptor(fd, isSocket: true)
        watcher = try DescriptorWatcher(socket)
    }

    func start(deliver: @escaping @Sendable ([UInt8], IPv4Endpoint) -> Void, onEnd: @escaping @Sendable () -> Void) {
        watcher.start(name: "visca-sim udp \(port)", onReadable: { fd in
            var buffer = [UInt8](repeating: 0, count: 2048)
            var from = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = buffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
                }
            }
            if count >= 0 {
                deliver(Array(buffer[0..<count]), IPv4Endpoint(from))
                return true
            }
            return errno == EAGAIN || errno == EINTR
        }, onEnd: onEnd)
    }

    func send(_ bytes: [UInt8], to endpoint: IPv4Endpoint) {
        socket.withOpen { fd in
            var address = endpoint.socketAddress
            _ = bytes.withUnsafeBytes { raw in
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
        }
    }

    func stop() { watcher.stop() }
}

/// A TCP listener for raw VISCA (PTZOptics style): every connection is a
/// controller with its own byte stream.
final class TCPListener: Sendable {
    enum Event: Sendable {
        case opened(Int, Descriptor)
        case bytes(Int, [UInt8])
        case closed(Int)
    }

    let port: UInt16
    private let socket: Descriptor
    private let watcher: DescriptorWatcher
    private let connections = ConnectionTable()

    init(host: String, port: UInt16) throws(SimulatorError) {
        let (fd, actual) = try boundSocket(type: Int32(SOCK_STREAM.rawValue), host: host, port: port, purpose: "raw VISCA (TCP)")
        guard listen(fd, 8) == 0 else {
            let error = SimulatorError.failed("listen", "cannot listen on TCP port \(actual)")
            _ = close(fd)
            throw error
        }
        self.port = actual
        socket = Descriptor(fd)
        watcher = try DescriptorWatcher(socket)
    }

    func start(events: @escaping @Sendable (Event) -> Void, onEnd: @escaping @Sendable () -> Void) {
        watcher.start(name: "visca-sim tcp \(port)", onReadable: { [connections] fd in
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return errno == EAGAIN || errno == EINTR || errno == ECONNABORTED }
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            var yes: Int32 = 1
            _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let descriptor = Descriptor(client, isSocket: true)
            guard let connection = try? DescriptorWatcher(descriptor) else {
                descriptor.close()
                return true
            }
            let id = connections.state.withLock { state in
                let id = state.next
                state.next += 1
                state.watchers[id] = connection
                return id
            }
            events(.opened(id, descriptor))
            connection.start(name: "visca-sim tcp connection \(id)", onReadable: { fd in
                var buffer = [UInt8](repeating: 0, count: 512)
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 {
                    events(.bytes(id, Array(buffer[0..<count])))
                    return true
                }
                return count < 0 && (errno == EAGAIN || errno == EINTR)
            }, onEnd: { [connections] in
                _ = connections.state.withLock { $0.watchers.removeValue(forKey: id) }
                events(.closed(id))
            })
            return true
        }, onEnd: onEnd)
    }

    func stop() {
        watcher.stop()
        let open = connections.state.withLock { Array($0.watchers.values) }
        for connection in open { connection.stop() }
    }
}

/// The open connections of a TCP listener, shared by its accept thread and
/// the connections' threads.
final class ConnectionTable: Sendable {
    let state = Mutex<(next: Int, watchers: [Int: DescriptorWatcher])>((1, [:]))
}
