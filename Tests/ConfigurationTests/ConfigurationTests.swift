import Foundation
import Testing

@testable import Configuration

/// The demo room's file, found from this source file's place in the checkout.
private let demoRoom = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Hardware/demo/room.json").path

private func parse(_ text: String) throws(ConfigurationError) -> RoomConfiguration {
    try ConfigurationFile.parse(Data(text.utf8), file: "room.json")
}

/// A minimal valid room, as text, with `extra` spliced into its top level.
private func room(_ extra: String = "", microphones: String = "[]", cameras: String = "[]") -> String {
    """
    {"room": {"name": "Phòng họp"}, "cameras": \(cameras), "microphones": \(microphones),
     "control": {"unixSocket": "/run/diemcau/control.sock", "secrets": "tokens"}\(extra)}
    """
}

private func problems(_ text: String) -> [ConfigurationProblem] {
    do {
        _ = try parse(text)
        return []
    } catch {
        return error.problems
    }
}

@Suite("Room configuration")
struct ConfigurationTests {
    @Test func demoRoomIsValidAndPathsResolveBesideIt() throws {
        let configuration = try ConfigurationFile.load(demoRoom)
        #expect(configuration.room.name.hasPrefix("Demo"))
        #expect(configuration.microphones.map(\.name) == ["chair", "mic2", "mic3"])
        #expect(configuration.cameras.first?.presets?["privacy"] == 5)
        let folder = URL(fileURLWithPath: demoRoom).deletingLastPathComponent().path
        #expect(configuration.control.secrets == folder + "/control.tokens")
        #expect(configuration.terminal?.secrets == folder + "/terminal.secret")
    }

    @Test func minimalRoomParses() throws {
        let configuration = try parse(room())
        #expect(configuration.cameras.isEmpty)
        #expect(configuration.floor == nil)
    }

    @Test func missingFileSaysSo() {
        #expect {
            _ = try ConfigurationFile.load("/nonexistent/room.json")
        } throws: { error in
            guard case .unreadable(let file, _) = error as? ConfigurationError else { return false }
            return file == "/nonexistent/room.json" && "\(error)".contains("--config")
        }
    }

    @Test func brokenJSONIsNotJSON() {
        #expect {
            _ = try parse("{\"room\": ")
        } throws: { error in
            guard case .notJSON = error as? ConfigurationError else { return false }
            return "\(error)".hasPrefix("room.json: is not valid JSON")
        }
    }

    @Test func topLevelMustBeAnObject() {
        #expect(problems("[1, 2]").map(\.problem) == ["the file must hold one JSON object"])
    }

    @Test func missingFieldNamesItsPathAndFix() {
        let found = problems(room(microphones: #"[{"name": "chair", "device": "hw:CARD=USB"}]"#))
        #expect(found.count == 1)
        #expect(found.first?.field == "microphones[0].element")
        #expect(found.first?.problem == "missing")
        #expect(found.first?.fix.contains("diemcau mic list") == true)
    }

    @Test func misspeltFieldIsCaughtWithASuggestion() {
        let found = problems(room(#", "microphone": []"#))
        #expect(found.map(\.field) == ["microphone"])
        #expect(found.first?.fix == "did you mean \"microphones\"?")
    }

    @Test func unknownNestedFieldListsTheKnownOnes() {
        let camera = #"[{"name": "main", "profile": "p", "link": {"kind": "tty", "path": "/dev/pts/1", "zzz": 1}}]"#
        let found = problems(room(cameras: camera))
        #expect(found.map(\.field) == ["cameras[0].link.zzz"])
        #expect(found.first?.fix.contains("baud, host, kind, path, port") == true)
    }

    @Test func wrongTypeAndBadEnumValue() {
        let typed = problems(room(#", "floor": {"allowUnmuteWithoutGrant": "yes"}"#))
        #expect(typed.first?.field == "floor.allowUnmuteWithoutGrant")
        #expect(typed.first?.problem == "is text (\"yes\"); it should be true or false")

        let camera = #"[{"name": "main", "profile": "p", "link": {"kind": "usb", "path": "/dev/ttyUSB0"}}]"#
        let bad = problems(room(cameras: camera))
        #expect(bad.first?.field == "cameras[0].link.kind")
        #expect(bad.first?.problem == "\"usb\" is not a kind of link")
        #expect(bad.first?.fix == "give one of serial, tty, udp, tcp")
    }

    @Test func aTerminalOverSSHNamesItsKnownHostsAndAYealinkIsADialect() throws {
        let terminal = #", "terminal": {"dialect": "cisco", "host": "10.0.0.5", "secrets": "s", "transport": "ssh"}"#
        let missing = problems(room(terminal))
        #expect(missing.map(\.field) == ["terminal.knownHosts"])
        #expect(missing.first?.problem == "is needed with \"transport\": \"ssh\"")
        let complete = try parse(room(#", "terminal": {"dialect": "cisco", "host": "10.0.0.5", "secrets": "s", "transport": "ssh", "knownHosts": "kh", "sshKey": "id"}"#))
        #expect(complete.terminal?.transport == .ssh)
        #expect(complete.terminal?.knownHosts == "kh")
        #expect(complete.terminal?.sshKey == "id")
        #expect(try parse(room(#", "terminal": {"dialect": "yealink", "host": "10.0.0.6", "secrets": "s"}"#)).terminal?.dialect == .yealink)
        #expect(problems(room(#", "terminal": {"dialect": "cisco", "host": "h", "secrets": "s", "transport": "rsh"}"#)).first?.fix
            == "give one of telnet, ssh")
    }

    @Test func linksNeedTheirOwnFields() {
        let cameras = """
            [{"name": "a", "profile": "p", "link": {"kind": "serial", "baud": 4800}, "address": 9},
             {"name": "b", "profile": "p", "link": {"kind": "udp", "path": "/dev/x", "port": 70000}, "address": 2}]
            """
        let fields = problems(room(cameras: cameras)).map(\.field)
        #expect(fields == [
            "cameras[0].link.baud", "cameras[0].link.path", "cameras[0].address",
            "cameras[1].link.port", "cameras[1].link.host", "cameras[1].link", "cameras[1].address",
        ])
    }

    @Test func namesMustBeUniqueAndReferencesMustResolve() {
        let cameras = #"[{"name": "main", "profile": "p", "link": {"kind": "tty", "path": "/dev/pts/1"}, "presets": {"chair": 1}}]"#
        let mics = """
            [{"name": "chair", "device": "d", "element": "e", "preset": "chair"},
             {"name": "chair", "device": "d", "element": "e", "preset": "podium"},
             {"name": "all", "device": "d", "element": "e"}]
            """
        let extra = #", "groups": {"front": ["chair", "mic9"]}, "framing": {"wide": "wide"}"#
        let found = problems(room(extra, microphones: mics, cameras: cameras))
        #expect(found.map(\.field) == [
            "microphones[1].name", "microphones[1].preset", "microphones[2].name", "groups.front[1]", "framing.wide",
        ])
        #expect(found[1].fix == "the named presets are chair")
    }

    @Test func controlMustListenSomewhereWithValidBlocks() {
        let text = """
            {"room": {"name": "R"}, "cameras": [], "microphones": [],
             "control": {"tcp": {"address": "0.0.0.0", "port": 0, "allow": ["10.0.0.0/8", "10.0.0.0/33", "nonsense"]},
                         "secrets": "t", "maxConnections": 0}}
            """
        #expect(problems(text).map(\.field) == [
            "control.tcp.port", "control.tcp.allow[1]", "control.tcp.allow[2]", "control.maxConnections",
        ])
        let nowhere = #"{"room": {"name": " "}, "cameras": [], "microphones": [], "control": {"secrets": "t"}}"#
        #expect(problems(nowhere).map(\.field) == ["room.name", "control"])
    }

    @Test func errorTextNamesFileFieldAndFix() {
        do {
            _ = try parse(room(microphones: #"[{"name": "m", "device": "d", "element": "e", "index": -1}]"#))
            Issue.record("a negative index was accepted")
        } catch {
            #expect(error.description == "room.json: microphones[0].index: -1 is not a mixer element's index: give a whole number from 0 to 255 (0 unless the card has several elements with one name)")
        }
    }
}

@Suite("Address blocks")
struct AddressBlockTests {
    @Test func ipv4() throws {
        let block = try #require(AddressBlock("10.10.0.0/16"))
        #expect(block.contains("10.10.200.3"))
        #expect(!block.contains("10.11.0.1"))
        #expect(block.contains("::ffff:10.10.0.9"))
        #expect(!block.contains("fe80::1"))
        #expect(block.description == "10.10.0.0/16")
    }

    @Test func ipv6AndSingleAddresses() throws {
        let block = try #require(AddressBlock("fd00::/8"))
        #expect(block.contains("fd12:3456::1"))
        #expect(!block.contains("fe80::1"))
        let one = try #require(AddressBlock("127.0.0.1"))
        #expect(one.prefixLength == 32 && one.contains("127.0.0.1") && !one.contains("127.0.0.2"))
        #expect(try #require(AddressBlock("0.0.0.0/0")).contains("192.0.2.1"))
        #expect(try #require(AddressBlock("10.0.0.0/12")).contains("10.15.255.255"))
        #expect(!(try #require(AddressBlock("10.0.0.0/12")).contains("10.16.0.0")))
    }

    @Test func rejectsNonsense() {
        for text in ["", "10.0.0.0/", "10.0.0.0/33", "fd00::/129", "10.0.0/8", "host/8", "1.2.3.4/8/9"] {
            #expect(AddressBlock(text) == nil, "\(text) was accepted")
        }
    }
}
