import Foundation
import Localization
import Testing

@testable import Control

/// `language vi|en`: a connection's reasons in the language it asks for,
/// starting in the room's; keywords, codes and fields stay ASCII (issue 15).
@Suite struct LanguageTests {
    @Test func aClientAsksForVietnameseAndBackForEnglish() async throws {
        let room = try await ServerFixture.start()
        let client = try LineClient.tcp(port: room.port)
        _ = try await client.line()
        #expect(try await client.ask("status") == "ERR login-required log in first: login <token> (the token for your role is in the room's secrets file)")
        #expect(try await client.ask("language vi") == "OK language language=vi")
        #expect(try await client.ask("status") == "ERR login-required hãy đăng nhập trước: login <token> (token của vai trò bạn nằm trong tệp bí mật của điểm cầu)")
        #expect(try await client.ask("LANGUAGE en") == "OK language language=en")
        #expect(try await client.ask("events on") == "ERR login-required log in first: login <token>")
        #expect(try await client.ask("language fr").hasPrefix("ERR "))
        await room.stop()
    }

    @Test func aConnectionStartsInTheRoomsLanguage() async throws {
        let room = try await ServerFixture.start { $0.language = .vi }
        let client = try LineClient.tcp(port: room.port)
        _ = try await client.line()
        #expect(try await client.ask("events on") == "ERR login-required hãy đăng nhập trước: login <token>")
        #expect(try await client.ask("login not-a-token-at-all").hasPrefix("ERR login-failed token này không khớp với vai trò nào"))
        #expect(try await client.ask("login observer-token-0123456789") == "OK login role=observer")
        #expect(try await client.ask("mute all") == "ERR forbidden 'mute' cần vai trò technician; bạn đang đăng nhập với vai trò observer")
        // An unknown command is named in Vietnamese, the word itself kept as sent.
        let unknown = try await client.ask("frobnicate")
        #expect(unknown.hasPrefix("ERR unknown-command 'frobnicate'") && unknown.contains("help") && !unknown.contains("is not a command"), "\(unknown)")
        await room.stop()
    }

    /// Issue 15: the protocol's own words, grammar errors, refusals and
    /// `help`, are said in each connection's language, side by side.
    @Test func grammarErrorsRefusalsAndHelpAreSaidInTheConnectionsLanguage() async throws {
        let room = try await ServerFixture.start()
        let vietnamese = try LineClient.tcp(port: room.port)
        let english = try LineClient.tcp(port: room.port)
        _ = try await vietnamese.line()
        _ = try await english.line()
        #expect(try await vietnamese.ask("language vi") == "OK language language=vi")
        #expect(try await vietnamese.ask("login observer-token-0123456789") == "OK login role=observer")
        #expect(try await english.ask("login observer-token-0123456789") == "OK login role=observer")

        #expect(try await vietnamese.ask("mute") == "ERR bad-argument thiếu micro: mute <mic|all>")
        #expect(try await english.ask("mute") == "ERR bad-argument the microphone is missing: mute <mic|all>")
        #expect(try await vietnamese.ask("camera pan") == "ERR bad-argument 'pan' không phải là một trong recall, store: camera recall <preset> | camera store <preset>")
        #expect(try await english.ask("camera pan") == "ERR bad-argument 'pan' is not one of recall, store: camera recall <preset> | camera store <preset>")
        #expect(try await vietnamese.ask("dance") == "ERR unknown-command 'dance' không phải là lệnh: hãy gửi 'help' để xem danh sách lệnh")
        #expect(try await vietnamese.ask("note \"unclosed").hasPrefix("ERR syntax một từ trong ngoặc kép chưa được đóng"))

        #expect(try await vietnamese.ask("mute all") == "ERR forbidden 'mute' cần vai trò technician; bạn đang đăng nhập với vai trò observer")
        #expect(try await english.ask("mute all") == "ERR forbidden 'mute' needs the technician role; you are logged in as observer")

        #expect(try await vietnamese.ask("help mute") == #"OK help command=mute usage="mute <mic|all>" role=technician about="tắt một micro, hoặc tất cả""#)
        #expect(try await english.ask("help mute") == #"OK help command=mute usage="mute <mic|all>" role=technician about="switch a microphone, or all, off""#)
        #expect(try await vietnamese.ask("help dance") == "ERR unknown-command 'dance' không phải là lệnh: hãy gửi 'help' để xem danh sách")
        await room.stop()
    }

    /// Over the fleet's broker, the room's language.
    @Test func theBrokerSaysItsRefusalsInTheRoomsLanguage() async {
        let handler = RecordingHandler()
        let peer = ControlPeer(connection: 1, transport: .broker, address: "centre")
        let payload = Array(#"{"id":1,"command":"mute all"}"#.utf8)
        let vietnamese = await BrokerCommands.answer(payload, role: .observer, peer: peer, language: .vi, handler: handler).line
        #expect(vietnamese.contains("cần vai trò technician; mục fleet trong tệp cấu hình điểm cầu gán vai trò observer cho các lệnh từ broker"), "\(vietnamese)")
        let english = await BrokerCommands.answer(payload, role: .observer, peer: peer, language: .en, handler: handler).line
        #expect(english.contains("needs the technician role; the room's fleet section gives commands from the broker the observer role"), "\(english)")
        let grammar = await BrokerCommands.answer(Array(#"{"id":2,"command":"mute"}"#.utf8), role: .technician, peer: peer, language: .vi, handler: handler).line
        #expect(grammar.contains(#""message":"thiếu micro: mute <mic|all>""#), "\(grammar)")
    }
}
