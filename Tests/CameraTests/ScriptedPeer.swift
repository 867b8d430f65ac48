import Foundation
import Links
import VISCA
@testable import Camera

/// The far end of a pseudo-terminal, answering each framed message with bytes
/// the test chooses from the VISCA tables. For conversation tests that need a
/// reply at an exact moment (a Network Change between a command and its ACK);
/// everything else runs against the simulator.
actor ScriptedPeer {
    let terminal: PseudoTerminal
    let link: TTYLink
    private var framer = Framer()
    private(set) var received: [[UInt8]] = []
    private var answer: @Sendable ([UInt8]) -> [[UInt8]]
    private var reader: Task<Void, Never>?

    init(answer: @escaping @Sendable ([UInt8]) -> [[UInt8]]) throws {
        terminal = try PseudoTerminal.open()
        link = try TTYLink(adopting: terminal.master, name: "scripted camera")
        self.answer = answer
    }

    func start() {
        let stream = link.incoming
        reader = Task {
            for await chunk in stream { await self.take(chunk) }
        }
    }

    func setAnswer(_ answer: @escaping @Sendable ([UInt8]) -> [[UInt8]]) { self.answer = answer }

    private func take(_ chunk: [UInt8]) async {
        for message in framer.messages(in: chunk) {
            received.append(message)
            for reply in answer(message) { try? link.send(reply) }
        }
    }

    func send(_ bytes: [UInt8]) throws { try link.send(bytes) }

    func close() {
        reader?.cancel()
        link.close()
    }

    /// A well-behaved single Sony camera: IF_Clear echo, AddressSet, ACK+Completion in socket 1, power on.
    static let sonyCamera: @Sendable ([UInt8]) -> [[UInt8]] = { message in
        switch message {
        case [0x88, 0x01, 0x00, 0x01, 0xFF]: return [message]
        case [0x88, 0x30, 0x01, 0xFF]: return [[0x88, 0x30, 0x02, 0xFF]]
        case [0x81, 0x09, 0x04, 0x00, 0xFF]: return [[0x90, 0x50, 0x02, 0xFF]]
        default:
            if message.count > 2, message[1] == 0x01 { return [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]] }
            return [[0x90, 0x60, 0x02, 0xFF]]
        }
    }
}

/// Timing for tests: the defaults, with room for a loaded machine.
func testTiming() -> CameraTiming {
    var timing = CameraTiming()
    timing.acknowledgement = .milliseconds(800)
    return timing
}

/// Waits until `condition` holds, checking every 20 ms, for at most `seconds`.
func eventually(within seconds: Double = 5, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

/// The next status from `updates` that satisfies `matching`, and when it came; nil after `seconds`.
func nextStatus(_ updates: AsyncStream<CameraStatus>, within seconds: Double,
                matching: @escaping @Sendable (CameraStatus) -> Bool) async -> (CameraStatus, ContinuousClock.Instant)? {
    await withTaskGroup(of: (CameraStatus, ContinuousClock.Instant)?.self) { group in
        group.addTask {
            for await status in updates where matching(status) { return (status, .now) }
            return nil
        }
        group.addTask {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

extension CameraStatus {
    var isOffline: Bool {
        if case .offline = self { return true }
        return false
    }
}
