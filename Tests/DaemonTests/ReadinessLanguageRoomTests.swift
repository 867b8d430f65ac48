import Control
import DemoRoom
import Foundation
import Testing

/// The readiness self-test's details reach each control connection in that
/// connection's language (issue 15), on the real daemon: a `language vi`
/// connection reads them in Vietnamese, a `language en` one in English.
@Suite(.serialized)
struct ReadinessLanguageRoomTests {
    @Test("with the camera silent, 'check' gives a 'language vi' connection its details in Vietnamese and a 'language en' one in English")
    func readinessDetailsInEachConnectionsLanguage() async throws {
        let room = try RoomFixture.make("readiness-language")
        defer { Task { await room.tearDown() } }
        try await room.start()
        let port = try #require(await room.controlPort)
        let token = try #require(await room.token(.observer))
        let vietnamese = try Self.listener(port: port, token: token, language: "vi")
        let english = try Self.listener(port: port, token: token, language: "en")

        // Watched closely from the preparation on: the silence is noticed at once.
        guard case .ok = try await room.technician("phase preparation") else { Issue.record("phase preparation refused"); return }
        await room.camera.setSilent(true)
        #expect(try await room.event(timeout: 5) { $0.topic == "device" && $0.value("part") == "camera" && $0.value("state") == "offline" } != nil)
        guard case .ok = try await room.technician("check") else { Issue.record("check refused"); return }
        let vi = try Self.checks(vietnamese), en = try Self.checks(english)

        // The names stay the daemon's ASCII words on both; the details do not.
        #expect(Set(vi.keys) == Set(en.keys) && !vi.isEmpty, "vi: \(vi)\nen: \(en)")
        let camera = "camera answers and is powered"
        #expect(vi[camera]?.passed == false && en[camera]?.passed == false)
        #expect(en[camera]?.detail.contains("is offline") == true, "\(en)")
        #expect(vi[camera]?.detail.contains("mất kết nối") == true || vi[camera]?.detail.contains("ngoại tuyến") == true, "\(vi)")
        #expect(vi[camera]?.detail != en[camera]?.detail)
        let logbook = "logbook has disk space"
        #expect(en[logbook]?.detail.contains(" MB free in ") == true, "\(en)")
        #expect(vi[logbook]?.detail.hasPrefix("còn trống ") == true && vi[logbook]?.detail.contains(" MB trong ") == true, "\(vi)")
        #expect(en["microphone mic2 reachable and muted"]?.detail == "muted", "\(en)")
        #expect(vi["microphone mic2 reachable and muted"]?.detail == "đang tắt", "\(vi)")

        await room.camera.setSilent(false)
        #expect(await room.stop() == 0)
        // The logbook's record stays English, whatever the connections read.
        let entries = try await room.logbook().entries
        #expect(entries.contains("camera answers and is powered FAIL"), "\(entries)")
    }

    /// An observer's connection in `language`, subscribed to events.
    static func listener(port: UInt16, token: String, language: String) throws -> ControlLink {
        let link = try ControlLink(host: "127.0.0.1", port: port)
        try link.greet { token }
        guard case .ok = try link.request("language \(language)"), case .ok = try link.request("events on") else {
            throw Refused(what: "language \(language) or events on")
        }
        return link
    }

    struct Refused: Error {
        var what: String
    }

    /// The `readiness-check` events up to the `readiness` report, by check name.
    static func checks(_ link: ControlLink, timeout: Double = 30) throws -> [String: (passed: Bool, detail: String)] {
        var checks: [String: (passed: Bool, detail: String)] = [:]
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            guard case .event(let event) = try link.nextLine(timeout: deadline.timeIntervalSinceNow) else { continue }
            if event.topic == "readiness" { return checks }
            guard event.topic == "readiness-check", let name = event.value("name") else { continue }
            checks[name] = (event.value("passed") == "true", event.value("detail") ?? "")
        }
        return checks
    }
}
