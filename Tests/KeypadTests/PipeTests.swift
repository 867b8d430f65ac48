import Room
import TestSupport
import Foundation
import Testing
@testable import Keypad

/// The reader over a real pipe, as it reads a device: records in, actions out.
@Suite struct PipeTests {
    @Test func everyMappedKeyAndTheChordsActThroughAPipe() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (recorder, consumer) = Recorder.consuming(Keypad.events(readingFrom: ends[0], map: try shippedMap()))
        defer { consumer.cancel() }

        var records: [InputEvent] = []
        for digit in 1...9 { records += tap(KeyCode.keypadDigits[digit]) }
        records += tap(.kp0)
        records += tap(.kpEnter)
        records += hold(.kpPlus, repeats: 5)
        records += hold(.kpMinus, repeats: 2)
        records += hold(.up, repeats: 3) + hold(.down, repeats: 1) + hold(.left, repeats: 0) + hold(.right, repeats: 4)
        records += hold(.kp4, repeats: 6)  // repeats of a preset key do not recall it again
        records += tap(KeyCode(name: "KEY_A")!)  // not in the map
        records += tap(.numLock)  // not in the map
        // The chords: * held with 3 stores preset 3; / held with 8 pans up, with 7 up-left.
        records += [.key(.kpAsterisk, .pressed), .report, .key(.kpAsterisk, .repeated), .report]
        records += tap(.kp3)
        records += [.key(.kpAsterisk, .released), .report]
        records += [.key(.kpSlash, .pressed), .report]
        records += hold(.kp8, repeats: 2)
        records += hold(.kp7, repeats: 1)
        records += [.key(.kpSlash, .released), .report]
        // USB keyboards send an EV_MSC scan code before each key: ignored.
        records += [InputEvent(type: .miscellaneous, code: 4, value: 0x70059)] + tap(.kp1)
        send(records, to: ends[1])
        close(ends[1])

        let expected: [KeypadOrder] = (1...9).map { .recallPreset($0) } + [
            .wideShot, .raiseHand,
            .zoomStart(.tele), .zoomStop, .zoomStart(.wide), .zoomStop,
            .panTiltStart(.up), .panTiltStop, .panTiltStart(.down), .panTiltStop,
            .panTiltStart(.left), .panTiltStop, .panTiltStart(.right), .panTiltStop,
            .recallPreset(4),
            .storePreset(3),
            .panTiltStart(.up), .panTiltStop,
            .panTiltStart(.upLeft), .panTiltStop,
            .recallPreset(1),
        ]
        #expect(await recorder.wait { $0.contains { $0.isDisconnected } })
        let events = await recorder.items
        #expect(events.actions == expected)
        // A pipe cannot be grabbed and that is fine for a plain descriptor.
        #expect(events.first == .connected(KeypadDevice(path: "file descriptor \(ends[0])", name: nil, grabbed: false)))
        #expect(events.last == .disconnected(.ended(path: "file descriptor \(ends[0])")))
    }

    @Test func aMoveInProgressStopsWhenTheStreamEnds() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (recorder, consumer) = Recorder.consuming(Keypad.events(readingFrom: ends[0], map: try shippedMap()))
        defer { consumer.cancel() }
        send([.key(.kpMinus, .pressed), .report, .key(.kpMinus, .repeated), .report], to: ends[1])
        #expect(await recorder.wait { $0.actions == [.zoomStart(.wide)] })
        close(ends[1])  // unplugged mid-zoom
        #expect(await recorder.wait { $0.contains { $0.isDisconnected } })
        let events = await recorder.items
        #expect(events.suffix(2) == [.action(.zoomStop), .disconnected(.ended(path: "file descriptor \(ends[0])"))])
    }
}
