import Testing
import VISCA

@Suite struct ReplyDecodingTests {
    let camera1 = try! CameraAddress(1)
    let camera2 = try! CameraAddress(2)
    let camera7 = try! CameraAddress(7)

    @Test func acknowledgementAndCompletionCarryTheSocket() throws {
        #expect(try Reply(decoding: [0x90, 0x41, 0xFF]) == Reply(sender: .camera(camera1), kind: .acknowledged(socket: 1)))
        #expect(try Reply(decoding: [0xA0, 0x42, 0xFF]) == Reply(sender: .camera(camera2), kind: .acknowledged(socket: 2)))
        #expect(try Reply(decoding: [0x90, 0x51, 0xFF]) == Reply(sender: .camera(camera1), kind: .completed(socket: 1)))
        #expect(try Reply(decoding: [0xF0, 0x52, 0xFF]) == Reply(sender: .camera(camera7), kind: .completed(socket: 2)))
        // IF_Clear to one camera: x0 50 FF.
        #expect(try Reply(decoding: [0x90, 0x50, 0xFF]).kind == .completed(socket: 0))
    }

    @Test(arguments: [
        (UInt8(0x01), ReplyError.messageLength),
        (0x02, .syntax),
        (0x03, .bufferFull),
        (0x04, .cancelled),
        (0x05, .noSocket),
        (0x41, .notExecutable),
    ])
    func eachErrorIsTyped(code: UInt8, error: ReplyError) throws {
        let reply = try Reply(decoding: [0x90, 0x61, code, 0xFF])
        #expect(reply == Reply(sender: .camera(camera1), kind: .failed(socket: 1, error)))
        #expect(error.code == code)
        #expect(reply.encoded == [0x90, 0x61, code, 0xFF])
        #expect(!error.description.isEmpty)
    }

    @Test func errorsOnSocketZeroAndUnknownCodes() throws {
        #expect(try Reply(decoding: [0x90, 0x60, 0x02, 0xFF]).kind == .failed(socket: 0, .syntax))
        #expect(try Reply(decoding: [0x90, 0x60, 0x03, 0xFF]).kind == .failed(socket: 0, .bufferFull))
        #expect(try Reply(decoding: [0x90, 0x60, 0x7A, 0xFF]).kind == .failed(socket: 0, .other(0x7A)))
        #expect(ReplyError.notExecutable.description.contains("standby"))
    }

    @Test func chainMessages() throws {
        #expect(try Reply(decoding: [0x88, 0x30, 0x02, 0xFF]) == Reply(sender: .broadcast, kind: .addressSet(nextAddress: 2)))
        #expect(try Reply(decoding: [0x88, 0x30, 0x08, 0xFF]).kind == .addressSet(nextAddress: 8))
        #expect(try Reply(decoding: [0x88, 0x01, 0x00, 0x01, 0xFF]) == Reply(sender: .broadcast, kind: .interfaceClearEcho))
        #expect(try Reply(decoding: [0xB0, 0x38, 0xFF]) == Reply(sender: .camera(try CameraAddress(3)), kind: .networkChange))
    }

    @Test func inquiryAnswers() throws {
        let on = try Reply(decoding: [0x90, 0x50, 0x02, 0xFF])
        #expect(on.kind == .answer(data: [0x02]))
        #expect(try Inquiry.power.answer(from: on) == .power(.on))
        #expect(try Inquiry.power.answer(from: [0x03]) == .power(.standby))

        let zoom = try Reply(decoding: [0x90, 0x50, 0x04, 0x00, 0x00, 0x00, 0xFF])
        #expect(try Inquiry.zoomPosition.answer(from: zoom) == .zoomPosition(0x4000))

        let position = try Reply(decoding: [0x90, 0x50, 0x0F, 0x07, 0x02, 0x05, 0x00, 0x01, 0x02, 0x0C, 0xFF])
        #expect(try Inquiry.panTiltPosition.answer(from: position) == .panTiltPosition(pan: -2267, tilt: 300))
        let extremes = try Reply(decoding: [0x90, 0x50, 0x08, 0x00, 0x00, 0x00, 0x07, 0x0F, 0x0F, 0x0F, 0xFF])
        #expect(try Inquiry.panTiltPosition.answer(from: extremes) == .panTiltPosition(pan: -32768, tilt: 32767))

        let version = try Reply(decoding: [0x90, 0x50, 0x00, 0x20, 0x04, 0x0E, 0x01, 0x12, 0x02, 0xFF])
        #expect(try Inquiry.version.answer(from: version)
            == .version(CameraVersion(vendor: 0x0020, model: 0x040E, rom: 0x0112, maxSocket: 2)))

        // CAM_FocusModeInq: y0 50 02 FF auto, y0 50 03 FF manual.
        #expect(try Inquiry.focusMode.answer(from: Reply(decoding: [0x90, 0x50, 0x02, 0xFF])) == .focusMode(.auto))
        #expect(try Inquiry.focusMode.answer(from: Reply(decoding: [0x90, 0x50, 0x03, 0xFF])) == .focusMode(.manual))
        #expect(InquiryAnswer.focusMode(.manual).data == [0x03])
    }

    @Test func answersThatDoNotFitTheInquiry() throws {
        #expect(throws: VISCAError.unexpectedAnswer(inquiry: .power, data: [0x05])) { try Inquiry.power.answer(from: [0x05]) }
        #expect(throws: VISCAError.unexpectedAnswer(inquiry: .zoomPosition, data: [0x04, 0x00, 0x10, 0x00])) {
            try Inquiry.zoomPosition.answer(from: [0x04, 0x00, 0x10, 0x00])
        }
        #expect(throws: VISCAError.unexpectedAnswer(inquiry: .panTiltPosition, data: [0x00, 0x00])) {
            try Inquiry.panTiltPosition.answer(from: [0x00, 0x00])
        }
        // 10 is the toggle command's byte, not a state the camera can be in.
        #expect(throws: VISCAError.unexpectedAnswer(inquiry: .focusMode, data: [0x10])) { try Inquiry.focusMode.answer(from: [0x10]) }
        let syntax = try Reply(decoding: [0x90, 0x60, 0x02, 0xFF])
        #expect(throws: VISCAError.self) { try Inquiry.version.answer(from: syntax) }
    }

    @Test func answersRoundTrip() throws {
        let answers: [(Inquiry, InquiryAnswer)] = [
            (.power, .power(.standby)),
            (.zoomPosition, .zoomPosition(0x1234)),
            (.panTiltPosition, .panTiltPosition(pan: -1, tilt: 1234)),
            (.version, .version(CameraVersion(vendor: 0x20, model: 0x0402, rom: 0x0100, maxSocket: 2))),
            (.focusMode, .focusMode(.auto)),
        ]
        for (inquiry, answer) in answers {
            let bytes = Reply(sender: .camera(camera2), kind: .answer(data: answer.data)).encoded
            #expect(bytes.first == 0xA0)
            #expect(try inquiry.answer(from: Reply(decoding: bytes)) == answer)
        }
    }

    @Test func everyReplyKindRoundTrips() throws {
        let replies: [Reply] = [
            Reply(sender: .camera(camera1), kind: .acknowledged(socket: 2)),
            Reply(sender: .camera(camera7), kind: .completed(socket: 1)),
            Reply(sender: .camera(camera2), kind: .failed(socket: 1, .cancelled)),
            Reply(sender: .broadcast, kind: .addressSet(nextAddress: 4)),
            Reply(sender: .broadcast, kind: .interfaceClearEcho),
            Reply(sender: .camera(camera1), kind: .networkChange),
        ]
        for reply in replies {
            #expect(try Reply(decoding: reply.encoded) == reply)
        }
        #expect(Reply(sender: .broadcast, kind: .addressSet(nextAddress: 4)).encoded == [0x88, 0x30, 0x04, 0xFF])
        #expect(Reply(sender: .camera(camera1), kind: .networkChange).encoded == [0x90, 0x38, 0xFF])
    }

    @Test(arguments: [
        [UInt8](),
        [0x90, 0xFF],
        [0x90, 0x41],                 // no terminator
        [0x80, 0x41, 0xFF],           // a command header, not a reply
        [0x91, 0x41, 0xFF],           // low nibble set
        [0x41, 0x90, 0xFF],
        [0x90, 0x41, 0x00, 0xFF],     // ACK with extra byte
        [0x90, 0x61, 0xFF],           // error without code
        [0x90, 0x51, 0x02, 0xFF],     // data on a socket other than 0
        [0x88, 0x30, 0xFF],
        [0x88, 0x09, 0x04, 0xFF],
        [0x90, 0x39, 0xFF],
        [0x90, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF], // 17 bytes
    ])
    func malformedRepliesAreRejected(bytes: [UInt8]) {
        #expect(throws: VISCAError.self) { try Reply(decoding: bytes) }
    }

    @Test func malformedReplyMessageShowsTheBytes() {
        do {
            _ = try Reply(decoding: [0x12, 0x34, 0xFF])
            Issue.record("decoded garbage")
        } catch {
            #expect(error.description.contains("12 34 FF"))
            #expect(error.description.contains("baud rate"))
        }
    }
}
