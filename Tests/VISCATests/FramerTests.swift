import Testing
import VISCA

@Suite struct FramerTests {
    @Test func splitsAtTerminator() {
        var framer = Framer()
        let items = framer.append([0x90, 0x41, 0xFF, 0x90, 0x51, 0xFF, 0xA0, 0x50, 0x02, 0xFF])
        #expect(items == [.message([0x90, 0x41, 0xFF]), .message([0x90, 0x51, 0xFF]), .message([0xA0, 0x50, 0x02, 0xFF])])
        #expect(framer.discardedByteCount == 0)
        #expect(framer.pending.isEmpty)
    }

    @Test func keepsPartialMessagesAcrossChunks() {
        var framer = Framer()
        #expect(framer.append([0x90]).isEmpty)
        #expect(framer.append([0x50, 0x00, 0x00]).isEmpty)
        #expect(framer.pending == [0x90, 0x50, 0x00, 0x00])
        #expect(framer.append([0x01, 0x02, 0xFF, 0x90]) == [.message([0x90, 0x50, 0x00, 0x00, 0x01, 0x02, 0xFF])])
        #expect(framer.append([0x41, 0xFF]) == [.message([0x90, 0x41, 0xFF])])
    }

    @Test func everySplitPointGivesTheSameMessages() {
        let stream: [UInt8] = [0x90, 0x41, 0xFF, 0x88, 0x30, 0x03, 0xFF, 0x90, 0x50, 0x0F, 0x07, 0x02, 0x05, 0x00, 0x01, 0x02, 0x0C, 0xFF]
        for cut in 0...stream.count {
            var framer = Framer()
            let messages = framer.messages(in: stream[..<cut]) + framer.messages(in: stream[cut...])
            #expect(messages == [[0x90, 0x41, 0xFF], [0x88, 0x30, 0x03, 0xFF],
                                 [0x90, 0x50, 0x0F, 0x07, 0x02, 0x05, 0x00, 0x01, 0x02, 0x0C, 0xFF]], "cut at \(cut)")
        }
    }

    @Test func discardsBytesThatCannotStartAMessage() {
        var framer = Framer()
        let items = framer.append([0x00, 0x12, 0xFF, 0x7F, 0x90, 0x41, 0xFF, 0x05, 0xFF, 0x90, 0x51, 0xFF])
        #expect(items == [
            .discarded([0x00, 0x12, 0xFF, 0x7F], .noMessageStart),
            .message([0x90, 0x41, 0xFF]),
            .discarded([0x05, 0xFF], .noMessageStart),
            .message([0x90, 0x51, 0xFF]),
        ])
        #expect(framer.discardedByteCount == 6)
    }

    @Test func dropsOverLongMessagesUpToTheNextTerminator() {
        var framer = Framer()
        let overLong: [UInt8] = [0x81] + [UInt8](repeating: 0x01, count: 17) + [0xFF]   // 19 bytes
        let items = framer.append(overLong + [0x90, 0x41, 0xFF])
        #expect(items == [.discarded(overLong, .tooLong), .message([0x90, 0x41, 0xFF])])
        #expect(framer.discardedByteCount == 19)
    }

    @Test func sixteenBytesIsStillAMessageSeventeenIsNot() {
        var framer = Framer()
        let sixteen: [UInt8] = [0x90, 0x50] + [UInt8](repeating: 0x01, count: 13) + [0xFF]
        #expect(framer.append(sixteen) == [.message(sixteen)])
        let seventeen: [UInt8] = [0x90, 0x50] + [UInt8](repeating: 0x01, count: 14) + [0xFF]
        #expect(framer.append(seventeen) == [.discarded(seventeen, .tooLong)])
        #expect(framer.discardedByteCount == 17)
    }

    @Test func overLongAcrossChunks() {
        var framer = Framer()
        #expect(framer.append([UInt8](repeating: 0x81, count: 10)).isEmpty)
        #expect(framer.append([UInt8](repeating: 0x01, count: 10)).isEmpty)
        #expect(framer.append([0x01, 0xFF, 0x90, 0x42, 0xFF]) == [
            .discarded([UInt8](repeating: 0x81, count: 10) + [UInt8](repeating: 0x01, count: 11) + [0xFF], .tooLong),
            .message([0x90, 0x42, 0xFF]),
        ])
    }

    @Test func resetDropsThePartialMessage() {
        var framer = Framer()
        _ = framer.append([0x90, 0x50, 0x01])
        #expect(framer.reset() == [0x90, 0x50, 0x01])
        #expect(framer.discardedByteCount == 3)
        #expect(framer.append([0x90, 0x41, 0xFF]) == [.message([0x90, 0x41, 0xFF])])
    }

    /// Property: however a valid stream is cut into chunks, the same messages come out.
    @Test func randomChunkingGivesTheSameMessages() throws {
        var random = SplitMix64(seed: 0x5EED_D1E_CA0)
        let camera = try CameraAddress(2)
        let pool: [[UInt8]] = [
            Reply(sender: .camera(camera), kind: .acknowledged(socket: 1)).encoded,
            Reply(sender: .camera(camera), kind: .completed(socket: 2)).encoded,
            Reply(sender: .camera(camera), kind: .failed(socket: 0, .syntax)).encoded,
            Reply(sender: .camera(camera), kind: .answer(data: InquiryAnswer.panTiltPosition(pan: -100, tilt: 20).data)).encoded,
            Reply(sender: .camera(camera), kind: .answer(data: InquiryAnswer.version(
                CameraVersion(vendor: 0x20, model: 0xFEFE, rom: 0x8080, maxSocket: 2)).data)).encoded,
            Reply(sender: .broadcast, kind: .addressSet(nextAddress: 3)).encoded,
            Reply(sender: .camera(camera), kind: .networkChange).encoded,
            try Command.absolutePosition(pan: 1000, tilt: -300, panSpeed: 0x18, tiltSpeed: 0x17).encoded(for: camera),
        ]
        for round in 0..<200 {
            let messages = (0..<Int.random(in: 1...30, using: &random)).map { _ in pool.randomElement(using: &random)! }
            let stream = messages.flatMap { $0 }
            var framer = Framer()
            let out = framer.messages(inRandomChunksOf: stream, upTo: 20, using: &random)
            #expect(out == messages, "round \(round)")
            #expect(framer.discardedByteCount == 0)
            #expect(framer.pending.isEmpty)
        }
    }

    /// Property: garbage with no high bit between messages costs exactly the garbage.
    @Test func randomNoiseBetweenMessagesIsDiscardedExactly() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<100 {
            var stream: [UInt8] = []
            var expected: [[UInt8]] = []
            var noiseCount = 0
            for _ in 0..<10 {
                let noise = (0..<Int.random(in: 0...5, using: &random)).map { _ in UInt8.random(in: 0x00...0x7F, using: &random) }
                noiseCount += noise.count
                let message: [UInt8] = [0x90, 0x40 | UInt8.random(in: 1...2, using: &random), 0xFF]
                stream += noise + message
                expected.append(message)
            }
            var framer = Framer()
            let out = framer.messages(inRandomChunksOf: stream, upTo: 7, using: &random)
            #expect(out == expected)
            #expect(framer.discardedByteCount == noiseCount)
        }
    }
}

extension Framer {
    /// Feeds `stream` in chunks of random length (1...`maximumChunk`) and collects the messages.
    mutating func messages(inRandomChunksOf stream: [UInt8], upTo maximumChunk: Int, using random: inout SplitMix64) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var index = 0
        while index < stream.count {
            let length = Int.random(in: 1...min(maximumChunk, stream.count - index), using: &random)
            out += messages(in: stream[index..<(index + length)])
            index += length
        }
        return out
    }
}

/// A small seeded generator, so a failing property test can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
