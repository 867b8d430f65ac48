import Testing
import VISCA

@Suite struct IPPacketTests {
    @Test func commandPacketIsBigEndian() throws {
        let recall = try Command.preset(.recall, 3).encoded(for: try CameraAddress(1))
        let packet = IPPacket(.command, sequenceNumber: 0x0102_0304, payload: recall)
        #expect(try packet.encoded() == [0x01, 0x00, 0x00, 0x07, 0x01, 0x02, 0x03, 0x04, 0x81, 0x01, 0x04, 0x3F, 0x02, 0x03, 0xFF])
    }

    @Test func payloadTypes() {
        #expect(PayloadType.allCases.map(\.rawValue) == [0x0100, 0x0110, 0x0111, 0x0120, 0x0200, 0x0201])
        #expect(PayloadType.inquiry.description == "0110")
    }

    /// Sony documents IF_Clear as 0120, inquiries as 0110, commands as 0100;
    /// cameras take IF_Clear as 0100 too and the version inquiry as 0120 too,
    /// as widely used clients send them.
    @Test func payloadTypeOfEachMessage() {
        let ifClear: [UInt8] = [0x81, 0x01, 0x00, 0x01, 0xFF]
        let version: [UInt8] = [0x81, 0x09, 0x00, 0x02, 0xFF]
        let power: [UInt8] = [0x81, 0x09, 0x04, 0x00, 0xFF]
        let recall: [UInt8] = [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF]
        #expect(PayloadType.documented(for: ifClear) == .deviceSetting)
        #expect(PayloadType.documented(for: version) == .inquiry)
        #expect(PayloadType.documented(for: power) == .inquiry)
        #expect(PayloadType.documented(for: recall) == .command)
        #expect(PayloadType.accepted(for: ifClear) == [.deviceSetting, .command])
        #expect(PayloadType.accepted(for: version) == [.inquiry, .deviceSetting])
        #expect(PayloadType.accepted(for: power) == [.inquiry])
        #expect(PayloadType.accepted(for: recall) == [.command, .deviceSetting])
        #expect(PayloadType.fallback(for: ifClear) == .command)
        #expect(PayloadType.fallback(for: version) == .deviceSetting)
        #expect(PayloadType.fallback(for: power) == nil)
        #expect(PayloadType.fallback(for: recall) == nil)
    }

    @Test(arguments: PayloadType.allCases)
    func roundTrips(type: PayloadType) throws {
        for sequence: UInt32 in [0, 1, 0xFFFF_FFFF, 0x8000_0000] {
            for length in [1, 3, 16] {
                let packet = IPPacket(type, sequenceNumber: sequence, payload: (0..<length).map { UInt8($0 + 0x80) })
                #expect(try IPPacket(decoding: packet.encoded()) == packet)
            }
        }
    }

    @Test func controlMessages() throws {
        #expect(try IPPacket.control(.reset, sequenceNumber: 7).encoded() == [0x02, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x01])
        #expect(try IPPacket.control(.resetAcknowledged, sequenceNumber: 7).encoded() == [0x02, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x01])
        #expect(try IPPacket.control(.sequenceNumberAbnormal, sequenceNumber: 9).encoded()
            == [0x02, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x09, 0x0F, 0x01])
        #expect(try IPPacket.control(.messageTypeAbnormal, sequenceNumber: 9).encoded()
            == [0x02, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x09, 0x0F, 0x02])
        for message in [ControlMessage.reset, .resetAcknowledged, .sequenceNumberAbnormal, .messageTypeAbnormal] {
            #expect(try IPPacket(decoding: IPPacket.control(message, sequenceNumber: 1).encoded()).control == message)
        }
        #expect(IPPacket(.reply, sequenceNumber: 1, payload: [0x90, 0x41, 0xFF]).control == nil)
        #expect(IPPacket(.controlReply, sequenceNumber: 1, payload: [0x0F, 0x03]).control == nil)
    }

    @Test func shortPackets() {
        #expect(throws: VISCAError.packetTooShort([])) { try IPPacket(decoding: [UInt8]()) }
        #expect(throws: VISCAError.packetTooShort([0x01, 0x00, 0x00, 0x01, 0, 0, 0, 1])) {
            try IPPacket(decoding: [0x01, 0x00, 0x00, 0x01, 0, 0, 0, 1])
        }
    }

    @Test func inconsistentPackets() {
        #expect(throws: VISCAError.unknownPayloadType(0x0300)) {
            try IPPacket(decoding: [0x03, 0x00, 0x00, 0x01, 0, 0, 0, 1, 0x01])
        }
        #expect(throws: VISCAError.payloadLengthOutOfRange(0)) {
            try IPPacket(decoding: [0x01, 0x00, 0x00, 0x00, 0, 0, 0, 1, 0x01])
        }
        #expect(throws: VISCAError.payloadLengthOutOfRange(17)) {
            try IPPacket(decoding: [0x01, 0x00, 0x00, 0x11, 0, 0, 0, 1] + [UInt8](repeating: 1, count: 17))
        }
        #expect(throws: VISCAError.payloadLengthMismatch(declared: 5, actual: 3)) {
            try IPPacket(decoding: [0x01, 0x00, 0x00, 0x05, 0, 0, 0, 1, 0x81, 0x01, 0xFF])
        }
        #expect(throws: VISCAError.payloadLengthMismatch(declared: 1, actual: 3)) {
            try IPPacket(decoding: [0x01, 0x00, 0x00, 0x01, 0, 0, 0, 1, 0x81, 0x01, 0xFF])
        }
        #expect(throws: VISCAError.payloadLengthOutOfRange(0)) { try IPPacket(.command, sequenceNumber: 0, payload: []).encoded() }
        #expect(throws: VISCAError.payloadLengthOutOfRange(17)) {
            try IPPacket(.command, sequenceNumber: 0, payload: [UInt8](repeating: 0, count: 17)).encoded()
        }
    }

    @Test func errorMessages() {
        #expect(VISCAError.unknownPayloadType(0x0300).description.contains("0300"))
        #expect(VISCAError.payloadLengthMismatch(declared: 5, actual: 3).description.contains("5"))
        #expect(ControlMessage.sequenceNumberAbnormal.description.contains("RESET"))
    }
}
