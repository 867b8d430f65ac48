import Glibc
import TestSupport
import Testing
@testable import Links

/// A pseudo-terminal pair: the master descriptor and the slave's path.
func openPseudoTerminal() throws -> (master: Int32, slavePath: String) {
    let pair = try PseudoTerminal.open()
    return (pair.master, pair.slavePath)
}

/// Reads from `stream` until `count` bytes have come or `seconds` pass.
func collect(_ stream: AsyncStream<[UInt8]>, count: Int, within seconds: Double = 5) async -> [UInt8] {
    await withTaskGroup(of: [UInt8]?.self) { group in
        group.addTask {
            var bytes: [UInt8] = []
            for await chunk in stream {
                bytes += chunk
                if bytes.count >= count { break }
            }
            return bytes
        }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        }
        var result: [UInt8] = []
        for await value in group {
            if let value { result = value }
            group.cancelAll()
            break
        }
        return result
    }
}

/// Waits until `stream` finishes; false if it is still open after `seconds`.
func finishes(_ stream: AsyncStream<[UInt8]>, within seconds: Double = 5) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            for await _ in stream {}
            return !Task.isCancelled
        }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return false
        }
        let first = await group.next() ?? false
        group.cancelAll()
        return first
    }
}

@Suite("TTYLink on a real pseudo-terminal pair")
struct TTYLinkTests {
    @Test("bytes cross in both directions, raw (no CR/LF translation, FF and 00 intact)")
    func bothDirections() async throws {
        let (master, slavePath) = try openPseudoTerminal()
        let camera: any ByteLink = try TTYLink(adopting: master, name: "pty master")
        let controller: any ByteLink = try TTYLink(path: slavePath, baud: 9600)
        #expect(controller.endpoint == slavePath)

        let recall: [UInt8] = [0x81, 0x01, 0x04, 0x3F, 0x02, 0x0D, 0xFF]
        try await controller.send(recall)
        #expect(await collect(camera.incoming, count: recall.count) == recall)

        let replies: [UInt8] = [0x90, 0x41, 0xFF, 0x0A, 0x0D, 0x00, 0x03, 0x90, 0x51, 0xFF]
        try await camera.send(replies)
        #expect(await collect(controller.incoming, count: replies.count) == replies)

        await controller.close()
        await camera.close()
    }

    @Test("the controller side's stream finishes when the other end goes away")
    func peerGone() async throws {
        let (master, slavePath) = try openPseudoTerminal()
        let controller: any ByteLink = try TTYLink(path: slavePath)
        Glibc.close(master)
        #expect(await finishes(controller.incoming))
        await #expect(throws: LinkError.self) { try await controller.send([0x81, 0x09, 0x04, 0x00, 0xFF]) }
        await controller.close()
    }

    @Test("closing a link finishes its stream, and sending afterwards says it is closed")
    func closeFinishes() async throws {
        let (master, slavePath) = try openPseudoTerminal()
        defer { Glibc.close(master) }
        let controller: any ByteLink = try TTYLink(path: slavePath)
        await controller.close()
        await controller.close()
        #expect(await finishes(controller.incoming))
        await #expect(throws: LinkError.closed(endpoint: slavePath)) { try await controller.send([0x88, 0x30, 0x01, 0xFF]) }
    }

    @Test("a path that does not exist, a rate no camera offers, a file that is not a tty")
    func openingErrors() throws {
        #expect(throws: LinkError.self) { try TTYLink(path: "/dev/diemcau-no-such-port") }
        do {
            _ = try TTYLink(path: "/dev/diemcau-no-such-port")
        } catch let error as LinkError {
            guard case .portMissing = error else { Issue.record("got \(error)"); return }
            #expect(error.description.contains("diemcau ports"))
        }
        let (master, slavePath) = try openPseudoTerminal()
        defer { Glibc.close(master) }
        #expect(throws: LinkError.unsupportedBaudRate(4800)) { try TTYLink(path: slavePath, baud: 4800) }
        do {
            _ = try TTYLink(path: "/dev/null")
            Issue.record("/dev/null opened as a serial line")
        } catch let error as LinkError {
            guard case .notASerialPort = error else { Issue.record("got \(error)"); return }
        }
    }
}

@Suite("SerialPortLink through libserialport")
struct SerialPortLinkTests {
    @Test("opening a port that does not exist says to check the adapter and `diemcau ports`")
    func missingPort() {
        do {
            _ = try SerialPortLink(path: "/dev/ttyUSB-diemcau-missing", baud: 9600)
            Issue.record("a missing port opened")
        } catch let error as LinkError {
            guard case .portMissing(let path, _, let code) = error else { Issue.record("got \(error)"); return }
            #expect(path == "/dev/ttyUSB-diemcau-missing")
            #expect(code == ENOENT)
            #expect(error.description.contains("check the USB adapter is plugged in"))
            #expect(error.description.contains("`diemcau ports` lists the ports"))
        } catch {
            Issue.record("not a LinkError: \(error)")
        }
    }

    @Test("only 9600 and 38400 are offered")
    func baudRates() {
        #expect(throws: LinkError.unsupportedBaudRate(115200)) { try SerialPortLink(path: "/dev/ttyUSB0", baud: 115200) }
    }

    @Test("a pseudo-terminal is refused by libserialport with an error, not a crash or a hang")
    func pseudoTerminalRefused() throws {
        let (master, slavePath) = try openPseudoTerminal()
        defer { Glibc.close(master) }
        do {
            let link = try SerialPortLink(path: slavePath)
            // Some libserialport versions do open a pty; then it must carry bytes.
            link.close()
        } catch let error as LinkError {
            #expect(error.description.contains(slavePath))
        }
    }

    @Test("listing the ports returns (zero ports is a valid answer) and every entry is a device")
    func listing() throws {
        let ports = try SerialPortInfo.list()
        #expect(ports.map(\.path) == ports.map(\.path).sorted())
        for port in ports {
            #expect(port.path.hasPrefix("/dev/"))
            if port.transport != .usb {
                #expect(port.usbVendorID == nil && port.serialNumber == nil)
            }
        }
    }
}

/// A TCP listener on loopback standing in for a camera's raw VISCA port.
struct LoopbackListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        (fd, port) = try loopbackSocket(SOCK_STREAM)
    }

    func accept() -> Int32 { Glibc.accept(fd, nil, nil) }
}

@Suite("TCPLink: raw VISCA on loopback")
struct TCPLinkTests {
    @Test("bytes cross both ways; the peer closing finishes the stream")
    func exchange() async throws {
        let listener = try LoopbackListener()
        defer { Glibc.close(listener.fd) }
        let link: any ByteLink = try TCPLink(HostAndPort(host: "127.0.0.1", port: listener.port))
        #expect(link.endpoint == "tcp 127.0.0.1:\(listener.port)")
        let peer = listener.accept()
        try #require(peer >= 0)
        let camera = try TTYLinkPeer(peer)

        try await link.send([0x81, 0x01, 0x04, 0x00, 0x02, 0xFF])
        #expect(await collect(camera.link.incoming, count: 6) == [0x81, 0x01, 0x04, 0x00, 0x02, 0xFF])
        try await camera.link.send([0x90, 0x41, 0xFF, 0x90, 0x51, 0xFF])
        #expect(await collect(link.incoming, count: 6) == [0x90, 0x41, 0xFF, 0x90, 0x51, 0xFF])

        await camera.link.close()
        #expect(await finishes(link.incoming))
        await link.close()
    }

    @Test("nothing listening: a connect error that names the address")
    func refused() throws {
        let listener = try LoopbackListener()
        let port = listener.port
        Glibc.close(listener.fd)
        do {
            _ = try TCPLink(HostAndPort(host: "127.0.0.1", port: port))
            Issue.record("connected to a closed port")
        } catch let error as LinkError {
            guard case .connectFailed(_, _, let code) = error else { Issue.record("got \(error)"); return }
            #expect(code == ECONNREFUSED)
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
        #expect(throws: LinkError.self) { try TCPLink(HostAndPort(host: "no-such-camera.invalid", port: 5678)) }
    }

    @Test("HOST[:PORT] parsing")
    func parsing() {
        #expect(HostAndPort(parsing: "10.0.0.5", defaultPort: 5678) == HostAndPort(host: "10.0.0.5", port: 5678))
        #expect(HostAndPort(parsing: "cam1:52381", defaultPort: 5678) == HostAndPort(host: "cam1", port: 52381))
        #expect(HostAndPort(parsing: "[::1]:1259", defaultPort: 5678) == HostAndPort(host: "::1", port: 1259))
        #expect(HostAndPort(parsing: "cam1:http", defaultPort: 5678) == nil)
        #expect(HostAndPort(parsing: "", defaultPort: 5678) == nil)
    }
}

/// The accepted side of a TCP connection, read and written through a link of its own.
struct TTYLinkPeer {
    let link: any ByteLink
    init(_ fd: Int32) throws { link = try TTYLink(adopting: fd, name: "peer") }
}
