import Room
import Foundation
import Testing
@testable import Keypad

@Suite struct KeyMapTests {
    @Test func theShippedNumericKeypadMapLoads() throws {
        let map = try shippedMap()
        #expect(map.name == "USB numeric keypad (17 keys)")
        for digit in 1...9 {
            #expect(map.keys[KeyCode.keypadDigits[digit]] == .recallPreset(digit))
        }
        #expect(map.keys[.kp0] == .wide)
        #expect(map.keys[.kpPlus] == .zoom(.tele))
        #expect(map.keys[.kpMinus] == .zoom(.wide))
        #expect(map.keys[.up] == .panTilt(.up))
        #expect(map.keys[.kpEnter] == .raiseHand)
        #expect(map.keys[.kpAsterisk] == nil)
        let store = try #require(map.chords.first { $0.hold == .kpAsterisk })
        #expect(store.keys[.kp4] == .storePreset(4))
        let move = try #require(map.chords.first { $0.hold == .kpSlash })
        #expect(move.keys[.kp8] == .panTilt(.up))
        #expect(move.keys[.kp4] == .panTilt(.left))
        #expect(move.keys[.kp3] == .panTilt(.downRight))
    }

    /// Parses `json` as a map file and returns the error's message.
    private func problem(_ json: String) -> String? {
        do {
            _ = try KeyMap(json: Data(json.utf8), file: "/etc/diemcau/keypads/test.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anUnknownKeyNameIsNamedWithASuggestion() throws {
        let message = try #require(problem(#"{ "keys": { "KEY_KP_1": "recallPreset 1" } }"#))
        #expect(message.contains("/etc/diemcau/keypads/test.json"))
        #expect(message.contains("\"KEY_KP_1\" is not a Linux key name"))
        #expect(message.contains("did you mean KEY_KP1"))
        let bare = try #require(problem(#"{ "keys": { "kpenter": "raiseHand" } }"#))
        #expect(bare.contains("did you mean KEY_KPENTER"))
    }

    @Test func aBadActionNamesTheKeyAndTheGrammar() throws {
        let message = try #require(problem(#"{ "keys": { "KEY_KP1": "recal 1" } }"#))
        #expect(message.contains("key KEY_KP1: \"recal 1\" is not an action"))
        #expect(message.contains("recallPreset N"))
        let direction = try #require(problem(#"{ "keys": { "KEY_UP": "panTilt north" } }"#))
        #expect(direction.contains("key KEY_UP"))
        #expect(direction.contains("write \"panTilt \" and one of up, down, left, right, up-left"))
        let range = try #require(problem(#"{ "keys": { "KEY_KP1": "recallPreset 300" } }"#))
        #expect(range.contains("use a preset number from 0 to 255"))
        let notText = try #require(problem(#"{ "keys": { "KEY_KP1": 1 } }"#))
        #expect(notText.contains("key KEY_KP1") && notText.contains("must be a string"))
    }

    @Test func storingAPresetNeedsAChord() throws {
        let message = try #require(problem(#"{ "keys": { "KEY_KP1": "storePreset 1" } }"#))
        #expect(message.contains("key KEY_KP1"))
        #expect(message.contains("only inside a chord"))
    }

    @Test func aChordKeyCannotAlsoActAlone() throws {
        let message = try #require(problem(#"""
            { "keys": { "KEY_KPASTERISK": "wide" },
              "chords": [ { "hold": "KEY_KPASTERISK", "keys": { "KEY_KP1": "storePreset 1" } } ] }
            """#))
        #expect(message.contains("key KEY_KPASTERISK"))
        #expect(message.contains("cannot also be a chord's hold key"))
    }

    @Test func brokenJSONAndWrongShapesSayHowToFixThem() throws {
        let syntax = try #require(problem(#"{ "keys": { "KEY_KP1": "wide", } "#))
        #expect(syntax.contains("not valid JSON"))
        #expect(syntax.contains("python3 -m json.tool /etc/diemcau/keypads/test.json"))
        let noKeys = try #require(problem(#"{ "name": "x" }"#))
        #expect(noKeys.contains("no \"keys\""))
        let typo = try #require(problem(#"{ "keys": {}, "chord": [] }"#))
        #expect(typo.contains("unknown field \"chord\""))
        let badChord = try #require(problem(#"{ "keys": {}, "chords": [ { "keys": {} } ] }"#))
        #expect(badChord.contains("chords[0] needs \"hold\""))
    }

    @Test func aMapIsFoundByNameInTheInstalledPlaces() throws {
        let shipped = repositoryRoot + "/Hardware/keypads"
        #expect(try KeyMap(named: "numeric-keypad", in: ["/nonexistent", shipped]) == shippedMap())
        #expect(try KeyMap(named: "numeric-keypad.json", in: [shipped]) == shippedMap())
        #expect(try KeyMap(named: shipped + "/numeric-keypad.json", in: []) == shippedMap())
        #expect(throws: KeypadError.mapNotFound(name: "presenter", searched: ["/nonexistent/presenter.json"])) {
            try KeyMap(named: "presenter", in: ["/nonexistent"])
        }
    }

    @Test func aMissingFileIsNamed() throws {
        do {
            _ = try KeyMap(contentsOf: "/nonexistent/keypads/none.json")
            Issue.record("a missing map loaded")
        } catch {
            #expect(error == .mapUnreadable(file: "/nonexistent/keypads/none.json", errno: ENOENT))
            #expect(error.description.contains("keypad.map"))
        }
    }
}
