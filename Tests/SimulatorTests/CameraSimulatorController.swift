#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import CameraSimulator
import VISCA

/// Messages a test controller has received, handed out one at a time with a
/// time-out, so a test waits for the camera's answer without polling.
actor Inbox {
    private var queue: [[UInt8]] = []
    private var waiter: CheckedContinuation<[UInt8]?, Never>?
    private var waiterID = 0

    func put(_ message: [UInt8]) {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: message)
        } else {
            queue.append(message)
        }
    }

    /// The next message, or nil when none comes within `timeout`.
    func next(within timeout: Duration) async -> [UInt8]? {
        if !queue.isEmpty { return queue.removeFirst() }
        waiterID += 1
        let id = waiterID
        return await withCheckedContinuation { continuation in
            waiter = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
    }

    private func expire(_ id: Int) {
        guard id == waiterID, let waiter else { return }
        self.waiter = nil
        waiter.resume(returning: nil)
    }
}

/// The controller's end of a byte stream (the pseudo-terminal's slave side, a
/// TCP connection), read on a thread of its own and framed at FF.
final class RawController: Sendable {
    let inbox = Inbox()
    private let descriptor: Descriptor
    private let watcher: DescriptorWatcher

    /// Opens a serial device (the simulator's pseudo-terminal) in raw mode.
    convenience init(serialPath: String) throws {
        let fd = open(serialPath, O_RDWR | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw SimulatorError.failed("open", "cannot open \(serialPath)") }
        var settings = termios()
        tcgetattr(fd, &settings)
        cfmakeraw(&settings)
        tcsetattr(fd, TCSANOW, &settings)
        try self.init(fd: fd)
    }

    /// Connects to a TCP port on loopback.
    convenience init(tcpPort: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = IPv4Endpoint(address: UInt32(0x7F00_0001).bigEndian, port: tcpPort).socketAddress
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw SimulatorError.failed("connect", "cannot connect to 127.0.0.1:\(tcpPort)") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        try self.init(fd: fd, isSocket: true)
    }

    private init(fd: Int32, isSocket: Bool = false) throws {
        descriptor = Descriptor(fd, isSocket: isSocket)
        watcher = try DescriptorWatcher(descriptor)
        let (messages, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let inbox = self.inbox
        Task { for await message in messages { await inbox.put(message) } }
        let framer = FramerBox()
        watcher.start(name: "test controller", onReadable: { fd in
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return count < 0 && (errno == EAGAIN || errno == EINTR) }
            for message in framer.messages(in: buffer[0..<count]) { continuation.yield(message) }
            return true
        }, onEnd: { continuation.finish() })
    }

    func send(_ bytes: [UInt8]) { descriptor.write(bytes) }

    func send(_ command: Command, to camera: Int = 1) throws {
        send(try command.encoded(for: CameraAddress(camera)))
    }

    /// The next message from the camera; records an issue and returns [] after `timeout`.
    func next(within timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation) async -> [UInt8] {
        guard let message = await inbox.next(within: timeout) else {
            Issue.record("no message from the simulator within \(timeout)", sourceLocation: sourceLocation)
            return []
        }
        return message
    }

    /// True when nothing arrives within `window`.
    func staysQuiet(for window: Duration) async -> Bool { await inbox.next(within: window) == nil }

    func close() { watcher.stop() }
}

/// The framer of a reading thread: only that thread touches it, the mutex
/// just lets the class be shared with the thread's closure.
final class FramerBox: Sendable {
    private let framer = Mutex(Framer())
    func messages(in chunk: ArraySlice<UInt8>) -> [[UInt8]] { framer.withLock { $0.messages(in: chunk) } }
}

/// A VISCA-over-IP controller on a UDP socket of its own.
final class UDPController: Sendable {
    let inbox = Inbox()
    let port: UInt16
    private let cameraPort: UInt16
    private let endpoint: UDPEndpoint

    init(cameraPort: UInt16) throws {
        endpoint = try UDPEndpoint(host: "127.0.0.1", port: 0)
        port = endpoint.port
        self.cameraPort = cameraPort
        let (datagrams, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let inbox = self.inbox
        Task { for await datagram in datagrams { await inbox.put(datagram) } }
        endpoint.start(deliver: { datagram, _ in continuation.yield(datagram) }, onEnd: { continuation.finish() })
    }

    func send(_ datagram: [UInt8]) {
        endpoint.send(datagram, to: IPv4Endpoint(address: UInt32(0x7F00_0001).bigEndian, port: cameraPort))
    }

    func send(_ packet: IPPacket) throws { send(try packet.encoded()) }

    /// The next packet from the camera, decoded.
    func next(within timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation) async throws -> IPPacket? {
        guard let datagram = await inbox.next(within: timeout) else {
            Issue.record("no packet from the simulator within \(timeout)", sourceLocation: sourceLocation)
            return nil
        }
        return try IPPacket(decoding: datagram)
    }

    func close() { endpoint.stop() }
}
