import Testing
@testable import Keypad

@Suite struct InputEventTests {
    @Test func aRecordIsTwentyFourBytesInTheKernelsLayout() {
        let event = InputEvent(type: .key, code: KeyCode.kp1.rawValue, value: 1, seconds: 1_700_000_000, microseconds: 250_000)
        let bytes = event.bytes
        #expect(bytes.count == 24)
        // x86_64 and arm64 are little-endian: timeval, then type, code, value.
        #expect(Array(bytes[16..<18]) == [0x01, 0x00])  // EV_KEY
        #expect(Array(bytes[18..<20]) == [79, 0x00])  // KEY_KP1
        #expect(Array(bytes[20..<24]) == [1, 0, 0, 0])  // press
        #expect(InputEvent(bytes: bytes) == event)
        #expect(InputEvent(bytes: bytes.dropLast()) == nil)
    }

    @Test func theFramerJoinsRecordsSplitAcrossReads() {
        var framer = InputEventFramer()
        let stream = tap(.kp5).flatMap(\.bytes)
        var decoded: [InputEvent] = []
        // Feed in uneven pieces: 7, 30, 1, then the rest.
        decoded += framer.append(stream[0..<7])
        #expect(decoded.isEmpty && framer.partialByteCount == 7)
        decoded += framer.append(stream[7..<37])
        decoded += framer.append(stream[37..<38])
        decoded += framer.append(stream[38...])
        #expect(decoded == tap(.kp5))
        #expect(framer.partialByteCount == 0)
    }

    @Test func keyNamesFollowTheLinuxHeader() {
        #expect(KeyCode(name: "KEY_KP1") == .kp1)
        #expect(KeyCode(name: "KEY_KPENTER")?.rawValue == 96)
        #expect(KeyCode(name: "KEY_ZOOMIN")?.rawValue == 0x1a2)
        // An alias resolves to its target's code.
        #expect(KeyCode(name: "KEY_ZOOM") == KeyCode(name: "KEY_FULL_SCREEN"))
        #expect(KeyCode(name: "KP1") == nil)
        #expect(KeyCode.kpAsterisk.name == "KEY_KPASTERISK")
        #expect(KeyCode(rawValue: 0x2ff).name == "KEY_767")
    }
}
