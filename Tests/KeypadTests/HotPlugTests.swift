import Room
import TestSupport
import Foundation
import Testing
@testable import Keypad

/// A keypad path followed through unplugging and replugging. A FIFO stands
/// in for the device node: it is created under a temporary name and renamed
/// into place, the way udev makes a /dev/input/by-id link; removing it is the
/// unplug.
@Suite struct HotPlugTests {
    /// Makes a FIFO at `path` the way udev makes a link, and opens its writing end.
    private func plugIn(_ path: String) -> Int32 {
        let staging = path + ".tmp"
        precondition(mkfifo(staging, 0o600) == 0, "mkfifo \(staging): \(String(cString: strerror(errno)))")
        let writer = open(staging, O_RDWR | O_CLOEXEC)  // O_RDWR: does not wait for a reader
        precondition(writer >= 0)
        precondition(rename(staging, path) == 0)
        return writer
    }

    private func unplug(_ path: String, writer: Int32) {
        close(writer)
        unlink(path)
    }

    @Test func theReaderFollowsAKeypadThatVanishesAndReturns() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The by-id directory itself does not exist yet: udev removes it
        // when no device is plugged in.
        let path = directory + "/by-id/usb-Test_Keypad-event-kbd"
        let keypad = Keypad(path: path, map: try shippedMap(), access: .shared)
        let (recorder, consumer) = Recorder.consuming(keypad.events())
        defer { consumer.cancel() }

        #expect(await recorder.wait { $0.contains(.unavailable(.deviceMissing(path: path))) })
        #expect(mkdir(directory + "/by-id", 0o755) == 0)
        var writer = plugIn(path)
        #expect(await recorder.wait { $0.contains { $0.isConnected } })
        send(tap(.kp2) + [.key(.kpPlus, .pressed), .report], to: writer)
        #expect(await recorder.wait { $0.actions == [.recallPreset(2), .zoomStart(.tele)] })

        unplug(path, writer: writer)  // mid-zoom
        #expect(await recorder.wait { $0.contains { $0.isDisconnected } })
        // The last device gone, udev removes the directory too; it comes
        // back with the next device.
        #expect(rmdir(directory + "/by-id") == 0)
        try await Task.sleep(for: .milliseconds(50))
        #expect(mkdir(directory + "/by-id", 0o755) == 0)

        writer = plugIn(path)
        #expect(await recorder.wait { $0.filter(\.isConnected).count == 2 })
        send(tap(.kp5) + tap(.kpEnter), to: writer)
        #expect(await recorder.wait { $0.actions.count == 5 })

        let events = await recorder.items
        #expect(events.actions == [.recallPreset(2), .zoomStart(.tele), .zoomStop, .recallPreset(5), .raiseHand])
        let device = KeypadDevice(path: path, name: nil, grabbed: false)
        #expect(events == [
            .unavailable(.deviceMissing(path: path)),
            .connected(device), .action(.recallPreset(2)), .action(.zoomStart(.tele)),
            .action(.zoomStop), .disconnected(.ended(path: path)),
            .connected(device), .action(.recallPreset(5)), .action(.raiseHand),
        ])
        close(writer)
    }

    @Test func aPathThatIsNotAnEventDeviceIsRefusedClearly() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/keypad"
        let writer = plugIn(path)
        defer { close(writer) }
        let keypad = Keypad(path: path, map: try shippedMap())  // exclusive: EVIOCGRAB is required
        let (recorder, consumer) = Recorder.consuming(keypad.events())
        defer { consumer.cancel() }
        #expect(await recorder.wait { !$0.isEmpty })
        let events = await recorder.items
        #expect(events == [.unavailable(.notAnEventDevice(path: path))])
        #expect(KeypadError.notAnEventDevice(path: path).description
            == "keypad \(path): not an evdev input device, so it cannot be grabbed: set keypad.device to a /dev/input/by-id/*-event-kbd link")
        // Keys written there do nothing: it was not opened.
        send(tap(.kp1), to: writer)
        #expect(await recorder.wait(timeout: .milliseconds(300)) { $0.count > 1 } == false)
    }
}
