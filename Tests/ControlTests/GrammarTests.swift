import Foundation
import Room
import Testing

@testable import Control

@Suite("The text grammar")
struct GrammarTests {
    @Test("every command reads from its line, keywords in any case")
    func commandsParse() throws {
        let cases: [(String, ControlCommand)] = [
            ("status", .status),
            ("IDENTITY", .identity),
            ("floor grant mic2", .floorGrant(.named("mic2"))),
            ("floor grant delegates", .floorGrant(.named("delegates"))),
            ("Floor Grant ALL", .floorGrant(.all)),
            ("floor end", .floorEnd(nil)),
            ("floor end mic2", .floorEnd(.named("mic2"))),
            ("floor end ALL", .floorEnd(.all)),
            ("mute mic2", .mute(.mic("mic2"))),
            ("MUTE all", .mute(.all)),
            ("unmute chair", .unmute(.mic("chair"))),
            ("camera recall 2", .cameraRecall(preset: "2")),
            ("camera store \"bàn chủ tọa\"", .cameraStore(preset: "bàn chủ tọa")),
            ("call dial 10.10.1.5", .call(.dial(number: "10.10.1.5", protocol: nil, rateKbps: nil))),
            ("call dial 1234@mcu.tinh.gov.vn sip 1920", .call(.dial(number: "1234@mcu.tinh.gov.vn", protocol: .sip, rateKbps: 1920))),
            ("call dial 0241 768 H323", .call(.dial(number: "0241", protocol: .h323, rateKbps: 768))),
            ("call hangup", .call(.hangUp(callID: nil))),
            ("call hangup 3", .call(.hangUp(callID: "3"))),
            ("call answer", .call(.answer)),
            ("note cáp HDMI   lỏng", .note("cáp HDMI lỏng")),
            ("note \"two  spaces kept\"", .note("two  spaces kept")),
            ("fault open micro 2 rè", .faultOpen("micro 2 rè")),
            ("fault fixed 3 thay cáp", .faultFixed(id: 3, remedy: "thay cáp")),
            ("phase official", .phase(.official)),
            ("phase technical-test", .phase(.test)),
            ("check", .checkReadiness),
            ("hand raise", .handRaise(microphone: nil)),
            ("HAND raise mic2", .handRaise(microphone: "mic2")),
            ("hand list", .handList),
            ("schedule list", .scheduleList),
            ("closing confirm lens-cap", .closingConfirm(.lensCap)),
            ("hand ack 3", .handAcknowledge(3)),
            ("hand withdraw 12", .handWithdraw(12)),
            ("floor relay mic2 phone Chủ tịch UBND tỉnh", .floorRelay(.named("mic2"), via: .phone, chair: "Chủ tịch UBND tỉnh")),
            ("floor relay all VOICE \"chủ trì\"", .floorRelay(.all, via: .voice, chair: "chủ trì")),
        ]
        for (line, expected) in cases {
            #expect(try ControlCommand(parsing: line) == expected, "\(line)")
        }
    }

    @Test("schedule lines: zones, local times, options in any order, and clear errors")
    func scheduleLines() throws {
        let meeting = try ControlCommand(parsing: "schedule add HN-12 central-government 2026-12-01T08:00:00+07:00 test 2026-11-30T14:00:00Z Họp trực tuyến")
        #expect(meeting == .scheduleAdd(Meeting(
            id: "HN-12", title: "Họp trực tuyến", priority: .centralGovernment,
            testAt: try Date("2026-11-30T14:00:00Z", strategy: .iso8601), startsAt: try Date("2026-12-01T01:00:00Z", strategy: .iso8601))))
        #expect(meeting.minimumRole == .technician, "the technician enters a meeting from its paper invitation")
        guard case .scheduleAdd(let local) = try ControlCommand(parsing: "SCHEDULE ADD m1 district 2026-12-01T08:00 end 2026-12-01T10:30") else {
            Issue.record("not a schedule line")
            return
        }
        #expect(local.endsAt!.timeIntervalSince(local.startsAt) == 9000)
        for (line, hint) in [
            ("schedule add m1 mayor 2026-12-01T08:00", "central-government"),
            ("schedule add m1 district tomorrow", "2026-12-01T08:00"),
            ("schedule add m1 district 2026-12-01T08:00 end 2026-12-01T07:00", "ends before it starts"),
            ("schedule cancel", "meeting id"),
        ] {
            #expect(throws: ControlCommandSyntaxError.self, "\(line)") { try ControlCommand(parsing: line) }
            do { _ = try ControlCommand(parsing: line) } catch { #expect(error.message.contains(hint), "\(line): \(error.message)") }
        }
    }

    @Test("a command written as a line reads back as the same command")
    func linesRoundTrip() throws {
        let commands: [ControlCommand] = [
            .status, .identity, .floorGrant(.named("mic 2")), .floorGrant(.all), .floorEnd(nil), .floorEnd(.named("delegates")), .mute(.all),
            .unmute(.mic("đại biểu \"A\"")), .cameraRecall(preset: "chair"), .cameraStore(preset: "back\\slash"),
            .call(.dial(number: "sip:1234@10.0.0.1", protocol: .sip, rateKbps: 2048)), .call(.hangUp(callID: "7")),
            .call(.hangUp(callID: nil)), .call(.answer), .note("  leading and \"quoted\" "), .faultOpen("âm thanh rè"),
            .faultFixed(id: 1, remedy: "thay cáp"), .phase(.ended), .handRaise(microphone: nil), .handRaise(microphone: "bàn 2"),
            .handList, .scheduleList, .closingConfirm(.powerOff), .handAcknowledge(2), .handWithdraw(7), .floorRelay(.named("đại biểu"), via: .phone, chair: "Chủ tịch \"UBND\""),
            .checkReadiness,
            .faultExpect(id: 2, at: Date(timeIntervalSince1970: 1_796_010_000), note: "chờ thay cáp"),
            .faultExpect(id: 2, at: Date(timeIntervalSince1970: 1_796_010_000), note: ""),
            .scheduleAdd(Meeting(
                id: "HN-12", title: "Hội nghị trực tuyến \"quý IV\"", priority: .provinceParty,
                testAt: Date(timeIntervalSince1970: 1_796_000_000), startsAt: Date(timeIntervalSince1970: 1_796_010_000),
                endsAt: Date(timeIntervalSince1970: 1_796_020_000))),
            .scheduleAdd(Meeting(id: "x", priority: .district, startsAt: Date(timeIntervalSince1970: 1_796_010_000))),
            .scheduleCancel(id: "HN-12"),
        ]
        for command in commands {
            #expect(try ControlCommand(parsing: command.line) == command, "\(command.line)")
        }
    }

    @Test("bad lines get the code and a message that says what to send")
    func badLines() {
        let cases: [(String, ControlErrorCode, String)] = [
            ("dance", .unknownCommand, "send 'help'"),
            ("mute", .badArgument, "mute <mic|all>"),
            ("mute mic2 mic3", .badArgument, "unexpected 'mic3'"),
            ("camera pan 2", .badArgument, "recall, store"),
            ("note \"not closed", .syntax, "double quote"),
            ("call dial 1234 sip 99999", .badArgument, "64 to 8192"),
            ("call dial 1234 skype", .badArgument, "neither h323, sip nor a rate"),
            ("phase lunch", .badArgument, "ended, official, preparation"),
            ("fault fixed 1", .badArgument, "how it was fixed"),
            ("fault fixed F1 ok", .badArgument, "not a fault id"),
            ("fault expect 1", .badArgument, "expected time"),
            ("fault expect 1 soon", .badArgument, "is not a time"),
            ("fault expect x 2026-12-01T10:30", .badArgument, "not a fault id"),
            ("check now", .badArgument, "unexpected 'now'"),
            ("note", .badArgument, "note <text>"),
            ("hand wave", .badArgument, "hand raise"),
            ("hand ack two", .badArgument, "not a request number"),
            ("closing confirm coffee", .badArgument, "call-ended, lens-cap, power-off, system-check"),
            ("hand withdraw 0", .badArgument, "not a request number"),
            ("hand ack 1 2", .badArgument, "unexpected '2'"),
            ("floor relay mic2 fax chủ trì", .badArgument, "phone, voice"),
            ("floor relay mic2 phone", .badArgument, "who gave the floor"),
        ]
        for (line, code, hint) in cases {
            #expect {
                _ = try ControlCommand(parsing: line)
            } throws: { error in
                guard let error = error as? ControlCommandSyntaxError else { return false }
                return error.code == code && error.message.contains(hint)
            }
        }
    }

    @Test("each command's minimum role follows the regulations")
    func minimumRoles() throws {
        #expect(ControlCommand.status.minimumRole == .observer)
        #expect(ControlCommand.identity.minimumRole == .observer)
        for line in ["mute mic2", "unmute all", "camera recall 1", "camera store 1", "note x", "fault open x", "fault fixed 1 x", "fault expect 1 2026-12-01T10:30", "phase test", "hand raise",
                     "hand ack 1", "hand withdraw 1", "floor relay mic2 phone chủ trì", "floor end", "check",
                     "schedule add P-1 district 2026-12-01T08:00", "schedule cancel P-1"] {
            #expect(try ControlCommand(parsing: line).minimumRole == .technician, "\(line)")
        }
        // R1: only the MCU centre dials, hangs up, answers; R2: it grants the floor.
        for line in ["floor grant mic2", "call dial 1234", "call hangup", "call answer"] {
            #expect(try ControlCommand(parsing: line).minimumRole == .mcu, "\(line)")
        }
        #expect(ControlCommand.handList.minimumRole == .observer)
        #expect(ControlCommand.scheduleList.minimumRole == .observer)
        #expect(!ControlCommand.status.changesState)
        #expect(!ControlCommand.handList.changesState)
        #expect(ControlCommand.mute(.all).changesState)
    }

    @Test("words split at spaces and tabs; quotes group them, backslash escapes inside quotes")
    func words() throws {
        #expect(try WordQuoting.words(of: "  a\tb  \"c d\" \"\" e\"f g\"  ") == ["a", "b", "c d", "", "ef g"])
        #expect(try WordQuoting.words(of: #"note "say \"hi\" \\ ok""#) == ["note", #"say "hi" \ ok"#])
        #expect(WordQuoting.quotedIfNeeded("mic2") == "mic2")
        #expect(WordQuoting.quotedIfNeeded("Tân Lập") == "\"Tân Lập\"")
        #expect(WordQuoting.quotedIfNeeded("") == "\"\"")
    }
}

@Suite("Replies on the wire")
struct WireFormatTests {
    @Test("text replies are one line ending CRLF, values quoted when they hold spaces")
    func textReplies() {
        let reply = ControlReply.ok("status", ["phase": "official", "room": "UBND xã Tân Lập", "muted": ["chair", "mic3"], "rate": 1920, "ready": true])
        #expect(WireFormat.reply(reply, mode: .text) == "OK status phase=official room=\"UBND xã Tân Lập\" muted=chair,mic3 rate=1920 ready=true\r\n")
        #expect(WireFormat.reply(.error(.refused, "R1: only the MCU\r\ncentre dials"), mode: .text) == "ERR refused R1: only the MCU centre dials\r\n")
        #expect(WireFormat.event(ControlMessage("mute", ["mic": "mic2", "muted": false]), mode: .text, in: .en) == "EVENT mute mic=mic2 muted=false\r\n")
        #expect(WireFormat.greeting(room: "Tân Lập", role: nil) == "DIEMCAU 1 READY room=\"Tân Lập\" login=required\r\n")
    }

    @Test("JSON replies keep field order, carry the request id, and escape text")
    func jsonReplies() {
        let reply = ControlReply.ok("status", ["phase": "official", "note": "a \"b\"\n", "muted": ["chair"], "rate": 768, "ready": false])
        #expect(
            WireFormat.reply(reply, mode: .json, id: .number(7))
                == #"{"id":7,"ok":true,"reply":"status","data":{"phase":"official","note":"a \"b\"\n","muted":["chair"],"rate":768,"ready":false}}"# + "\r\n"
        )
        #expect(
            WireFormat.reply(.error(.forbidden, "needs mcu"), mode: .json, id: .text("x"))
                == #"{"id":"x","ok":false,"error":"forbidden","message":"needs mcu"}"# + "\r\n"
        )
        #expect(WireFormat.event(ControlMessage("floor", ["mic": "mic2"]), mode: .json, in: .en) == #"{"event":"floor","data":{"mic":"mic2"}}"# + "\r\n")
        #expect(JSONObject.string("\u{01}") == #""\u0001""#)
    }

    @Test("JSON requests take a line or a list of words, and a bad one keeps its id")
    func jsonRequests() throws {
        let line = try JSONRequest.decode(#"{"id": 3, "command": "camera recall \"bàn chủ tọa\""}"#).get()
        #expect(line.id == .number(3))
        #expect(line.words == ["camera", "recall", "bàn chủ tọa"])
        let words = try JSONRequest.decode(#"{"command": ["note", "cáp \"HDMI\" lỏng"], "id": "a"}"#).get()
        #expect(words.words == ["note", "cáp \"HDMI\" lỏng"])
        #expect(words.id == .text("a"))
        guard case .failure(let failure) = JSONRequest.decode(#"{"id": 9, "cmd": "status"}"#) else {
            Issue.record("a request without 'command' was accepted")
            return
        }
        #expect(failure.id == .number(9))
        #expect(failure.fault.code == .badJSON)
        guard case .failure(let unclosed) = JSONRequest.decode(#"{"command": "note \"open"}"#) else {
            Issue.record("an unclosed quote was accepted")
            return
        }
        #expect(unclosed.fault.code == .syntax)
    }
}

@Suite("Line framing")
struct LineFramerTests {
    private func pieces(_ chunks: [String], limit: Int = 16) -> ([LineFramer.Piece], Bool) {
        var framer = LineFramer(maxLineBytes: limit)
        var pieces: [LineFramer.Piece] = []
        var open = true
        for chunk in chunks where open {
            let bytes = Array(chunk.utf8)
            open = bytes.withUnsafeBufferPointer { framer.feed($0) { pieces.append($0) } }
        }
        return (pieces, open)
    }

    @Test("CR, LF, CRLF, LFCR and NUL all end a line; empty lines are skipped; a line may come in pieces")
    func lineEnds() {
        let (got, open) = pieces(["a\rb\nc\r", "\nd", "e\r\n\r\n", "g\n\rh\u{0}", "f"])
        let expected = ["a", "b", "c", "de", "g", "h"].map { LineFramer.Piece.line(Array($0.utf8)) }
        #expect(got == expected)
        #expect(open)
    }

    @Test("a line past the limit is reported once and not kept")
    func overlong() {
        let (got, open) = pieces(["0123456789abcdef", "g\n", "more\n"])
        #expect(got == [.overlong])
        #expect(!open)
        let (exact, _) = pieces(["0123456789abcdef\n"])
        #expect(exact == [.line(Array("0123456789abcdef".utf8))])
    }
}

@Suite("Slowing failed logins")
struct LoginThrottleTests {
    @Test("each failure doubles the wait, up to the cap; parallel attempts are spaced; other addresses wait not")
    func delays() {
        var throttle = LoginThrottle(firstDelay: .milliseconds(100), maximumDelay: .milliseconds(400))
        let start = ContinuousClock.now
        #expect(throttle.admit("10.0.0.1", now: start) == .zero)
        throttle.failed("10.0.0.1", now: start)
        #expect(throttle.admit("10.0.0.1", now: start) == .milliseconds(100))
        #expect(throttle.admit("10.0.0.1", now: start) == .milliseconds(200))  // booked after the first
        #expect(throttle.admit("10.0.0.2", now: start) == .zero)
        #expect(throttle.delay(after: 1) == .milliseconds(100))
        #expect(throttle.delay(after: 2) == .milliseconds(200))
        #expect(throttle.delay(after: 3) == .milliseconds(400))
        #expect(throttle.delay(after: 30) == .milliseconds(400))
        let later = start + .seconds(1000)
        #expect(throttle.admit("10.0.0.1", now: later) == .zero)  // forgotten after 15 minutes
    }

    @Test("past the global burst, untrusted addresses are answered one a second, whatever the address; trusted ones are not held")
    func globalLimit() {
        var throttle = LoginThrottle(firstDelay: .milliseconds(100), maximumDelay: .seconds(30), globalBurst: 3)
        let start = ContinuousClock.now
        throttle.succeeded("10.0.0.9", now: start)
        for index in 1...3 {
            #expect(throttle.admit("10.1.0.\(index)", now: start) == .zero)
            throttle.failed("10.1.0.\(index)", now: start)
        }
        #expect(throttle.globalLimitHolds(now: start))
        // Three new addresses, never seen: one a second all the same.
        #expect(throttle.admit("10.2.0.1", now: start) == .zero)
        #expect(throttle.admit("10.2.0.2", now: start) == .seconds(1))
        #expect(throttle.admit("10.2.0.3", now: start) == .seconds(2))
        #expect(throttle.admit("10.0.0.9", now: start) == .zero, "the centre that logged in lately is not held up")
        #expect(!throttle.globalLimitHolds(now: start + .seconds(11)), "the window has passed")
    }

    @Test("a correct login clears the address's back-off")
    func successClears() {
        var throttle = LoginThrottle(firstDelay: .milliseconds(500), maximumDelay: .seconds(30))
        let start = ContinuousClock.now
        for _ in 0..<4 { throttle.failed("10.0.0.7", now: start) }
        #expect(throttle.admit("10.0.0.7", now: start) == .seconds(4))
        throttle.succeeded("10.0.0.7", now: start + .seconds(4))
        #expect(throttle.admit("10.0.0.7", now: start + .seconds(5)) == .zero)
    }
}

@Suite("Reading the server's lines back")
struct ServerLineTests {
    @Test("greetings, replies, errors and events read back as written")
    func readBack() throws {
        #expect(
            try ControlServerLine(parsing: WireFormat.greeting(room: "UBND xã Tân Lập", role: nil))
                == .greeting(version: 1, room: "UBND xã Tân Lập", login: "required")
        )
        let reply = ControlReply.ok("status", ["phase": "official", "room": "Tân \"Lập\"", "muted": ["chair", "mic3"], "rate": 1920])
        let read = try ControlServerLine(parsing: WireFormat.reply(reply, mode: .text))
        guard case .reply(.ok(let message)) = read else {
            Issue.record("read \(read)")
            return
        }
        #expect(message.topic == "status")
        #expect(message.fields.map(\.key) == ["phase", "room", "muted", "rate"])
        #expect(message.fields.map(\.value.text) == ["official", "Tân \"Lập\"", "chair,mic3", "1920"])
        #expect(
            try ControlServerLine(parsing: "ERR forbidden 'call dial' needs the mcu role; you are logged in as technician\r\n")
                == .reply(.error(.forbidden, "'call dial' needs the mcu role; you are logged in as technician"))
        )
        #expect(try ControlServerLine(parsing: "EVENT mute mic=mic2 muted=true") == .event(ControlMessage("mute", ["mic": "mic2", "muted": "true"])))
        #expect(throws: ControlCommandSyntaxError.self) { try ControlServerLine(parsing: "HELLO there") }
        #expect(throws: ControlCommandSyntaxError.self) { try ControlServerLine(parsing: "ERR nonsense-code x") }
    }
}
