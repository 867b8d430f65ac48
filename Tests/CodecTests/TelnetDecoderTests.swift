@testable import Codec
import Testing

@Suite struct TelnetDecoderTests {
    @Test func refusesEveryOptionAndStripsTheNegotiation() throws {
        var decoder = TelnetDecoder()
        // What a Cisco unit opens with: DO TTYPE, DO TSPEED, DO XDISPLOC, DO NEW-ENVIRON; then WILL ECHO.
        let bytes: [UInt8] = [255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39, 255, 251, 1] + Array("login: ".utf8)
        let output = try decoder.decode(bytes)
        #expect(output.replies == [255, 252, 24, 255, 252, 32, 255, 252, 35, 255, 252, 39, 255, 254, 1])
        #expect(output.lines.isEmpty)
        #expect(decoder.pendingText == "login: ")
    }

    @Test func dontAndWontNeedNoAnswer() throws {
        var decoder = TelnetDecoder()
        let output = try decoder.decode([255, 254, 1, 255, 252, 3] + Array("ok\n".utf8))
        #expect(output.replies.isEmpty)
        #expect(output.lines == ["ok"])
    }

    @Test func doubledIACIsOneDataByteAndSubnegotiationIsDropped() throws {
        var decoder = TelnetDecoder()
        let bytes: [UInt8] = Array("a".utf8) + [255, 255] + Array("b".utf8) + [255, 250, 24, 1, 255, 240] + Array("c\r\n".utf8)
        let output = try decoder.decode(bytes)
        #expect(output.lines == [String(decoding: [0x61, 0xFF, 0x62, 0x63], as: UTF8.self)])
    }

    @Test func aNegotiationSplitAcrossReadsIsStillUnderstood() throws {
        var decoder = TelnetDecoder()
        var replies: [UInt8] = []
        for chunk: [UInt8] in [[255], [253], [24, 0x6F], [0x6B, 0x0D], [0x0A]] {
            let output = try decoder.decode(chunk)
            replies += output.replies
            if !output.lines.isEmpty { #expect(output.lines == ["ok"]) }
        }
        #expect(replies == [255, 252, 24])
    }

    @Test(arguments: ["\r", "\n", "\r\n", "\r\r\n"])
    func everyLineEndEndsALineAndEmptyLinesAreDropped(end: String) throws {
        var decoder = TelnetDecoder()
        let text = "callinfo begin" + end + end + "callinfo end" + end
        #expect(try decoder.decode(Array(text.utf8)).lines == ["callinfo begin", "callinfo end"])
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func crCrLfSplitBetweenReadsGivesNoEmptyOrDoubledLine() throws {
        var decoder = TelnetDecoder()
        var lines: [String] = []
        for chunk in ["mute near off\r", "\r", "\nnotify callstatus success\r\r", "\n"] {
            lines += try decoder.decode(Array(chunk.utf8)).lines
        }
        #expect(lines == ["mute near off", "notify callstatus success"])
    }

    @Test func aMegabyteWithoutALineEndIsRefusedWithBoundedMemory() {
        var decoder = TelnetDecoder(maximumLineLength: 64 * 1024)
        let megabyte = [UInt8](repeating: 0x41, count: 1 << 20)
        var thrown: CodecError?
        var chunks = 0
        for start in stride(from: 0, to: megabyte.count, by: 16 * 1024) {
            chunks += 1
            do {
                _ = try decoder.decode(megabyte[start..<(start + 16 * 1024)])
            } catch {
                thrown = error
                break
            }
            #expect(decoder.bufferedByteCount <= 64 * 1024)
        }
        #expect(thrown == .lineTooLong(limit: 64 * 1024))
        #expect(chunks == 5, "the limit is hit in the fifth 16 KiB read, not after the whole megabyte")
        #expect(thrown?.description.contains("longer than 65536 bytes") == true)
    }

    @Test func anEndlessSubnegotiationIsRefused() {
        var decoder = TelnetDecoder(maximumSubnegotiationLength: 100)
        #expect(throws: CodecError.subnegotiationTooLong(limit: 100)) {
            _ = try decoder.decode([255, 250] + [UInt8](repeating: 1, count: 200))
        }
    }

    @Test func garbageNeverCrashesAndTheNextLineStillComesThrough() throws {
        var decoder = TelnetDecoder()
        var seed: UInt64 = 42
        var garbage: [UInt8] = []
        for _ in 0..<20_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            garbage.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        _ = try decoder.decode(garbage)
        // End whatever IAC state the garbage left, then a clean line.
        let output = try decoder.decode(Array("\r\nmute near on\r\n".utf8))
        #expect(output.lines.last == "mute near on")
    }

    @Test func theEncoderEndsWithCrLfAndRefusesASmuggledSecondCommand() throws {
        #expect(try TelnetEncoder.line("callinfo all") == Array("callinfo all\r\n".utf8))
        #expect(throws: CodecError.invalidCommandText("mute near get\r\nhangup all")) {
            _ = try TelnetEncoder.line("mute near get\r\nhangup all")
        }
    }
}
