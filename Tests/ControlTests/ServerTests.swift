import Configuration
import Control
import Foundation
import Glibc
import Room
import Testing

/// The control server over real sockets: TCP on loopback and a Unix socket in a temporary folder.
@Suite("The control server over sockets", .serialized)
struct ServerTests {
    @Test("the greeting names the protocol version and the room; each role's token logs in as that role")
    func loginPerRole() async throws {
        let room = try await ServerFixture.start()
        let client = try LineClient.tcp(port: room.port)
        #expect(try await client.line() == "DIEMCAU 1 READY room=\"UBND xã Tân Lập\" login=required")
        #expect(try await client.ask("status").hasPrefix("ERR login-required log in first: login <token>"))
        #expect(try await client.ask("login mcu-token-0123456789") == "OK login role=mcu")
        #expect(try await client.ask("login tech-token-0123456789") == "OK login role=technician")
        #expect(try await client.ask("login observer-token-0123456789") == "OK login role=observer")
        #expect(try await client.ask("login not-a-token-at-all").hasPrefix("ERR login-failed that token matches no role"))
        #expect(try await client.ask("status") == "OK status phase=preparation call=idle floor=none muted=chair,mic2")

        let requests = await room.handler.requests
        #expect(requests.count == 1)
        #expect(requests.first?.sender.role == .observer)
        #expect(requests.first?.sender.peer.address == "127.0.0.1")
        #expect(requests.first?.sender.peer.transport == .tcp)
        #expect(await room.handler.waitForNotes { notes in notes.contains { if case .loginFailed = $0 { true } else { false } } })
        let logins = await room.handler.notes.compactMap { note -> Role? in if case .loggedIn(let client) = note { client.role } else { nil } }
        #expect(logins == [.mcu, .technician, .observer])
        await room.stop()
    }

    @Test("a role sending a command above it is refused with a clear ERR, the refusal reported, the command not carried out")
    func roleRefused() async throws {
        let room = try await ServerFixture.start()
        let technician = try await room.client(as: .technician)
        #expect(try await technician.ask("call dial 10.10.1.5 h323 1920") == "ERR forbidden 'call dial' needs the mcu role; you are logged in as technician")
        #expect(try await technician.ask("floor grant mic2") == "ERR forbidden 'floor grant' needs the mcu role; you are logged in as technician")
        #expect(try await technician.ask("mute mic2") == "OK mute done=mute by=technician")
        let observer = try await room.client(as: .observer)
        #expect(try await observer.ask("unmute all") == "ERR forbidden 'unmute' needs the technician role; you are logged in as observer")
        #expect(try await observer.ask("identity") == "OK identity done=identity by=observer")
        let mcu = try await room.client(as: .mcu)
        #expect(try await mcu.ask("call dial 10.10.1.5 h323 1920") == "OK call done=\"call dial\" by=mcu")
        #expect(try await mcu.ask("mute nosuch") == "ERR not-found no microphone 'nosuch': the room has chair, mic2")

        // Only what the roles reach got to the room, each with its sender.
        let carried = await room.handler.requests.map { "\($0.sender.role.rawValue): \($0.command.line)" }
        #expect(carried == ["technician: mute mic2", "observer: identity", "mcu: call dial 10.10.1.5 h323 1920", "mcu: mute nosuch"])
        let dial = await room.handler.requests.first { $0.command.verb == "call dial" }
        #expect(dial?.command == .call(.dial(number: "10.10.1.5", protocol: .h323, rateKbps: 1920)))
        #expect(dial?.description.hasPrefix("mcu from 127.0.0.1:") == true)

        #expect(await room.handler.waitForNotes { notes in
            notes.compactMap { if case .forbidden(let request) = $0 { request.command.verb } else { nil } } == ["call dial", "floor grant", "unmute"]
        })
        let refusal = await room.handler.notes.first { if case .forbidden = $0 { true } else { false } }
        #expect(refusal?.description.hasPrefix("control: refused 'call dial' from technician from 127.0.0.1:") == true)
        await room.stop()
    }

    @Test("bad lines get ERR with what to do, and the connection stays usable")
    func badLines() async throws {
        let room = try await ServerFixture.start()
        let client = try await room.client(as: .technician)
        #expect(try await client.ask("dance") == "ERR unknown-command 'dance' is not a command: send 'help' for the list of commands")
        #expect(try await client.ask("mute").hasPrefix("ERR bad-argument the microphone is missing: mute <mic|all>"))
        #expect(try await client.ask("note \"unclosed").hasPrefix("ERR syntax a quoted word is not closed"))
        #expect(try await client.ask("status\u{7}") == "ERR syntax control character 0x7 in the line: send plain text")
        try await client.sendBytes([0x6D, 0x75, 0x74, 0x65, 0x20, 0xFF, 0xFE, 0x0D, 0x0A])
        #expect(try await client.line() == "ERR encoding the line is not UTF-8 text: send commands as UTF-8")
        // LF alone, CR alone and blank lines are all fine.
        try await client.sendBytes(Array("\r\n\n   \nstatus\rhelp mute\n".utf8))
        #expect(try await client.line() == "OK status phase=preparation call=idle floor=none muted=chair,mic2")
        #expect(try await client.line() == "OK help command=mute usage=\"mute <mic|all>\" role=technician about=\"switch a microphone, or all, off\"")
        let help = try await client.ask("help")
        #expect(help.contains("mute"))
        #expect(!help.contains("call dial"))  // not for a technician
        #expect(try await client.ask("help call") == "OK help commands=\"call dial,call hangup,call answer\" more=\"help <command>\"")
        #expect(try await client.ask("quit") == "OK bye")
        #expect(try await client.line() == nil)
        await room.stop()
    }

    @Test("a 1 MB line closes its connection with ERR, keeps no copy of it, and the server carries on")
    func megabyteLine() async throws {
        let room = try await ServerFixture.start { $0.maxLineBytes = 4096 }
        let bystander = try await room.client(as: .observer)
        let client = try await room.client(as: .technician)
        let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
        try await client.run {
            for _ in 0..<16 { try? client.writeNow(chunk) }
        }
        #expect(try await client.line() == "ERR line-too-long the line is longer than 4096 bytes: connection closed; send shorter lines")
        #expect(try await client.line() == nil)
        #expect(await room.handler.waitForNotes { $0.contains { if case .dropped(_, .lineTooLong) = $0 { true } else { false } } })

        // Eight more megabytes on a fresh connection do not grow the process by more than a fraction of that.
        let before = residentBytes()
        let flood = try await room.client(as: .technician)
        try await flood.run {
            for _ in 0..<128 { try? flood.writeNow(chunk) }
        }
        _ = try? await flood.line()
        let grown = residentBytes() - before
        #expect(grown < 3 * 1024 * 1024, "resident memory grew by \(grown) bytes")

        #expect(try await bystander.ask("status").hasPrefix("OK status"))
        let newcomer = try await room.client(as: .observer)
        #expect(try await newcomer.ask("status").hasPrefix("OK status"))
        await room.stop()
    }

    @Test("200 clients at once are all served")
    func twoHundredConnections() async throws {
        let room = try await ServerFixture.start {
            $0.maxConnections = 250
            $0.maxPendingLogins = 250
        }
        // Four from each of fifty addresses: the most one address may have waiting to log in.
        let clients = try (0..<200).map { try LineClient.tcp(port: room.port, from: "127.0.1.\($0 / 4 + 1)") }
        // All 200 are connected before any is served further.
        let served = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (index, client) in clients.enumerated() {
                group.addTask {
                    try await client.run {
                        guard try client.readLineNow()?.hasPrefix("DIEMCAU 1 READY") == true else { return false }
                        let role: Role = index % 2 == 0 ? .technician : .observer
                        try client.writeNow(Array("login \(ServerFixture.tokens[role]!)\r\nstatus\nnote client \(index)\r".utf8))
                        guard try client.readLineNow() == "OK login role=\(role.rawValue)" else { return false }
                        guard try client.readLineNow()?.hasPrefix("OK status phase=") == true else { return false }
                        let note = try client.readLineNow()
                        return role == .technician ? note == "OK note done=note by=technician" : note?.hasPrefix("ERR forbidden") == true
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(served == 200)
        #expect(await room.server.connectionCount == 200)
        let notes = await room.handler.requests.filter { if case .note = $0.command { true } else { false } }
        #expect(notes.count == 100)
        await room.stop()
    }

    @Test("a client sending a thousand commands at once gets a thousand replies, in order")
    func pipelined() async throws {
        let room = try await ServerFixture.start()
        let client = try await room.client(as: .technician)
        let lines = (0..<1000).map { "camera recall p\($0)\r\n" }.joined()
        try await client.sendBytes(Array(lines.utf8))
        let replies = try await client.run {
            try (0..<1000).map { _ in try client.readLineNow() ?? "" }
        }
        #expect(replies.allSatisfy { $0 == "OK camera done=\"camera recall\" by=technician" })
        let presets = await room.handler.requests.map(\.command)
        #expect(presets == (0..<1000).map { ControlCommand.cameraRecall(preset: "p\($0)") })
        await room.stop()
    }

    @Test("a subscriber that stops reading is disconnected instead of piling up events")
    func stalledSubscriber() async throws {
        let room = try await ServerFixture.start { $0.maxPendingOutputBytes = 16 * 1024 }
        let sleeper = try await room.client(as: .observer)
        #expect(try await sleeper.ask("events on") == "OK events events=true")
        let reader = try await room.client(as: .observer)
        var published = 0
        while published < 200_000, await room.server.connectionCount == 2 {
            await room.server.publish(ControlEvent("status", ["phase": "official", "note": .text(String(repeating: "x", count: 200))]))
            published += 1
        }
        #expect(await room.handler.waitForNotes { $0.contains { if case .dropped(_, .notReading) = $0 { true } else { false } } })
        #expect(await room.server.connectionCount == 1)
        #expect(try await reader.ask("status").hasPrefix("OK status"))
        await room.stop()
    }

    @Test("past the maximum, logins are told so; the centre has places of its own, and so has the local socket")
    func tooManyConnections() async throws {
        let room = try await ServerFixture.start { $0.maxConnections = 10 }
        var technicians: [LineClient] = []
        for index in 0..<10 {
            let client = try await room.client(from: "127.0.2.\(index + 1)")
            #expect(try await client.ask("login \(ServerFixture.tokens[.technician]!)") == "OK login role=technician")
            technicians.append(client)
        }
        let eleventh = try await room.client(from: "127.0.2.20")
        #expect(try await eleventh.ask("login \(ServerFixture.tokens[.technician]!)")
            == "ERR too-many-connections the room already has 10 logged-in TCP control connections, its maximum for the technician role: close one you no longer use, or try again later")
        #expect(try await eleventh.line() == nil)
        // The MCU centre always gets in: places beyond the maximum are kept for it.
        for index in 0..<4 {
            let centre = try await room.client(from: "127.0.3.\(index + 1)")
            #expect(try await centre.ask("login \(ServerFixture.tokens[.mcu]!)") == "OK login role=mcu")
        }
        // The local socket has places of its own: a full TCP side does not lock the technician's CLI out.
        let local = try LineClient.unix(room.socketPath)
        #expect(try await local.line()?.hasPrefix("DIEMCAU 1 READY") == true)
        // A place freed is a place taken.
        #expect(try await technicians[0].ask("quit") == "OK bye")
        #expect(try await technicians[0].line() == nil)
        try await Task.sleep(for: .milliseconds(200))
        let late = try await room.client(from: "127.0.2.21")
        #expect(try await late.ask("login \(ServerFixture.tokens[.technician]!)") == "OK login role=technician")
        await room.stop()
    }

    @Test("the allow-list admits its blocks only, IPv4 and IPv6 (IPv4-mapped counts as IPv4)")
    func allowList() async throws {
        let room = try await ServerFixture.start { $0.tcp?.allow = [AddressBlock("127.0.0.1/32")!, AddressBlock("::1/128")!] }
        let stranger = try LineClient.tcp(port: room.port, from: "127.0.0.2")
        #expect(try await stranger.line() == "ERR address-not-allowed 127.0.0.2 is not on this room's allow-list: ask the room's technician to add it to control.tcp.allow")
        #expect(try await stranger.line() == nil)
        let friend = try LineClient.tcp(port: room.port, from: "127.0.0.1")
        #expect(try await friend.line()?.hasPrefix("DIEMCAU 1 READY") == true)
        #expect(await room.handler.waitForNotes { $0.contains { if case .rejected(let peer, .addressNotAllowed) = $0 { peer.address == "127.0.0.2" } else { false } } })
        await room.stop()

        let dual = try await ServerFixture.start(tcpAddress: "::") { $0.tcp?.allow = [AddressBlock("::1/128")!, AddressBlock("127.0.0.2")!] }
        let v6 = try LineClient.tcp("::1", port: dual.port)
        #expect(try await v6.line()?.hasPrefix("DIEMCAU 1 READY") == true)
        #expect(try await v6.ask("login observer-token-0123456789") == "OK login role=observer")
        let mappedAllowed = try LineClient.tcp("127.0.0.1", port: dual.port, from: "127.0.0.2")
        #expect(try await mappedAllowed.line()?.hasPrefix("DIEMCAU 1 READY") == true)
        let mappedRefused = try LineClient.tcp("127.0.0.1", port: dual.port)
        #expect(try await mappedRefused.line()?.hasPrefix("ERR address-not-allowed 127.0.0.1 ") == true)
        await dual.stop()
    }

    @Test("failed logins from an address are answered ever more slowly, up to the cap; another address is not slowed")
    func slowedLogins() async throws {
        let room = try await ServerFixture.start {
            $0.firstLoginDelay = .milliseconds(200)
            $0.maximumLoginDelay = .milliseconds(800)
        }
        let guesser = try await room.client(from: "127.0.0.3")
        let clock = ContinuousClock()
        var waits: [Duration] = []
        for guess in 0..<5 {
            let started = clock.now
            #expect(try await guesser.ask("login wrong-guess-\(guess)").hasPrefix("ERR login-failed"))
            waits.append(clock.now - started)
        }
        // The wait counts from the server's failure, a moment before the client sees it: 50 ms slack.
        #expect(waits[0] < .milliseconds(200))
        #expect(waits[1] >= .milliseconds(150))
        #expect(waits[2] >= .milliseconds(350))
        #expect(waits[3] >= .milliseconds(750))
        #expect(waits[4] >= .milliseconds(750))
        #expect(waits[4] < .milliseconds(1500), "capped at 800 ms, took \(waits[4])")

        // A second connection from the same address gets no fresh start...
        let again = try await room.client(from: "127.0.0.3")
        let started = clock.now
        #expect(try await again.ask("login tech-token-0123456789") == "OK login role=technician")
        #expect(clock.now - started >= .milliseconds(700))
        // ...while another address is answered at once.
        let other = try await room.client(from: "127.0.0.4")
        let otherStarted = clock.now
        #expect(try await other.ask("login tech-token-0123456789") == "OK login role=technician")
        #expect(clock.now - otherStarted < .milliseconds(700))
        await room.stop()
    }

    @Test("a connection that sends nothing for the idle time-out is told and closed; traffic keeps it open")
    func idleTimeout() async throws {
        let room = try await ServerFixture.start { $0.idleTimeout = .milliseconds(600) }
        let quiet = try await room.client()
        let busy = try await room.client(as: .observer)
        for _ in 0..<6 {
            try await Task.sleep(for: .milliseconds(200))
            try await busy.send("")
        }
        #expect(try await quiet.line() == "ERR idle nothing received for 600 ms: connection closed; reconnect, and send a command or an empty line more often")
        #expect(try await quiet.line() == nil)
        #expect(try await busy.ask("status").hasPrefix("OK status"))
        await room.stop()
    }

    @Test("a connection that does not log in is closed at the login time-out, even if it keeps sending; one that logged in stays")
    func loginTimeout() async throws {
        let room = try await ServerFixture.start { $0.loginTimeout = .milliseconds(500) }
        let stranger = try await room.client()
        let member = try await room.client(as: .observer)
        let started = ContinuousClock.now
        for _ in 0..<3 {
            try await Task.sleep(for: .milliseconds(100))
            try await stranger.send("")
        }
        #expect(try await stranger.line() == "ERR login-required no login within 500 ms of connecting: connection closed; reconnect and send login <token> first")
        #expect(try await stranger.line() == nil)
        #expect(ContinuousClock.now - started >= .milliseconds(400))
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await member.ask("status").hasPrefix("OK status"))
        #expect(await room.handler.waitForNotes { notes in
            notes.compactMap { note -> ControlErrorCode? in
                if case .dropped(_, let code) = note { return code }
                return nil
            } == [.loginRequired]
        })
        await room.stop()
    }

    @Test("JSON mode: one object per line each way, ids echoed, errors as objects")
    func jsonMode() async throws {
        let room = try await ServerFixture.start()
        let program = try await room.client(as: .mcu)
        #expect(try await program.ask("mode json") == #"{"ok":true,"reply":"mode","data":{"mode":"json"}}"#)
        #expect(try await program.ask(#"{"id":1,"command":"status"}"#) == #"{"id":1,"ok":true,"reply":"status","data":{"phase":"preparation","call":"idle","floor":"none","muted":["chair","mic2"]}}"#)
        #expect(try await program.ask(#"{"id":"n1","command":["note","cáp \"HDMI\" lỏng"]}"#) == #"{"id":"n1","ok":true,"reply":"note","data":{"done":"note","by":"mcu"}}"#)
        #expect(await room.handler.requests.last?.command == .note("cáp \"HDMI\" lỏng"))
        let bad = try await program.ask(#"{"id":2,"cmd":"status"}"#)
        #expect(bad.hasPrefix(#"{"id":2,"ok":false,"error":"bad-json","message":"expected one JSON object per line"#))
        #expect(try await program.ask("status").hasPrefix(#"{"ok":false,"error":"bad-json""#))
        #expect(try await program.ask(#"{"id":3,"command":"dance"}"#) == #"{"id":3,"ok":false,"error":"unknown-command","message":"'dance' is not a command: send 'help' for the list of commands"}"#)
        #expect(try await program.ask(#"{"id":5,"command":[]}"#).hasPrefix(#"{"id":5,"ok":false,"error":"bad-argument","message":"the command is empty"#))
        #expect(try await program.ask(#"{"id":4,"command":"events on"}"#) == #"{"id":4,"ok":true,"reply":"events","data":{"events":true}}"#)
        await room.server.publish(ControlEvent("mute", ["mic": "mic2", "muted": true]))
        #expect(try await program.line() == #"{"event":"mute","data":{"mic":"mic2","muted":true}}"#)
        #expect(try await program.ask(#"{"command":"mode text"}"#) == "OK mode mode=text")
        // The bad-json message says a plain `mode text` also goes back: it does.
        #expect(try await program.ask("mode json").hasPrefix(#"{"ok":true"#))
        #expect(try await program.ask("status").contains(#"or the plain line mode text to go back"#))
        #expect(try await program.ask("MODE  text") == "OK mode mode=text")
        await room.stop()
    }

    @Test("events go to logged-in clients that asked for them, and to no one else")
    func eventsToSubscribersOnly() async throws {
        let room = try await ServerFixture.start()
        let subscriber = try await room.client(as: .observer)
        let other = try await room.client(as: .technician)
        let stranger = try await room.client()
        #expect(try await stranger.ask("events on").hasPrefix("ERR login-required"))
        #expect(try await subscriber.ask("events on") == "OK events events=true")

        await room.server.publish(ControlEvent("floor", ["granted": "mic2", "by": "mcu from 10.0.0.1:5000 #1"]))
        #expect(try await subscriber.line() == "EVENT floor granted=mic2 by=\"mcu from 10.0.0.1:5000 #1\"")
        // The next line the others read is the answer to their own request, not the event.
        #expect(try await other.ask("status").hasPrefix("OK status"))
        #expect(try await stranger.ask("help").hasPrefix("OK help role=none"))

        #expect(try await subscriber.ask("events off") == "OK events events=false")
        await room.server.publish(ControlEvent("floor", ["granted": "none"]))
        #expect(try await subscriber.ask("status").hasPrefix("OK status"))
        await room.stop()
    }

    @Test("the Unix socket has the configured mode, names the local user, and can stand for a login")
    func unixSocket() async throws {
        let room = try await ServerFixture.start()
        var info = stat()
        #expect(lstat(room.socketPath, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_mode & 0o777 == 0o600)
        let local = try LineClient.unix(room.socketPath)
        #expect(try await local.line() == "DIEMCAU 1 READY room=\"UBND xã Tân Lập\" login=required")
        #expect(try await local.ask("login tech-token-0123456789") == "OK login role=technician")
        #expect(try await local.ask("camera store chair") == "OK camera done=\"camera store\" by=technician")
        let sender = await room.handler.requests.last?.sender
        #expect(sender?.peer.transport == .unix)
        #expect(sender?.peer.userID == getuid())
        #expect(sender?.peer.processID == getpid())
        // The person, not only the number: the user's name from the user database.
        let name = String(cString: getpwuid(getuid())!.pointee.pw_name)
        #expect(sender?.description.hasPrefix("technician from local user \(name) (uid \(getuid())) pid \(getpid()) #") == true)

        // A second server may not take a live socket.
        let rival = ControlServer(
            configuration: ControlConfiguration(roomName: "rival", unixSocket: .init(path: room.socketPath)),
            tokens: try RoleTokens(ServerFixture.tokens), handler: RecordingHandler()
        )
        await #expect(throws: ControlError.socketPathInUse(path: room.socketPath)) { try await rival.start() }

        await room.stop()
        #expect(lstat(room.socketPath, &info) != 0)  // removed on stop

        let trusting = try await ServerFixture.start(unixRole: .technician)
        let cli = try LineClient.unix(trusting.socketPath)
        #expect(try await cli.line() == "DIEMCAU 1 READY room=\"UBND xã Tân Lập\" login=technician")
        #expect(try await cli.ask("mute all") == "OK mute done=mute by=technician")
        let remote = try LineClient.tcp(port: trusting.port)
        #expect(try await remote.line()?.hasSuffix("login=required") == true)
        await trusting.stop()
    }

    @Test("stopping tells every client and closes them")
    func stopping() async throws {
        let room = try await ServerFixture.start()
        let client = try await room.client(as: .observer)
        await room.server.stop()
        #expect(try await client.line() == "ERR shutting-down the room's control server is stopping: reconnect when it is back")
        #expect(try await client.line() == nil)
        #expect(throws: LineClient.Failure.self) { try LineClient.tcp(port: room.port) }
        await room.stop()
    }

    @Test("start fails with a message naming the endpoint when the port is taken or the address is not one")
    func startErrors() async throws {
        let room = try await ServerFixture.start()
        let clash = ControlServer(
            configuration: ControlConfiguration(roomName: "x", tcp: .init(address: "127.0.0.1", port: room.port)),
            tokens: try RoleTokens(ServerFixture.tokens), handler: RecordingHandler()
        )
        await #expect(throws: ControlError.cannotListen(endpoint: "127.0.0.1:\(room.port)", errno: EADDRINUSE)) { try await clash.start() }
        #expect(ControlError.cannotListen(endpoint: "127.0.0.1:4510", errno: EADDRINUSE).description.contains("another program"))
        let nonsense = ControlServer(
            configuration: ControlConfiguration(roomName: "x", tcp: .init(address: "room-pc", port: 4510)),
            tokens: try RoleTokens(ServerFixture.tokens), handler: RecordingHandler()
        )
        await #expect(throws: ControlError.badListenAddress("room-pc")) { try await nonsense.start() }
        let notASocket = room.folder + "/plain-file"
        #expect(FileManager.default.createFile(atPath: notASocket, contents: Data("x".utf8)))
        let blocked = ControlServer(
            configuration: ControlConfiguration(roomName: "x", tcp: .init(address: "127.0.0.1", port: 0), unixSocket: .init(path: notASocket)),
            tokens: try RoleTokens(ServerFixture.tokens), handler: RecordingHandler()
        )
        await #expect(throws: ControlError.socketPathNotASocket(path: notASocket)) { try await blocked.start() }
        #expect(await blocked.tcpPort == nil)
        #expect(FileManager.default.fileExists(atPath: notASocket))  // not removed
        let nowhere = ControlServer(configuration: ControlConfiguration(roomName: "x"), tokens: try RoleTokens(ServerFixture.tokens), handler: RecordingHandler())
        await #expect(throws: ControlError.noEndpoint) { try await nowhere.start() }
        await room.stop()
    }

    @Test("the room file's control section becomes the server's configuration")
    func fromRoomFile() throws {
        let setup = ControlSetup(
            tcp: .init(address: "0.0.0.0", port: 4510, allow: ["10.10.0.0/16", "fd00::/8"]),
            unixSocket: "/run/diemcau/control.sock", secrets: "/etc/diemcau/control.tokens", maxConnections: 32,
            idleTimeoutSeconds: 300
        )
        let configuration = try ControlConfiguration(setup, roomName: "Tân Lập")
        #expect(configuration.tcp?.allow?.map(\.description) == ["10.10.0.0/16", "fd00::/8"])
        #expect(configuration.unixSocket?.path == "/run/diemcau/control.sock")
        #expect(configuration.unixSocket?.permissions == 0o660)
        #expect(configuration.maxConnections == 32)
        #expect(configuration.idleTimeout == .seconds(300))
        var bad = setup
        bad.tcp?.allow = ["10.10.0.0/33"]
        #expect(throws: ControlError.badAllowBlock("10.10.0.0/33")) { try ControlConfiguration(bad, roomName: "x") }
    }
}

@Suite("The protocol document", .serialized)
struct DocumentTests {
    @Test("the lines docs/control-protocol.md shows from the server itself are what the server sends")
    func documentedLines() async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/control-protocol.md").path
        let document = try String(contentsOfFile: path, encoding: .utf8)
        let room = try await ServerFixture.start()
        var seen: [String] = []

        let technician = try LineClient.tcp(port: room.port)
        seen.append(try await technician.line() ?? "")
        for request in ["status", "login tech-token-0123456789", "call dial 1234", "help camera", "help camera recall"] {
            seen.append(try await technician.ask(request))
        }
        let observer = try await room.client(as: .observer)
        seen.append(try await observer.ask("events on"))
        seen.append(try await observer.ask("mute mic2"))
        let program = try await room.client(as: .mcu)
        for request in ["mode json", #"{"id":1,"command":"events on"}"#, #"{"id":3,"command":"mode text"}"#, "quit"] {
            seen.append(try await program.ask(request))
        }
        for line in seen {
            #expect(document.contains(line + "\n"), "the document does not show: \(line)")
        }
        await room.stop()
    }
}
