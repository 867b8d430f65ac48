import Foundation
import Glibc
import TestSupport
import Testing
@testable import Links

/// A UDP socket on loopback standing in for a Sony camera's VISCA-over-IP port.
final class UDPPeer: Sendable {
    let fd: Int32
    let port: UInt16

    init() throws {
        (fd, port) = try loopbackSocket(SOCK_DGRAM)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(fd) }

    /// The next datagram and where it came from; nil after 5 s. Waits on a
    /// thread of its own, not on one of the few threads Swift's tasks share.
    func receive() async -> (bytes: [UInt8], from: sockaddr_in)? {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.receiveNow()) }.start()
        }
    }

    private func receiveNow() -> (bytes: [UInt8], from: sockaddr_in)? {
        var buffer = [UInt8](repeating: 0, count: 64)
        var from = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = withUnsafeMutablePointer(to: &from) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, 64, 0, $0, &length) }
        }
        guard count > 0 else { return nil }
        return (Array(buffer[0..<count]), from)
    }

    func reply(_ bytes: [UInt8], to address: sockaddr_in) {
        var to = address
        _ = withUnsafePointer(to: &to) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
}

/// The 8-byte header written out by hand, as Sony's guide draws it.
func header(_ type: UInt16, _ length: Int, _ sequence: UInt32) -> [UInt8] {
    [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF),
     UInt8(sequence >> 24), UInt8(sequence >> 16 & 0xFF), UInt8(sequence >> 8 & 0xFF), UInt8(sequence & 0xFF)]
}

@Suite("UDPLink: Sony VISCA over IP on loopback")
struct UDPLinkTests {
    /// Starts a link against `peer`, answering its RESET; returns the link and its address.
    func start(_ peer: UDPPeer, resendAfter: Duration = .milliseconds(300)) async throws -> (UDPLink, sockaddr_in) {
        let answering = Task { () -> sockaddr_in? in
            guard let (bytes, from) = await peer.receive() else { return nil }
            #expect(bytes == [0x02, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01])
            peer.reply(header(0x0201, 1, 0) + [0x01], to: from)
            return from
        }
        let link = try await UDPLink(HostAndPort(host: "127.0.0.1", port: peer.port), resendAfter: resendAfter)
        let address = try #require(await answering.value)
        return (link, address)
    }

    @Test("RESET at start, a header with rising sequence numbers, replies stripped to VISCA bytes")
    func headerAndSequence() async throws {
        let peer = try UDPPeer()
        let (link, controller) = try await start(peer)
        try await link.send([0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF])
        let first = try #require(await peer.receive())
        #expect(first.bytes == header(0x0100, 7, 1) + [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF])
        peer.reply(header(0x0111, 3, 1) + [0x90, 0x41, 0xFF], to: controller)
        peer.reply(header(0x0111, 3, 1) + [0x90, 0x51, 0xFF], to: controller)
        #expect(await collect(link.incoming, count: 6) == [0x90, 0x41, 0xFF, 0x90, 0x51, 0xFF])

        try await link.send([0x81, 0x09, 0x04, 0x00, 0xFF])
        let second = try #require(await peer.receive())
        #expect(second.bytes == header(0x0110, 5, 2) + [0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(await link.statistics.resends == 0)
        await link.close()
    }

    /// Starts a link against `peer`, sends `message`, checks it goes as `documented` (sequence
    /// number 1), refuses it with 0F 02, and checks it comes once more as `fallback` (2).
    func refusedOnce(_ message: [UInt8], on peer: UDPPeer, documented: UInt16, fallback: UInt16) async throws -> (UDPLink, sockaddr_in) {
        let (link, controller) = try await start(peer)
        try await link.send(message)
        #expect(try #require(await peer.receive()).bytes == header(documented, message.count, 1) + message)
        peer.reply(header(0x0201, 2, 1) + [0x0F, 0x02], to: controller)
        #expect(try #require(await peer.receive()).bytes == header(fallback, message.count, 2) + message)
        return (link, controller)
    }

    @Test("IF_Clear goes as 0120 (device setting), as Sony documents it; refused with 0F 02, once more as 0100")
    func interfaceClearPayloadType() async throws {
        let peer = try UDPPeer()
        let (link, controller) = try await refusedOnce([0x81, 0x01, 0x00, 0x01, 0xFF], on: peer, documented: 0x0120, fallback: 0x0100)
        // Refused again: no third form, no third copy.
        peer.reply(header(0x0201, 2, 2) + [0x0F, 0x02], to: controller)
        let deadline = ContinuousClock.now + .seconds(5)
        while await link.statistics.messageTypeErrors < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        // The next datagram is the next message: nothing was sent in between.
        try await link.send([0x81, 0x09, 0x00, 0x02, 0xFF])
        #expect(try #require(await peer.receive()).bytes == header(0x0110, 5, 3) + [0x81, 0x09, 0x00, 0x02, 0xFF])
        #expect(await link.statistics.payloadTypeFallbacks == 1)
        #expect(await link.statistics.messageTypeErrors == 2)
        await link.close()
    }

    @Test("the version inquiry goes as 0110; a camera that wants it as 0120 (0F 02) gets it so once; other inquiries are not retried")
    func versionInquiryPayloadType() async throws {
        let peer = try UDPPeer()
        let (link, controller) = try await refusedOnce([0x81, 0x09, 0x00, 0x02, 0xFF], on: peer, documented: 0x0110, fallback: 0x0120)
        let answer: [UInt8] = [0x90, 0x50, 0x00, 0x20, 0x06, 0x17, 0x01, 0x00, 0x02, 0xFF]
        peer.reply(header(0x0111, 10, 2) + answer, to: controller)
        #expect(await collect(link.incoming, count: answer.count) == answer)
        try await link.send([0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(try #require(await peer.receive()).bytes == header(0x0110, 5, 3) + [0x81, 0x09, 0x04, 0x00, 0xFF])
        peer.reply(header(0x0201, 2, 3) + [0x0F, 0x02], to: controller)
        try await link.send([0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF])
        #expect(try #require(await peer.receive()).bytes == header(0x0100, 7, 4) + [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF])
        #expect(await link.statistics.payloadTypeFallbacks == 1)
        await link.close()
    }

    @Test("a lost command is sent again with the same sequence number; 0F 01 then means done, no third copy")
    func resend() async throws {
        let peer = try UDPPeer()
        let (link, controller) = try await start(peer, resendAfter: .milliseconds(200))
        let recall: [UInt8] = [0x81, 0x01, 0x04, 0x3F, 0x02, 0x03, 0xFF]
        try await link.send(recall)
        let lost = try #require(await peer.receive())
        let again = try #require(await peer.receive())
        #expect(again.bytes == lost.bytes)
        #expect(await link.statistics.resends == 1)
        // The first copy had been executed: the camera says sequence abnormal.
        peer.reply(header(0x0201, 2, 1) + [0x0F, 0x01], to: controller)
        peer.reply(header(0x0111, 3, 1) + [0x90, 0x51, 0xFF], to: controller)
        #expect(await collect(link.incoming, count: 3) == [0x90, 0x51, 0xFF])
        #expect(await link.statistics.firstCopiesExecuted == 1)
        #expect(await link.statistics.resends == 1)
        await link.close()
    }

    @Test("a camera that restarted (0F 01 on a first copy) gets RESET and the message again")
    func cameraLostCount() async throws {
        let peer = try UDPPeer()
        let (link, controller) = try await start(peer)
        try await link.send([0x81, 0x01, 0x04, 0x00, 0x02, 0xFF])
        _ = try #require(await peer.receive())
        peer.reply(header(0x0201, 2, 1) + [0x0F, 0x01], to: controller)
        let reset = try #require(await peer.receive())
        #expect(reset.bytes == header(0x0200, 1, 0) + [0x01])
        peer.reply(header(0x0201, 1, 0) + [0x01], to: controller)
        let again = try #require(await peer.receive())
        #expect(again.bytes == header(0x0100, 6, 1) + [0x81, 0x01, 0x04, 0x00, 0x02, 0xFF])
        #expect(await link.statistics.sequenceResets == 2)
        await link.close()
    }

    @Test("no camera answering RESET: no answer, not a hang")
    func silentCamera() async throws {
        let peer = try UDPPeer()
        do {
            _ = try await UDPLink(HostAndPort(host: "127.0.0.1", port: peer.port), resendAfter: .milliseconds(100))
            Issue.record("a silent camera was accepted")
        } catch let error as LinkError {
            guard case .noAnswer(_, let request, 200) = error else { Issue.record("got \(error)"); return }
            #expect(request == "the VISCA-over-IP RESET control command")
            #expect(error.description.contains("VISCA over IP is enabled"))
        }
    }
}
