import Codec
import Foundation
import Room

extension CodecSimulator {
    /// Plays steps in order; `wait` steps take their time.
    public func play(_ steps: [ScenarioStep]) async {
        for step in steps { await play(step) }
    }

    /// Plays a scenario script (see `ScenarioStep`).
    public func play(script: String) async throws {
        await play(try ScenarioStep.parse(script: script))
    }

    /// Changes the unit without telling anyone (no notification), so that a
    /// test can see that a query, not a notification, brought the change.
    public func update(_ change: @Sendable (inout SimulatedTerminal) -> Void) {
        change(&terminal)
    }

    public func play(_ step: ScenarioStep) async {
        switch step {
        case let .incomingCall(name, number, rate, callProtocol):
            let call = terminal.newCall(direction: .incoming, name: name, number: number, protocol: callProtocol, rateKbps: rate, phase: .ringing)
            broadcast([.call(call)])
        case let .connectCall(id):
            guard let index = terminal.calls.firstIndex(where: { id == nil ? $0.phase != .connected : $0.id == id }) else { return }
            terminal.calls[index].phase = .connected
            broadcast([.call(terminal.calls[index])])
        case let .outgoingCall(number):
            let dialling = terminal.newCall(direction: .outgoing, name: "", number: number, protocol: .h323, rateKbps: 1920, phase: .dialling)
            broadcast([.call(dialling)])
            terminal.calls[terminal.calls.count - 1].phase = .connected
            broadcast([.call(terminal.calls[terminal.calls.count - 1])])
        case let .nearMute(muted):
            terminal.nearMuted = muted
            broadcast([.nearMute(muted)])
        case let .farMute(muted):
            guard !terminal.calls.isEmpty else { return }
            terminal.calls[0].farMuted = muted
            broadcast([.farMute(terminal.calls[0], muted)])
        case let .dropCall(id, cause):
            let ended = terminal.calls.filter { id == nil || $0.id == id }
            terminal.calls.removeAll { call in ended.contains { $0.id == call.id } }
            broadcast(ended.map { .callEnded($0, cause: cause) })
        case let .registrationLost(service), let .registrationRestored(service):
            let up: Bool
            if case .registrationRestored = step { up = true } else { up = false }
            if service == .h323Gatekeeper {
                terminal.gatekeeperRegistered = up
                broadcast([.gatekeeper(registered: up)])
            } else {
                terminal.sipRegistered = up
                broadcast([.sipRegistrar(registered: up)])
            }
        case .bannerAgain:
            writeToOnlineSessions(Array(speaker.welcome(terminal).utf8))
        case let .restart(downFor):
            refusingUntil = .now + downFor
            terminal.calls = []
            terminal.uptimeSeconds = 0
            for session in sessions.values { session.connection.close() }
        case let .lag(on):
            lagging = on
            if !on {
                for id in sessions.keys.sorted() {
                    guard let held = sessions[id]?.heldReply, !held.isEmpty else { continue }
                    sessions[id]?.heldReply = ""
                    write(held, to: id)
                }
            }
        case let .stall(duration):
            stalledUntil = .now + duration
            Task { [weak self] in
                try? await Task.sleep(for: duration)
                await self?.endStall()
            }
        case let .sendLine(text):
            writeToOnlineSessions(Array((text + speaker.lineEnd).utf8))
        case let .garbage(count):
            var generator = SplitMix(seed: 0x5EED)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            // Line noise, not Telnet: 0xFF (IAC) is left out.
            for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: generator.next() % 255)) }
            writeToOnlineSessions(bytes + Array(speaker.lineEnd.utf8))
        case let .longLine(count):
            let chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 64 * 1024)
            var left = count
            while left > 0, sessions.values.contains(where: { $0.phase == .online }) {
                writeToOnlineSessions(Array(chunk.prefix(left)))
                left -= min(left, chunk.count)
            }
        case let .cameraInput(connected, signal):
            terminal.cameraConnected = connected
            terminal.cameraSignal = signal
        case let .packetLoss(count):
            guard !terminal.calls.isEmpty else { return }
            terminal.calls[0].packetsLost = count
            terminal.calls[0].jitterMilliseconds = 12
        case let .wait(duration):
            try? await Task.sleep(for: duration)
        }
    }
}

/// A small deterministic generator, so that a garbage scenario is the same every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
