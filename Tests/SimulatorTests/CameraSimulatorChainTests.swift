import Testing
@testable import CameraSimulator
import VISCA

/// The chain model on its own, in simulated time: every reply byte for byte
/// from shared/protocols/VISCA.md and Sony's guides.
@Suite struct CameraSimulatorChainTests {
    let requester: Requester = 7
    let camera1 = try! CameraAddress(1)

    func bytes(_ outgoing: [Outgoing]) -> [[UInt8]] { outgoing.map(\.bytes) }

    /// A chain where a move of 1000 pan units takes 1 s.
    func chain(_ count: Int = 1, model: CameraModel = .eviD70) -> CameraChain {
        CameraChain(count: count, model: model, timing: MotionTiming(perUnit: .milliseconds(1)))
    }

    @Test func instantCommandIsAcknowledgedThenCompleted() {
        var chain = chain()
        let out = chain.receive([0x81, 0x01, 0x04, 0x38, 0x03, 0xFF], from: requester, at: .zero)
        #expect(bytes(out) == [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]])
        #expect(out.allSatisfy { $0.requester == requester })
        #expect(chain.state(of: camera1, at: .zero)?.focus == .manual)
    }

    @Test func presetRecallCompletesWhenTheMoveEnds() {
        var chain = chain()
        #expect(bytes(chain.receive([0x81, 0x01, 0x06, 0x02, 0x18, 0x17, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x06, 0x04, 0xFF],
                                    from: requester, at: .zero)) == [[0x90, 0x41, 0xFF]])   // pan 1000, tilt 100
        #expect(chain.nextDeadline == .seconds(1))
        #expect(chain.advance(to: .milliseconds(999)).isEmpty)
        #expect(chain.state(of: camera1, at: .milliseconds(500))?.pan == 500)
        #expect(bytes(chain.advance(to: .seconds(1))) == [[0x90, 0x51, 0xFF]])
        // Preset 3 stores the position; a move away and a recall bring it back.
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x3F, 0x01, 0x03, 0xFF], from: requester, at: .seconds(2)))
            == [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]])
        _ = chain.receive([0x81, 0x01, 0x06, 0x04, 0xFF], from: requester, at: .seconds(2))
        _ = chain.advance(to: .seconds(4))
        #expect(chain.state(of: camera1, at: .seconds(4))?.pan == 0)
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x3F, 0x02, 0x03, 0xFF], from: requester, at: .seconds(5)))
            == [[0x90, 0x41, 0xFF]])
        #expect(bytes(chain.advance(to: .seconds(6))) == [[0x90, 0x51, 0xFF]])
        let state = chain.state(of: camera1, at: .seconds(6))
        #expect(state?.pan == 1000 && state?.tilt == 100 && state?.lastRecalledPreset == 3)
    }

    @Test func twoSocketsThenBufferFull() {
        var chain = chain()
        let recall: [UInt8] = [0x81, 0x01, 0x06, 0x02, 0x10, 0x10, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF]
        #expect(bytes(chain.receive(recall, from: requester, at: .zero)) == [[0x90, 0x41, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x47, 0x04, 0x00, 0x00, 0x00, 0xFF], from: requester, at: .zero))
            == [[0x90, 0x42, 0xFF]])   // zoom direct 0x4000 takes 4096 ms
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x00, 0x02, 0xFF], from: requester, at: .milliseconds(10)))
            == [[0x90, 0x60, 0x03, 0xFF]])
        #expect(chain.state(of: camera1, at: .milliseconds(10))?.busySockets == [1, 2])
        #expect(bytes(chain.advance(to: .seconds(5))) == [[0x90, 0x51, 0xFF], [0x90, 0x52, 0xFF]])
    }

    @Test func cancelABusyAndAnEmptySocket() {
        var chain = chain()
        _ = chain.receive([0x81, 0x01, 0x06, 0x02, 0x10, 0x10, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF], from: requester, at: .zero)
        #expect(bytes(chain.receive([0x81, 0x21, 0xFF], from: requester, at: .milliseconds(300))) == [[0x90, 0x61, 0x04, 0xFF]])
        #expect(chain.advance(to: .seconds(2)).isEmpty)   // no Completion for a cancelled command
        #expect(chain.state(of: camera1, at: .seconds(2))?.pan == 300)   // stopped where it was
        #expect(bytes(chain.receive([0x81, 0x22, 0xFF], from: requester, at: .seconds(2))) == [[0x90, 0x62, 0x05, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x23, 0xFF], from: requester, at: .seconds(2))) == [[0x90, 0x63, 0x05, 0xFF]])
    }

    @Test func standbyRefusesMotionWithError41OnTheSocket() {
        var chain = chain()
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x00, 0x03, 0xFF], from: requester, at: .zero)) == [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF], from: requester, at: .zero))
            == [[0x90, 0x61, 0x41, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x09, 0x04, 0x00, 0xFF], from: requester, at: .zero)) == [[0x90, 0x50, 0x03, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x00, 0x02, 0xFF], from: requester, at: .zero)) == [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x09, 0x04, 0x00, 0xFF], from: requester, at: .zero)) == [[0x90, 0x50, 0x02, 0xFF]])
    }

    @Test func notExecutableNamesTheSocketTheCommandWouldHaveTaken() {
        var chain = chain()
        // A long move holds socket 1; standby goes through socket 2.
        #expect(bytes(chain.receive([0x81, 0x01, 0x06, 0x02, 0x01, 0x01, 0x00, 0x03, 0x0E, 0x08, 0x00, 0x00, 0x00, 0x00, 0xFF],
                                    from: requester, at: .zero)) == [[0x90, 0x41, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x00, 0x03, 0xFF], from: requester, at: .zero)) == [[0x90, 0x42, 0xFF], [0x90, 0x52, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x07, 0x02, 0xFF], from: requester, at: .zero)) == [[0x90, 0x62, 0x41, 0xFF]])
    }

    @Test(arguments: [
        [UInt8]([0x81, 0x01, 0x7E, 0x01, 0xFF]),                      // unknown command
        [0x81, 0x01, 0x04, 0x3F, 0x02, 0x06, 0xFF],                   // preset 6 on an EVI-D70 (0-5)
        [0x81, 0x01, 0x06, 0x01, 0x19, 0x01, 0x01, 0x03, 0xFF],       // pan speed 19
        [0x81, 0x01, 0x06, 0x01, 0x00, 0x01, 0x01, 0x03, 0xFF],       // speed 00 on a moving axis
        [0x81, 0x01, 0x06, 0x02, 0x10, 0x10, 0x00, 0x0F, 0x0F, 0x0F, 0x00, 0x00, 0x00, 0x00, 0xFF], // pan 0x0FFF beyond the range
        [0x81, 0x01, 0x04, 0x47, 0x0F, 0x00, 0x00, 0x00, 0xFF],       // zoom beyond 0x4000
    ])
    func syntaxErrors(command: [UInt8]) {
        var chain = chain()
        #expect(bytes(chain.receive(command, from: requester, at: .zero)) == [[0x90, 0x60, 0x02, 0xFF]])
    }

    @Test func speedZeroOnAStoppedAxisDependsOnTheModel() {
        let drive: [UInt8] = [0x81, 0x01, 0x06, 0x01, 0x05, 0x00, 0x02, 0x03, 0xFF]   // right at 05, tilt stopped at 00
        var evi = chain(model: .eviD70)
        #expect(bytes(evi.receive(drive, from: requester, at: .zero)) == [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]])
        #expect(evi.state(of: camera1, at: .seconds(1))!.pan > 0)
        var brc = chain(model: .brc300)
        #expect(bytes(brc.receive(drive, from: requester, at: .zero)) == [[0x90, 0x60, 0x02, 0xFF]])
    }

    @Test func ptzOpticsPresetGap() {
        var chain = chain(model: .ptzOptics)
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x3F, 0x01, 0x59, 0xFF], from: requester, at: .zero)) == [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x3F, 0x01, 0x5A, 0xFF], from: requester, at: .zero)) == [[0x90, 0x60, 0x02, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x01, 0x04, 0x3F, 0x01, 0x64, 0xFF], from: requester, at: .zero)) == [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]])
    }

    @Test func inquiriesAreAnsweredWithoutAck() throws {
        var chain = chain()
        _ = chain.receive(try Command.absolutePosition(pan: -500, tilt: 200, panSpeed: 1, tiltSpeed: 1).encoded(for: camera1), from: requester, at: .zero)
        _ = chain.receive(try Command.zoomDirect(position: 0x1000).encoded(for: camera1), from: requester, at: .zero)
        _ = chain.advance(to: .seconds(10))
        #expect(bytes(chain.receive([0x81, 0x09, 0x06, 0x12, 0xFF], from: requester, at: .seconds(10)))
            == [[0x90, 0x50, 0x0F, 0x0E, 0x00, 0x0C, 0x00, 0x00, 0x0C, 0x08, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x09, 0x04, 0x47, 0xFF], from: requester, at: .seconds(10)))
            == [[0x90, 0x50, 0x01, 0x00, 0x00, 0x00, 0xFF]])
        #expect(bytes(chain.receive([0x81, 0x09, 0x00, 0x02, 0xFF], from: requester, at: .seconds(10)))
            == [[0x90, 0x50, 0x00, 0x20, 0x04, 0x0E, 0x01, 0x00, 0x02, 0xFF]])
    }

    @Test func addressSetNumbersAThreeCameraChain() throws {
        var chain = chain(3)
        #expect(bytes(chain.receive([0x88, 0x30, 0x01, 0xFF], from: requester, at: .zero)) == [[0x88, 0x30, 0x04, 0xFF]])
        #expect(bytes(chain.receive([0x83, 0x09, 0x04, 0x00, 0xFF], from: requester, at: .zero)) == [[0xB0, 0x50, 0x02, 0xFF]])
        #expect(bytes(chain.receive([0x82, 0x01, 0x04, 0x00, 0x03, 0xFF], from: requester, at: .zero)) == [[0xA0, 0x41, 0xFF], [0xA0, 0x51, 0xFF]])
        #expect(chain.state(of: try CameraAddress(2), at: .zero)?.power == .standby)
        #expect(chain.state(of: try CameraAddress(3), at: .zero)?.power == .on)
        // No camera 5: the command goes round the ring and comes back unchanged.
        #expect(bytes(chain.receive([0x85, 0x09, 0x04, 0x00, 0xFF], from: requester, at: .zero)) == [[0x85, 0x09, 0x04, 0x00, 0xFF]])
    }

    @Test func interfaceClear() {
        var chain = chain(2)
        _ = chain.receive([0x81, 0x01, 0x06, 0x04, 0xFF], from: requester, at: .zero)
        _ = chain.receive([0x81, 0x01, 0x06, 0x02, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF], from: requester, at: .zero)
        #expect(bytes(chain.receive([0x88, 0x01, 0x00, 0x01, 0xFF], from: requester, at: .zero)) == [[0x88, 0x01, 0x00, 0x01, 0xFF]])
        #expect(chain.nextDeadline == nil)
        #expect(bytes(chain.receive([0x82, 0x01, 0x00, 0x01, 0xFF], from: requester, at: .zero)) == [[0xA0, 0x50, 0xFF]])
    }

    @Test func messageLengthErrorAndNetworkChange() {
        var chain = chain(2)
        let tooLong: [UInt8] = [0x82] + [UInt8](repeating: 1, count: 16) + [0xFF]
        #expect(bytes(chain.receiveTooLong(tooLong, from: requester, at: .zero)) == [[0xA0, 0x60, 0x01, 0xFF]])
        let change = chain.networkChange(from: camera1)
        #expect(change?.bytes == [0x90, 0x38, 0xFF] && change?.requester == nil)
    }

    @Test func silentCameraNeitherExecutesNorAnswers() throws {
        var chain = chain(2)
        chain.setSilent(true, camera: camera1)
        #expect(chain.receive([0x81, 0x01, 0x04, 0x00, 0x03, 0xFF], from: requester, at: .zero).isEmpty)
        #expect(chain.state(of: camera1, at: .zero)?.power == .on)
        #expect(bytes(chain.receive([0x82, 0x09, 0x04, 0x00, 0xFF], from: requester, at: .zero)) == [[0xA0, 0x50, 0x02, 0xFF]])
        chain.setSilent(false, camera: camera1)
        #expect(bytes(chain.receive([0x81, 0x09, 0x04, 0x00, 0xFF], from: requester, at: .zero)) == [[0x90, 0x50, 0x02, 0xFF]])
    }
}

@Suite struct CameraSimulatorIPSessionTests {
    @Test func sequenceNumbersResetAndErrors() {
        var session = IPSession()
        let inquiry: [UInt8] = [0x81, 0x09, 0x04, 0x00, 0xFF]
        #expect(session.accept(IPPacket(.inquiry, sequenceNumber: 41, payload: inquiry)) == .deliver(message: inquiry, sequenceNumber: 41))
        #expect(session.accept(IPPacket(.inquiry, sequenceNumber: 43, payload: inquiry)) == .deliver(message: inquiry, sequenceNumber: 43))
        // A resend with the same number: the first copy was executed.
        #expect(session.accept(IPPacket(.inquiry, sequenceNumber: 43, payload: inquiry)) == .answer(.control(.sequenceNumberAbnormal, sequenceNumber: 43)))
        #expect(session.accept(IPPacket(.inquiry, sequenceNumber: 2, payload: inquiry)) == .answer(.control(.sequenceNumberAbnormal, sequenceNumber: 2)))
        #expect(session.accept(.control(.reset, sequenceNumber: 0)) == .answer(.control(.resetAcknowledged, sequenceNumber: 0)))
        #expect(session.accept(IPPacket(.inquiry, sequenceNumber: 0, payload: inquiry)) == .deliver(message: inquiry, sequenceNumber: 0))
        // An inquiry sent as a command, and a reply sent to the camera: message type abnormal.
        #expect(session.accept(IPPacket(.command, sequenceNumber: 1, payload: inquiry)) == .answer(.control(.messageTypeAbnormal, sequenceNumber: 1)))
        #expect(session.accept(IPPacket(.reply, sequenceNumber: 2, payload: [0x90, 0x41, 0xFF])) == .answer(.control(.messageTypeAbnormal, sequenceNumber: 2)))
        // The counter may wrap.
        var wrapping = IPSession()
        _ = wrapping.accept(IPPacket(.inquiry, sequenceNumber: 0xFFFF_FFFF, payload: inquiry))
        #expect(wrapping.accept(IPPacket(.inquiry, sequenceNumber: 0, payload: inquiry)) == .deliver(message: inquiry, sequenceNumber: 0))
    }

    @Test func serialPacing() {
        #expect(BaudRate.b9600.byteTime == .nanoseconds(1_041_666))
        #expect(BaudRate.b38400.byteTime == .nanoseconds(260_416))
        var line = SerialPacing(rate: .b9600)
        #expect(line.messageDone(count: 3, handedOverAt: .zero) == .nanoseconds(3_124_998))
        // Handed over while the line is still busy: it waits its turn.
        #expect(line.messageDone(count: 3, handedOverAt: .milliseconds(1)) == .nanoseconds(6_249_996))
        #expect(line.byteDone(handedOverAt: .milliseconds(20)) == .nanoseconds(21_041_666))
    }
}
