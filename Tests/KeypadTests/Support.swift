import Room
import Foundation
@testable import Keypad

/// The repository's root, found from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The shipped map, as the daemon loads it.
func shippedMap() throws -> KeyMap {
    try KeyMap(contentsOf: repositoryRoot + "/Hardware/keypads/numeric-keypad.json")
}

/// A fresh directory under /tmp, removed by the caller.
func temporaryDirectory() -> String {
    var template = Array("/tmp/diemcau-keypad-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
}

/// The records a keypad sends for one tap: press, report, release, report.
func tap(_ key: KeyCode) -> [InputEvent] {
    [.key(key, .pressed), .report, .key(key, .released), .report]
}

/// A key held long enough for the kernel to repeat it `repeats` times.
func hold(_ key: KeyCode, repeats: Int) -> [InputEvent] {
    [.key(key, .pressed), .report]
        + Array(repeating: [InputEvent.key(key, .repeated), .report], count: repeats).flatMap { $0 }
        + [.key(key, .released), .report]
}

/// Writes records the way the kernel would, in one write.
func send(_ events: [InputEvent], to fd: Int32) {
    let bytes = events.flatMap(\.bytes)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    precondition(written == bytes.count, "short write to the test pipe")
}

extension KeypadEvent {
    var action: KeypadOrder? {
        if case .action(let action) = self { return action }
        return nil
    }
    var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }
    var isDisconnected: Bool {
        if case .disconnected = self { return true }
        return false
    }
}

extension Array where Element == KeypadEvent {
    var actions: [KeypadOrder] { compactMap(\.action) }
}
