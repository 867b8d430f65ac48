import Testing
@testable import MQTT

/// The packets against the byte examples and rules of the MQTT 3.1.1
/// specification (OASIS Standard, 29 October 2014).
@Suite struct PacketCodecTests {
    /// Table 2.4: the boundaries of one to four length bytes.
    @Test(arguments: [
        (0, [0x00]), (127, [0x7F]), (128, [0x80, 0x01]), (16_383, [0xFF, 0x7F]),
        (16_384, [0x80, 0x80, 0x01]), (2_097_151, [0xFF, 0xFF, 0x7F]),
        (2_097_152, [0x80, 0x80, 0x80, 0x01]), (268_435_455, [0xFF, 0xFF, 0xFF, 0x7F]),
    ] as [(Int, [UInt8])])
    func remainingLength(value: Int, bytes: [UInt8]) throws {
        #expect(RemainingLength.encode(value) == bytes)
        let decoded = try RemainingLength.decode(bytes[...], at: 0)
        #expect(decoded?.value == value)
        #expect(decoded?.size == bytes.count)
    }

    @Test func aFifthLengthByteIsMalformed() {
        var decoder = PacketDecoder()
        decoder.feed([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(throws: MQTTError.self) { try decoder.next() }
    }

    /// Section 3.1.2, figure 3.6: protocol name "MQTT", level 4, flags 0xCE
    /// (user name, password, will QoS 1, will flag, clean session), keep-alive 10.
    @Test func connectFollowsTheVariableHeaderExample() throws {
        let will = Packet.Publish(topic: "w", payload: Array("x".utf8), qos: .atLeastOnce)
        let packet = Packet.connect(.init(clientID: "c", cleanSession: true, keepAlive: 10, username: "u",
                                          password: Array("p".utf8), will: will))
        let variableHeader: [UInt8] = [0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0xCE, 0x00, 0x0A]
        let payload: [UInt8] = [0x00, 0x01, 0x63, 0x00, 0x01, 0x77, 0x00, 0x01, 0x78, 0x00, 0x01, 0x75, 0x00, 0x01, 0x70]
        #expect(packet.bytes == [0x10, UInt8(variableHeader.count + payload.count)] + variableHeader + payload)
        var decoder = PacketDecoder()
        decoder.feed(packet.bytes)
        #expect(try decoder.next() == packet)
    }

    /// A retained will at QoS 0 sets bit 5 and no QoS bits; no credentials, no clean session.
    @Test func connectFlagsOfARetainedWillWithoutCredentials() {
        let will = Packet.Publish(topic: "t", payload: [], qos: .atMostOnce, retain: true)
        let bytes = Packet.connect(.init(clientID: "", cleanSession: false, keepAlive: 0, will: will)).bytes
        #expect(bytes[9] == 0x24)
    }

    /// Section 3.2: CONNACK's acknowledge flags and return codes.
    @Test func connackCodes() throws {
        var decoder = PacketDecoder()
        decoder.feed([0x20, 0x02, 0x01, 0x00, 0x20, 0x02, 0x00, 0x04, 0x20, 0x02, 0x00, 0x05])
        #expect(try decoder.next() == .connack(sessionPresent: true, code: .accepted))
        #expect(try decoder.next() == .connack(sessionPresent: false, code: .badUserNameOrPassword))
        #expect(try decoder.next() == .connack(sessionPresent: false, code: .notAuthorized))
        #expect(ConnectReturnCode.badUserNameOrPassword.isPermanent)
        #expect(!ConnectReturnCode.serverUnavailable.isPermanent)
        decoder.feed([0x20, 0x02, 0x02, 0x00])
        #expect(throws: MQTTError.self) { try decoder.next() }
    }

    /// Section 3.3.2, figure 3.11: topic "a/b", packet identifier 10.
    @Test func publishVariableHeaderExample() throws {
        let packet = Packet.publish(.init(topic: "a/b", payload: [0xAB], qos: .atLeastOnce, retain: true, packetID: 10))
        #expect(packet.bytes == [0x33, 0x08, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x0A, 0xAB])
        let duplicate = Packet.publish(.init(topic: "a/b", payload: [], qos: .atLeastOnce, duplicate: true, packetID: 10))
        #expect(duplicate.bytes[0] == 0x3A)
        let qos0 = Packet.publish(.init(topic: "a/b", payload: [1, 2]))
        #expect(qos0.bytes == [0x30, 0x07, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x01, 0x02])
        var decoder = PacketDecoder()
        decoder.feed(packet.bytes + qos0.bytes)
        #expect(try decoder.next() == packet)
        #expect(try decoder.next() == qos0)
    }

    @Test func publishAtQoS2OrWithPacketIDZeroIsRefused() {
        var decoder = PacketDecoder()
        decoder.feed([0x34, 0x07, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x01])
        #expect(throws: MQTTError.self) { try decoder.next() }
        var zero = PacketDecoder()
        zero.feed([0x32, 0x07, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x00])
        #expect(throws: MQTTError.self) { try zero.next() }
    }

    /// Sections 3.4, 3.12–3.14: the two-byte packets and PUBACK.
    @Test func smallPackets() throws {
        #expect(Packet.puback(packetID: 0x1234).bytes == [0x40, 0x02, 0x12, 0x34])
        #expect(Packet.pingreq.bytes == [0xC0, 0x00])
        #expect(Packet.pingresp.bytes == [0xD0, 0x00])
        #expect(Packet.disconnect.bytes == [0xE0, 0x00])
        var decoder = PacketDecoder()
        decoder.feed([0xD0, 0x00, 0x40, 0x02, 0x12, 0x34])
        #expect(try decoder.next() == .pingresp)
        #expect(try decoder.next() == .puback(packetID: 0x1234))
        decoder.feed([0x41, 0x02, 0x00, 0x01])  // PUBACK's reserved flags must be 0
        #expect(throws: MQTTError.self) { try decoder.next() }
    }

    /// Section 3.8, figure 3.21 (its QoS 1 filter) and section 3.8.1's fixed
    /// header 0x82; section 3.9, figure 3.26's return codes (0x80 = failure).
    @Test func subscribeAndSuback() throws {
        let subscribe = Packet.subscribe(packetID: 10, filters: [.init("a/b", qos: .atLeastOnce)])
        #expect(subscribe.bytes == [0x82, 0x08, 0x00, 0x0A, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x01])
        var decoder = PacketDecoder()
        decoder.feed([0x90, 0x05, 0x00, 0x0A, 0x00, 0x01, 0x80])
        #expect(try decoder.next() == .suback(packetID: 10, granted: [.atMostOnce, .atLeastOnce, nil]))
    }

    /// A packet that arrives a byte at a time comes out whole, once.
    @Test func packetsSplitAcrossReads() throws {
        let packet = Packet.publish(.init(topic: "diemcau/hanam/room1/alert", payload: Array(repeating: 7, count: 300),
                                          qos: .atLeastOnce, packetID: 513))
        var decoder = PacketDecoder()
        var seen: [Packet] = []
        for byte in packet.bytes {
            decoder.feed([byte])
            if let next = try decoder.next() { seen.append(next) }
        }
        #expect(seen == [packet])
    }

    /// Section 4.7's examples of topic filters.
    @Test func topicFilters() throws {
        #expect(Topic.matches("sport/tennis/player1", filter: "sport/tennis/player1/#"))
        #expect(Topic.matches("sport/tennis/player1/ranking", filter: "sport/tennis/player1/#"))
        #expect(Topic.matches("sport", filter: "sport/#"))
        #expect(Topic.matches("sport/", filter: "sport/+"))
        #expect(!Topic.matches("sport", filter: "sport/+"))
        #expect(Topic.matches("/finance", filter: "/+"))
        #expect(!Topic.matches("$SYS/monitor/Clients", filter: "+/monitor/Clients"))
        #expect(!Topic.matches("$SYS/x", filter: "#"))
        #expect(throws: MQTTError.self) { try Topic.validateFilter("sport/tennis#") }
        #expect(throws: MQTTError.self) { try Topic.validateFilter("sport/#/ranking") }
        #expect(throws: MQTTError.self) { try Topic.validateFilter("sport+") }
        #expect(throws: MQTTError.self) { try Topic.validateName("diemcau/+/room1/state") }
        #expect(throws: MQTTError.self) { try Topic.validateName("") }
    }
}
