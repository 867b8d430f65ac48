import Foundation
@testable import Room

/// The demo room: three microphones, a preset for each, a group of delegates.
let demoSetup = RoomSetup(
    identity: EndpointIdentity(
        roomName: "UBND xã Tân Lập",
        lead: Contact(name: "Nguyễn Văn An", position: "Chủ tịch UBND xã", phone: "0912 000 001"),
        technician: Contact(name: "Trần Thị Bình", position: "Cán bộ kỹ thuật", phone: "0912 000 002")),
    microphones: [
        MicSeat(name: "chair", preset: "chair"),
        MicSeat(name: "mic2", preset: "left"),
        MicSeat(name: "mic3", preset: "right"),
    ],
    groups: ["delegates": ["mic2", "mic3"]],
    presets: ["wide": 0, "chair": 1, "left": 2, "right": 3, "privacy": 5],
    widePreset: "wide",
    privacyPreset: "privacy")

let mcu = Client(role: .mcu, identity: "mcu@10.0.0.5")
let technician = Client(role: .technician, identity: "technician@cli")
let observer = Client(role: .observer, identity: "observer@10.0.0.9")

let t0 = Date(timeIntervalSince1970: 1_795_000_000)

/// A room driven input by input, keeping every effect, with a clock the test moves.
struct Rig {
    var state: State
    var now: Date
    var effects: [Effect] = []

    init(_ setup: RoomSetup = demoSetup, at now: Date = t0) {
        state = State(setup: setup)
        self.now = now
    }

    /// Applies one input and returns its effects only.
    @discardableResult
    mutating func send(_ input: Input) -> [Effect] {
        let (next, produced) = reduce(state, input, at: now)
        state = next
        effects += produced
        return produced
    }

    @discardableResult
    mutating func command(_ command: RoomCommand, from client: Client = mcu) -> [Effect] {
        send(.command(command, from: client))
    }

    @discardableResult
    mutating func advance(to time: Date) -> [Effect] {
        now = time
        return send(.tick)
    }
}

extension Array where Element == Effect {
    var microphoneSettings: [(channel: String, muted: Bool)] {
        compactMap { if case .setMicrophone(let c, let m) = $0 { (c, m) } else { nil } }
    }
    var cameraOrders: [CameraOrder] {
        compactMap { if case .camera(let order) = $0 { order } else { nil } }
    }
    var authorisations: [CallAuthorization] {
        compactMap { if case .callControl(let a) = $0 { a } else { nil } }
    }
    var records: [LogRecord] {
        compactMap { if case .log(let entry) = $0 { entry.record } else { nil } }
    }
    var events: [RoomEvent] {
        compactMap { if case .event(let event) = $0 { event } else { nil } }
    }
    var readinessChecks: [ReadinessTrigger] {
        compactMap { if case .runReadinessCheck(let trigger) = $0 { trigger } else { nil } }
    }
    var refusals: [String] {
        compactMap { if case .event(.refused(_, _, let reason)) = $0 { reason.description } else { nil } }
    }
    var incidents: [Incident] {
        compactMap { if case .log(let entry) = $0, case .incident(let incident) = entry.record { incident } else { nil } }
    }
    var alerts: [Incident] {
        compactMap { if case .event(.alert(let incident)) = $0 { incident } else { nil } }
    }
}

func recall(_ slot: Int, _ name: String) -> CameraOrder { .recall(preset: Preset(slot: slot, name: name)) }
