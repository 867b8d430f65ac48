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
        // A reason the catalog does not have stays as it was made.
        let unknown = try await client.ask("frobnicate")
        #expect(unknown.hasPrefix("ERR ") && unknown.contains("help"), "\(unknown)")
        await room.stop()
    }
}
