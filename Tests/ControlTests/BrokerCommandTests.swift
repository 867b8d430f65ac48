import Control
import Room
import Testing

/// Commands over the fleet's broker: the control protocol's grammar and role
/// rule, and no call orders (R1: a broker may deliver a kept message late or twice).
@Suite struct BrokerCommandTests {
    private let peer = ControlPeer(connection: 1, transport: .broker, address: "centre")

    @Test(arguments: ["call dial 10.10.0.100", "call hangup", "call answer"])
    func callOrdersAreRefusedAndNeverReachTheRoom(_ line: String) async {
        let handler = RecordingHandler()
        let words = line.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ",")
        let answer = await BrokerCommands.answer(Array("{\"id\":\"r1\",\"command\":[\(words)]}".utf8), role: .mcu, peer: peer, handler: handler)
        let reply = answer.line
        #expect(!answer.done, "a refusal is not remembered as done")
        #expect(reply.contains("\"ok\":false") && reply.contains("\"error\":\"refused\"") && reply.contains("R1"), "\(reply)")
        #expect(reply.contains("\"id\":\"r1\""))
        #expect(await handler.requests.isEmpty, "a call order reached the room")
    }

    @Test func otherCommandsReachTheRoomWithTheirId() async {
        let handler = RecordingHandler()
        let answer = await BrokerCommands.answer(Array("{\"id\":7,\"command\":\"mute all\"}".utf8), role: .mcu, peer: peer, handler: handler)
        let reply = answer.line
        #expect(answer.done)
        #expect(reply.contains("\"ok\":true") && reply.contains("\"id\":7"), "\(reply)")
        #expect(await handler.requests.map(\.command) == [.mute(.all)])
    }
}
