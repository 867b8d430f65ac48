import Foundation
import Links
import Testing
import VISCA
@testable import Camera

@Suite("Driver conversations with a scripted camera on a PTY")
struct ConversationTests {
    @Test("start: IF_Clear broadcast then AddressSet; a recall is ACKed and completed")
    func startAndRecall() async throws {
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraChain(.tty(peer.terminal.slavePath), timing: testTiming())
        try await chain.start()
        #expect(await chain.status == .online(cameras: 1))
        try await chain.recall(preset: 3)
        #expect(await chain.lastRecalledPreset() == 3)
        let received = await peer.received
        #expect(Array(received.prefix(3)) == [[0x88, 0x01, 0x00, 0x01, 0xFF], [0x88, 0x30, 0x01, 0xFF],
                                              [0x81, 0x01, 0x04, 0x3F, 0x02, 0x03, 0xFF]])
        await chain.close()
        await peer.close()
    }

    @Test("a Network Change between a command and its ACK: the command completes and AddressSet runs again")
    func networkChangeMidCommand() async throws {
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraChain(.tty(peer.terminal.slavePath), timing: testTiming())
        try await chain.start()
        await peer.setAnswer { message in
            if message == [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF] {
                return [[0x90, 0x38, 0xFF], [0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]]
            }
            return ScriptedPeer.sonyCamera(message)
        }
        try await chain.recall(preset: 1)
        try await chain.recall(preset: 2)
        let statistics = await chain.statistics
        #expect(statistics.networkChanges == 1)
        #expect(statistics.addressSets == 2)
        #expect(await peer.received.filter { $0 == [0x88, 0x30, 0x01, 0xFF] }.count == 2)
        #expect(await chain.status == .online(cameras: 1))
        await chain.close()
        await peer.close()
    }
}
