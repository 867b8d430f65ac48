import CameraSimulator
import Control
import Foundation
import VISCA

/// The demo's meeting, step by step, as the regulations run one: preparation
/// and presets, the readiness test, the MCU's call, the floor to delegate
/// mic 2 and the camera to preset 2, the floor ended, the call dropped and
/// not redialled, the end of the meeting with the camera to privacy.
/// Every step checks what the room did (through the simulators and `pactl`)
/// and throws when the room did something else.
public struct DemoStep: Sendable {
    /// What happens, as the narration says it.
    public let title: String
    /// Does it, checks it, and says what was seen.
    public let run: @Sendable (DemoRoom) async throws -> String
}

public enum DemoMeeting {
    public static let steps: [DemoStep] = [
        DemoStep(title: "The technician opens preparation and stores the presets of the seating chart (R3, R7)") { room in
            try expectOK(await room.technician("phase preparation"), "phase preparation")
            for preset in ["wide", "chair", "left", "right", "privacy"] {
                try expectOK(await room.technician("camera store \(preset)"), "camera store \(preset)")
            }
            let stored = try await eventually("the camera to hold presets 0, 1, 2, 3 and 5") {
                let presets = await room.camera.state(of: CameraAddress.all[0])?.presets.keys.sorted() ?? []
                return Set([0, 1, 2, 3, 5]).isSubset(of: presets) ? presets : nil
            }
            return "camera holds presets \(stored.map(String.init).joined(separator: ", "))"
        },
        DemoStep(title: "Readiness self-test: camera, microphones, terminal, logbook (R5)") { room in
            try expectOK(await room.technician("check"), "check")
            guard let report = try await room.event("readiness", timeout: 20) else {
                throw DemoError.step("no readiness report within 20 s")
            }
            guard report.value("passed") == "true" else {
                throw DemoError.step("the room is not ready: \(report.value("failed") ?? "?") failed")
            }
            return "every check passed"
        },
        DemoStep(title: "Technical test session, moved by the centre") { room in
            try expectOK(await room.mcu("phase test"), "phase test")
            return "phase technical-test"
        },
        DemoStep(title: "The MCU centre's call comes in and the terminal connects it") { room in
            await room.terminal.play([
                .incomingCall(name: "MCU Tinh", number: "10.10.0.1", rateKbps: 1920, protocol: .h323),
                .connectCall(id: nil),
            ])
            _ = try await eventually("the room to see the call connected") {
                try await status(room)["call"] == "connected" ? true : nil
            }
            return "call connected"
        },
        DemoStep(title: "Official session") { room in
            try expectOK(await room.mcu("phase official"), "phase official")
            return "phase official"
        },
        DemoStep(title: "The chair gives the floor to delegate mic 2: microphone on, camera to preset 2 (R2, R3)") { room in
            try expectOK(await room.mcu("floor grant mic2"), "floor grant mic2")
            try await expectMicrophones(room, open: ["mic2"])
            _ = try await eventually("the camera to recall preset 2") {
                await room.camera.state(of: CameraAddress.all[0])?.lastRecalledPreset == 2 ? true : nil
            }
            return "pactl: mic2 unmuted, chair and mic3 muted; camera recalled preset 2"
        },
        DemoStep(title: "A local unmute of mic 3 without the floor is refused (R2)") { room in
            guard case .error(.refused, let reason) = try await room.technician("unmute mic3") else {
                throw DemoError.step("unmute mic3 without a grant was not refused")
            }
            try await expectMicrophones(room, open: ["mic2"])
            return "refused: \(reason)"
        },
        DemoStep(title: "The delegate finishes: floor ended, microphones off, camera back to the wide shot (R2, R3)") { room in
            try expectOK(await room.mcu("floor end"), "floor end")
            try await expectMicrophones(room, open: [])
            _ = try await eventually("the camera to recall the wide preset (0)") {
                await room.camera.state(of: CameraAddress.all[0])?.lastRecalledPreset == 0 ? true : nil
            }
            return "pactl: every microphone muted; camera recalled preset 0"
        },
        DemoStep(title: "The call drops: the room alerts the centre and does not redial (R1, R11)") { room in
            await room.terminal.play(.dropCall(id: nil, cause: "network"))
            guard let alert = try await room.event("alert", timeout: 15) else {
                throw DemoError.step("no alert to the centre within 15 s of the call dropping")
            }
            try await Task.sleep(for: .seconds(2))
            let callCommands = await room.terminal.callCommands
            guard callCommands.isEmpty else {
                throw DemoError.step("the room sent call commands on its own: \(callCommands)")
            }
            await room.remember("incident", alert.value("incident") ?? "")
            return "alert \(alert.value("kind") ?? "?") #\(alert.value("incident") ?? "?"); no call command sent to the terminal"
        },
        DemoStep(title: "The technician notes the cause and the fix (R4, R11)") { room in
            let incident = await room.memory["incident"] ?? "?"
            try expectOK(
                await room.technician("fault fixed \(incident) \"fibre link restored by the provider at 09:40; the centre redialled\""),
                "fault fixed \(incident)")
            return "fix of incident #\(incident) in the logbook"
        },
        DemoStep(title: "End of meeting: microphones off, camera to privacy and standby (R6)") { room in
            try expectOK(await room.mcu("phase ended"), "phase ended")
            let state = try await eventually("the camera at privacy (5) and in standby") {
                let state = await room.camera.state(of: CameraAddress.all[0])
                return state?.lastRecalledPreset == 5 && state?.power == .standby ? state : nil
            }
            try await expectMicrophones(room, open: [])
            return "camera preset \(state.lastRecalledPreset ?? -1), \(state.power); every microphone muted"
        },
        DemoStep(title: "The closing checklist, confirmed item by item by the technician (R6)") { room in
            let items = ["system-check", "call-ended", "lens-cap", "power-off"]
            guard try await status(room)["closing"] == items.joined(separator: ",") else {
                throw DemoError.step("status does not list the closing checklist after the end of the meeting")
            }
            for item in items { try expectOK(await room.technician("closing confirm \(item)"), "closing confirm \(item)") }
            guard try await status(room)["closing"] == nil else { throw DemoError.step("items of the closing checklist are left") }
            return "\(items.count) items confirmed and logged"
        },
    ]

    static func expectOK(_ reply: ControlReply, _ command: String) throws {
        if case .error(let code, let message) = reply {
            throw DemoError.step("'\(command)' was answered ERR \(code.rawValue) \(message)")
        }
    }

    static func status(_ room: DemoRoom) async throws -> [String: String] {
        guard case .ok(let message) = try await room.technician("status") else { return [:] }
        return Dictionary(message.fields.map { ($0.key, $0.value.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks with `pactl` that exactly `open` are unmuted.
    static func expectMicrophones(_ room: DemoRoom, open: Set<String>) async throws {
        let sources = await room.sources()
        _ = try await eventually("pactl to show \(open.isEmpty ? "every microphone muted" : "only \(open.sorted()) open")") { () -> Bool? in
            for (channel, source) in sources {
                guard room.pulseSourceMuted(source) == !open.contains(channel) else { return nil }
            }
            return true
        }
    }

    /// Polls `condition` until it gives a value, for at most `timeout` seconds.
    static func eventually<T: Sendable>(
        _ what: String, timeout: Double = 10, _ condition: @Sendable () async throws -> T?
    ) async throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = try await condition() { return value }
            guard deadline.timeIntervalSinceNow > 0 else { throw DemoError.step("waited \(Int(timeout)) s for \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

extension Control.ControlMessage {
    /// A field's value as text.
    public func value(_ key: String) -> String? {
        fields.first { $0.key == key }?.value.text
    }
}
