import Foundation
import Synchronization
import Links
import Testing
import VISCA
import Localization
@testable import Camera

@Suite("Driver conversations with a scripted camera on a PTY")
struct ConversationTests {
    @Test("start: IF_Clear broadcast then AddressSet; a recall is ACKed and completed")
    func startAndRecall() async throws {
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: testTiming())
        try await chain.start()
        #expect(await chain.status == .online(cameras: 1))
        try await chain.recall(preset: 3)
        #expect(await chain.lastRecalledPreset() == 3)
        let received = await peer.received
        #expect(Array(received.prefix(3)) == [[0x88, 0x01, 0x00, 0x01, 0xFF], [0x88, 0x30, 0x01, 0xFF],
                                              [0x81, 0x01, 0x04, 0x3F, 0x02, 0x03, 0xFF]])
        await chain.close()
        await peer.close()
    }

    @Test("a Network Change between a command and its ACK: the command completes and AddressSet runs again")
    func networkChangeMidCommand() async throws {
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: testTiming())
        try await chain.start()
        await peer.setAnswer { message in
            if message == [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF] {
                return [[0x90, 0x38, 0xFF], [0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF]]
            }
            return ScriptedPeer.sonyCamera(message)
        }
        try await chain.recall(preset: 1)
        try await chain.recall(preset: 2)
        #expect(await eventually { await peer.received.filter { $0 == [0x88, 0x30, 0x01, 0xFF] }.count == 2 })
        let statistics = await chain.statistics
        #expect(statistics.networkChanges == 1)
        #expect(statistics.addressSets == 2)
        #expect(await chain.status == .online(cameras: 1))
        await chain.close()
        await peer.close()
    }

    @Test("late answers from one camera never pass for a broadcast's reply: a one-camera chain stays 1 camera")
    func lateAnswersDuringSetup() async throws {
        // A camera catching up after an outage: the answers to two power
        // inquiries asked while it was away come in before each broadcast's reply.
        let late: [UInt8] = [0x90, 0x50, 0x02, 0xFF]
        let peer = try ScriptedPeer { message in
            switch message {
            case [0x88, 0x01, 0x00, 0x01, 0xFF]: return [late, message]
            case [0x88, 0x30, 0x01, 0xFF]: return [late, [0x88, 0x30, 0x02, 0xFF]]
            default: return ScriptedPeer.sonyCamera(message)
            }
        }
        await peer.start()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: testTiming())
        try await chain.start()
        #expect(await chain.status == .online(cameras: 1))
        #expect(await chain.cameraCount == 1)
        #expect(await chain.statistics.strayReplies == 2)
        await chain.close()
        await peer.close()
    }

    @Test("a clone that does not echo the broadcast IF_Clear: AddressSet, IF_Clear to camera 1, online, said once in the log")
    func cloneWithoutInterfaceClearEcho() async throws {
        let clone: @Sendable ([UInt8]) -> [[UInt8]] = { message in
            switch message {
            case [0x88, 0x01, 0x00, 0x01, 0xFF]: return []                      // swallowed
            case [0x81, 0x01, 0x00, 0x01, 0xFF]: return [[0x90, 0x50, 0xFF]]
            default: return ScriptedPeer.sonyCamera(message)
            }
        }
        let peer = try ScriptedPeer(answer: clone)
        await peer.start()
        let notes = Notes()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: testTiming(), note: notes.add)
        try await chain.start()
        #expect(await chain.status == .online(cameras: 1))
        #expect(await peer.received == [[0x88, 0x01, 0x00, 0x01, 0xFF], [0x88, 0x30, 0x01, 0xFF], [0x81, 0x01, 0x00, 0x01, 0xFF]])
        try await chain.recall(preset: 2)
        #expect(notes.all.count == 1)
        #expect(notes.all.first?.contains("camera 1 on \(peer.terminal.slavePath) does not send the broadcast IF_Clear") == true,
                "\(notes.all)")

        // Silent, then back: the chain is set up again without waiting for an echo, and not noted twice.
        let updates = await chain.statusUpdates()
        await peer.setAnswer { _ in [] }
        #expect(await nextStatus(updates, within: 5) { $0.isOffline } != nil)
        let before = await peer.received.count
        await peer.setAnswer(clone)
        #expect(await nextStatus(updates, within: 5) { $0.isOnline }?.0 == .online(cameras: 1))
        let again = await peer.received.dropFirst(before).drop { $0 != [0x88, 0x30, 0x01, 0xFF] }
        #expect(Array(again.prefix(2)) == [[0x88, 0x30, 0x01, 0xFF], [0x81, 0x01, 0x00, 0x01, 0xFF]])
        #expect(notes.all.count == 1)
        #expect(await chain.statistics.interfaceClearEchoesMissing == 1)
        await chain.close()
        await peer.close()
    }

    @Test("a chain that answers neither IF_Clear nor AddressSet is reported as not answering IF_Clear")
    func silentChainAtStart() async throws {
        let peer = try ScriptedPeer { _ in [] }
        await peer.start()
        let notes = Notes()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: testTiming(), note: notes.add)
        await #expect { try await chain.start() } throws: { error in
            guard case CameraError.noAnswer("IF_Clear", "the cameras", _, 700, _) = error else { return false }
            return true
        }
        #expect(await peer.received == [[0x88, 0x01, 0x00, 0x01, 0xFF], [0x88, 0x30, 0x01, 0xFF]])
        #expect(notes.all.isEmpty)
        await chain.close()
        await peer.close()
    }

    /// A started chain on a scripted camera.
    func started(_ answer: @escaping @Sendable ([UInt8]) -> [[UInt8]] = ScriptedPeer.sonyCamera,
                 timing: CameraTiming = testTiming()) async throws -> (ScriptedPeer, CameraDriver) {
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), timing: timing)
        try await chain.start()
        await peer.setAnswer(answer)
        return (peer, chain)
    }

    @Test("two recalls whose ACKs and Completions interleave: each caller gets its own Completion")
    func interleavedSockets() async throws {
        let (peer, chain) = try await started { message in
            switch message {
            case [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF]: return [[0x90, 0x41, 0xFF]]
            case [0x81, 0x01, 0x04, 0x3F, 0x02, 0x02, 0xFF]: return [[0x90, 0x42, 0xFF], [0x90, 0x52, 0xFF]]
            case [0x81, 0x09, 0x04, 0x00, 0xFF]: return [[0x90, 0x50, 0x02, 0xFF], [0x90, 0x51, 0xFF]]
            default: return ScriptedPeer.sonyCamera(message)
            }
        }
        let first = Task { try await chain.recall(preset: 1) }
        #expect(await eventually { await chain.executingCommands()[1] != nil })
        try await chain.recall(preset: 2)
        #expect(await chain.executingCommands()[1] == .preset(.recall, 1))
        // Socket 1's Completion arrives glued to an inquiry's answer.
        #expect(try await chain.inquire(.power) == .power(.on))
        try await first.value
        #expect(await chain.executingCommands().isEmpty)
        await chain.close()
        await peer.close()
    }

    @Test("an error 41 that follows its ACK after the next command went out still belongs to the first command")
    func errorAfterACK() async throws {
        let (peer, chain) = try await started { message in
            switch message {
            case [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF]: return [[0x90, 0x41, 0xFF]]
            case [0x81, 0x01, 0x04, 0x38, 0x02, 0xFF]:
                return [[0x90, 0x61, 0x41, 0xFF], [0x90, 0x42, 0xFF], [0x90, 0x52, 0xFF]]
            default: return ScriptedPeer.sonyCamera(message)
            }
        }
        let recall = Task { try await chain.recall(preset: 1) }
        #expect(await eventually { await chain.executingCommands()[1] != nil })
        try await chain.focus(.auto)
        await #expect { try await recall.value } throws: { error in
            guard case CameraError.rejected("preset recall 1", _, .notExecutable) = error else { return false }
            return true
        }
        #expect(await chain.statistics.strayReplies == 0)
        await chain.close()
        await peer.close()
    }

    @Test("garbage on the line before and inside the replies is skipped")
    func garbage() async throws {
        let (peer, chain) = try await started { message in
            if message.count > 2, message[1] == 0x01 {
                return [[0x00, 0x13, 0x7F, 0xFF], [0x90, 0x41, 0xFF], [0x20, 0x20], [0x90, 0x51, 0xFF]]
            }
            return ScriptedPeer.sonyCamera(message)
        }
        try await chain.store(preset: 4)
        #expect(await chain.statistics.discardedBytes >= 6)
        #expect(try await chain.inquire(.power) == .power(.on))
        await chain.close()
        await peer.close()
    }

    @Test("camera errors come back typed, with what to do: buffer full, not executable, syntax, length")
    func typedErrors() async throws {
        let cases: [([UInt8], ReplyError, String)] = [
            ([0x90, 0x60, 0x03, 0xFF], .bufferFull, "buffer full"),
            ([0x90, 0x61, 0x41, 0xFF], .notExecutable, "standby"),
            ([0x90, 0x60, 0x02, 0xFF], .syntax, "camera profile"),
            ([0x90, 0x60, 0x01, 0xFF], .messageLength, "baud rate"),
        ]
        for (reply, expected, words) in cases {
            let (peer, chain) = try await started { message in
                message.count > 2 && message[1] == 0x01 ? [reply] : ScriptedPeer.sonyCamera(message)
            }
            do {
                try await chain.recall(preset: 0)
                Issue.record("recall succeeded despite \(expected)")
            } catch let CameraError.rejected(command, camera, error) {
                #expect(error == expected)
                #expect(command == "preset recall 0" && camera == "camera 1")
                #expect(CameraError.rejected(command: command, camera: camera, error).description.contains(words))
            }
            // The line is free again after an error.
            #expect(try await chain.inquire(.power) == .power(.on))
            await chain.close()
            await peer.close()
        }
    }

    @Test("Command Cancel on a socket: the cancelled recall fails as cancelled, the cancel succeeds")
    func cancel() async throws {
        let (peer, chain) = try await started { message in
            switch message {
            case [0x81, 0x01, 0x04, 0x3F, 0x02, 0x05, 0xFF]: return [[0x90, 0x41, 0xFF]]
            case [0x81, 0x21, 0xFF]: return [[0x90, 0x61, 0x04, 0xFF]]
            case [0x81, 0x22, 0xFF]: return [[0x90, 0x62, 0x05, 0xFF]]
            default: return ScriptedPeer.sonyCamera(message)
            }
        }
        let recall = Task { try await chain.recall(preset: 5) }
        #expect(await eventually { await chain.executingCommands()[1] != nil })
        try await chain.cancel(socket: 1)
        await #expect { try await recall.value } throws: { error in
            guard case CameraError.rejected(_, _, .cancelled) = error else { return false }
            return true
        }
        await #expect { try await chain.cancel(socket: 2) } throws: { error in
            guard case CameraError.rejected(_, _, .noSocket) = error else { return false }
            return true
        }
        #expect(await chain.lastRecalledPreset() == nil)
        await chain.close()
        await peer.close()
    }

    @Test("at most two commands execute per camera: a third waits for a socket, then goes")
    func twoSockets() async throws {
        let (peer, chain) = try await started { message in
            switch message {
            case [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01, 0xFF]: return [[0x90, 0x41, 0xFF]]
            case [0x81, 0x01, 0x04, 0x3F, 0x02, 0x02, 0xFF]: return [[0x90, 0x42, 0xFF]]
            default: return ScriptedPeer.sonyCamera(message)
            }
        }
        let first = Task { try await chain.recall(preset: 1) }
        #expect(await eventually { await chain.executingCommands().count == 1 })
        let second = Task { try await chain.recall(preset: 2) }
        #expect(await eventually { await chain.executingCommands().count == 2 })
        let third = Task { try await chain.recall(preset: 3) }
        try await Task.sleep(for: .milliseconds(200))
        #expect(await !peer.received.contains([0x81, 0x01, 0x04, 0x3F, 0x02, 0x03, 0xFF]))
        try await peer.send([0x90, 0x51, 0xFF])
        try await first.value
        try await third.value
        #expect(await peer.received.contains([0x81, 0x01, 0x04, 0x3F, 0x02, 0x03, 0xFF]))
        try await peer.send([0x90, 0x52, 0xFF])
        try await second.value
        await chain.close()
        await peer.close()
    }

    @Test("an inquiry without answer is asked again; a motion command without ACK is never re-sent")
    func retries() async throws {
        let asked = Counter()
        let (peer, chain) = try await started { message in
            if message == [0x81, 0x09, 0x04, 0x47, 0xFF] {
                return asked.increment() == 1 ? [] : [[0x90, 0x50, 0x01, 0x02, 0x03, 0x04, 0xFF]]
            }
            if message == [0x81, 0x01, 0x06, 0x04, 0xFF] { return [] }
            return ScriptedPeer.sonyCamera(message)
        }
        #expect(try await chain.inquire(.zoomPosition) == .zoomPosition(0x1234))
        #expect(await chain.statistics.inquiryRetries == 1)
        await #expect { try await chain.home() } throws: { error in
            guard case CameraError.noAnswer(let command, _, _, let milliseconds, let hint) = error else { return false }
            return command == "pan-tilt home" && milliseconds == 800 && hint.description.contains("baud-rate switch")
        }
        #expect(await peer.received.filter { $0 == [0x81, 0x01, 0x06, 0x04, 0xFF] }.count == 1)
        await chain.close()
        await peer.close()
    }

    @Test("a BRC-300 profile sends 01 for the stopped axis; speeds outside the model are refused before sending")
    func profileQuirk() async throws {
        let library = CameraProfileLibrary(directories: [CameraProfileLibrary.sourceTreeDirectory])
        let peer = try ScriptedPeer(answer: ScriptedPeer.sonyCamera)
        await peer.start()
        let chain = CameraDriver(.tty(peer.terminal.slavePath), profile: try library.profile(named: "sony-brc-300"),
                                timing: testTiming())
        try await chain.start()
        try await chain.move(pan: .left, tilt: .stop, panSpeed: 0x10, tiltSpeed: 0)
        try await chain.stopMoving()
        let received = await peer.received
        #expect(received.contains([0x81, 0x01, 0x06, 0x01, 0x10, 0x01, 0x01, 0x03, 0xFF]))
        #expect(received.contains([0x81, 0x01, 0x06, 0x01, 0x01, 0x01, 0x03, 0x03, 0xFF]))
        await #expect(throws: CameraError.self) { try await chain.move(pan: .right, tilt: .stop, panSpeed: 0x19, tiltSpeed: 1) }
        await #expect(throws: CameraError.self) { try await chain.recall(preset: 6) }
        #expect(await peer.received.count == received.count)
        await chain.close()
        await peer.close()
    }
}

/// A counter the scripted camera's answer closure can bump.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}

/// What a driver noted for the log.
final class Notes: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func add(_ line: Message) { lines.withLock { $0.append(line.description) } }
}
