import FoundationEssentials
import Localization

/// Which of the room's parts a health report is about.
public enum DevicePart: String, Sendable, Hashable, Codable, CaseIterable {
    case camera
    /// One mixer (an ALSA ctl device) and the microphone channels on it.
    case mixer
    /// The terminal's API session (not the call: the room never redials).
    case terminal
    /// The terminal's registration with its gatekeeper or registrar.
    case registration
    /// The logbook's disk.
    case logbook
    /// The fleet's MQTT broker (the room PC's own Mosquitto, bridged to the centre's).
    case broker
}

/// One change of a part's health, as the centre is told of it
/// (`EVENT device part=mixer name=room1 state=lost detail=...`) and the
/// logbook records it.
public struct HealthChange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var part: DevicePart
    /// Which one, where a room can have several (a mixer's device name).
    public var name: String?
    /// Whether the part now works.
    public var healthy: Bool
    /// The part's own word for its state: `online`, `offline`, `lost`, `back`, `silent`, `answering`, ...
    public var state: String
    /// What was seen, and what to check, in English: the centre's event and
    /// an older reader's logbook line.
    public var detail: String
    /// The whole change in words (`mixer room1 lost: ...`), said in the
    /// reader's language; nil in lines written before the rules made
    /// messages, and for changes only the centre is told of.
    public var said: Message?

    public init(part: DevicePart, name: String? = nil, healthy: Bool, state: String, detail: String, said: Message? = nil) {
        self.part = part
        self.name = name
        self.healthy = healthy
        self.state = state
        self.detail = detail
        self.said = said
    }

    /// The change in `language`: the message, or the English line of old.
    public func text(in language: Language) -> String { said?.said(in: language) ?? description }

    public var description: String {
        "\(part.rawValue)\(name.map { " \($0)" } ?? "") \(state)" + (detail.isEmpty ? "" : ": \(detail)")
    }
}

/// What a mixer driver reports (a mixer fault is an input to the rules like a camera fault).
public enum MixerReport: Sendable, Hashable, Codable {
    /// A mixer device went away (USB unplugged, sound server gone): its
    /// channels cannot be set until it is back.
    case lost(device: String, channels: [String], reason: String)
    /// The device is back, and its channels hold what the rules want again.
    case back(device: String, channels: [String])
    /// A change the rules asked for did not take on a device that is still
    /// there (the write was refused, or read back otherwise).
    case setFailed(channel: String, reason: String)
}

/// The state of the terminal's API session, as the room sees it.
public enum TerminalAPIState: Sendable, Hashable, Codable {
    /// Logged in and answering.
    case answering
    /// Connected, but its answers stopped coming (a hung unit, a stalled network).
    case silent(String)
    /// The session dropped, or cannot be opened; the driver keeps trying.
    case lost(String)

    public var word: String {
        switch self {
        case .answering: "answering"
        case .silent: "silent"
        case .lost: "lost"
        }
    }
}

/// What the logbook's writer reports of its disk.
public enum LogbookHealth: Sendable, Hashable, Codable {
    /// A write failed (disk full, read-only, I/O error): entries are not on the disk.
    case failing(String)
    /// Writes succeed again.
    case writing
    /// Its file system is nearly full (how much is left, in words).
    case lowOnSpace(String)
    /// It has room again.
    case spaceAgain(String)
}

/// What the fleet's link says of its broker.
public enum BrokerHealth: Sendable, Hashable, Codable {
    /// The connection was lost, or cannot be made (why); events wait in its outbox.
    case lost(String)
    /// Connected again: what waited is delivered.
    case back
}

/// The health of every part, kept by the rules so `status` and the
/// daemon's status line can say what works.
public struct RoomHealth: Sendable, Hashable, Codable {
    /// Microphone channels whose mixer is gone, with why.
    public internal(set) var lostChannels: [String: String] = [:]
    /// Mixer devices that are gone.
    public internal(set) var lostMixers: Set<String> = []
    /// The terminal's API; nil until the driver first says.
    public internal(set) var terminalAPI: TerminalAPIState?
    /// Why the logbook cannot write, while it cannot.
    public internal(set) var logbookFailure: String?
    /// How little room the logbook's disk has left, while it is nearly full.
    public internal(set) var logbookLowOnSpace: String?
    /// The room's other cameras that do not answer (the main one is `State.cameraOnline`).
    public internal(set) var offlineCameras: Set<String> = []
    /// Why the fleet's broker cannot be reached, while it cannot.
    public internal(set) var brokerLost: String?

    public init() {}
}

extension State {
    /// A mixer report: the channels' availability, an event and a logbook
    /// line for each change, and an alert (incident) when one goes wrong.
    mutating func handle(_ report: MixerReport, _ step: inout Step) {
        switch report {
        case .lost(let device, let channels, let reason):
            guard health.lostMixers.insert(device).inserted else { return }
            for channel in channels { health.lostChannels[channel] = reason }
            let names = channels.joined(separator: ", ")
            let values: KeyValuePairs = ["mixer": device, "microphones": names, "reason": reason]
            healthChanged(
                .init(part: .mixer, name: device, healthy: false, state: "lost", detail: "\(reason) (microphones \(names))",
                      said: Message("mixer {mixer} lost: {reason} (microphones {microphones})", values)),
                &step)
            openIncident(
                .microphoneLost,
                Message("mixer {mixer} is gone (microphones {microphones}): {reason}; the microphones cannot be switched until it is back", values),
                &step)
        case .back(let device, let channels):
            guard health.lostMixers.remove(device) != nil else { return }
            for channel in channels { health.lostChannels[channel] = nil }
            let names = channels.joined(separator: ", ")
            healthChanged(
                .init(part: .mixer, name: device, healthy: true, state: "back", detail: "microphones \(names) set again to what the rules want",
                      said: Message("mixer {mixer} back: microphones {microphones} set again to what the rules want", ["mixer": device, "microphones": names])),
                &step)
        case .setFailed(let channel, let reason):
            openIncident(.microphoneFault, Message("microphone {channel}: {reason}", ["channel": channel, "reason": reason]), &step)
        }
    }

    /// The terminal's API session: an event and a line on every change; an
    /// alert when it stops answering during a session the centre relies on.
    mutating func apiChanged(_ api: TerminalAPIState, _ step: inout Step) {
        let before = health.terminalAPI
        // Each failed reconnection gives its own reason: one fault all the same.
        guard api.word != before?.word else { return }
        // A silent session that then drops is one fault, not two.
        if case .silent = before, case .lost = api { health.terminalAPI = api; return }
        health.terminalAPI = api
        switch api {
        case .answering:
            guard before != nil else { return }
            healthChanged(
                .init(part: .terminal, healthy: true, state: "answering", detail: "the terminal's API answers again",
                      said: Message("terminal answering: the terminal's API answers again")),
                &step)
        case .silent(let detail):
            healthChanged(.init(part: .terminal, healthy: false, state: api.word, detail: detail, said: Message("terminal silent: {detail}", ["detail": detail])), &step)
            openIncident(.terminalUnreachable, Message("the terminal's API is silent: {detail}", ["detail": detail]), &step)
        case .lost(let detail):
            healthChanged(.init(part: .terminal, healthy: false, state: api.word, detail: detail, said: Message("terminal lost: {detail}", ["detail": detail])), &step)
            openIncident(.terminalUnreachable, Message("the terminal's API is lost: {detail}", ["detail": detail]), &step)
        }
    }

    /// The logbook's disk: the centre is alerted once when writes start
    /// failing, and told when they succeed again.
    mutating func handle(_ report: LogbookHealth, _ step: inout Step) {
        switch report {
        case .failing(let reason):
            guard health.logbookFailure == nil else { health.logbookFailure = reason; return }
            health.logbookFailure = reason
            healthChanged(.init(part: .logbook, healthy: false, state: "failing", detail: reason, said: Message("logbook failing: {reason}", ["reason": reason])), &step)
            openIncident(.logbookFailed, Message("the logbook cannot be written: {reason}; commands are answered ERR until it can", ["reason": reason]), &step)
        case .writing:
            guard health.logbookFailure != nil else { return }
            health.logbookFailure = nil
            healthChanged(
                .init(part: .logbook, healthy: true, state: "writing", detail: "the logbook is written again",
                      said: Message("logbook writing: the logbook is written again")),
                &step)
        case .lowOnSpace(let left):
            guard health.logbookLowOnSpace == nil else { return }
            health.logbookLowOnSpace = left
            healthChanged(.init(part: .logbook, healthy: false, state: "low-space", detail: left, said: Message("logbook low-space: {left}", ["left": left])), &step)
            openIncident(.logbookLowSpace, Message("the logbook's disk is nearly full ({left}): make room before it stops", ["left": left]), &step)
        case .spaceAgain(let left):
            guard health.logbookLowOnSpace != nil else { return }
            health.logbookLowOnSpace = nil
            healthChanged(.init(part: .logbook, healthy: true, state: "space", detail: left, said: Message("logbook space: {left}", ["left": left])), &step)
        }
    }

    /// The fleet's broker: the centre is told when the room loses it (on the
    /// control port at once, on the broker when it is back) and when it is
    /// back. Not an incident: the room's meeting does not depend on it.
    mutating func handle(_ report: BrokerHealth, _ step: inout Step) {
        switch report {
        case .lost(let reason):
            guard health.brokerLost == nil else { return }
            health.brokerLost = reason
            healthChanged(.init(part: .broker, healthy: false, state: "lost", detail: reason, said: Message("broker lost: {reason}", ["reason": reason])), &step)
        case .back:
            guard health.brokerLost != nil else { return }
            health.brokerLost = nil
            healthChanged(
                .init(part: .broker, healthy: true, state: "back", detail: "connected to the broker again",
                      said: Message("broker back: connected to the broker again")),
                &step)
        }
    }

    /// Another camera than the main one: its health, as for the main camera;
    /// a fault is the same incident. It frames its own microphones only, so
    /// nothing else in the room changes with it.
    mutating func handle(_ event: CameraEvent, camera name: String, _ step: inout Step) {
        switch event {
        case .fault(let detail):
            openIncident(.cameraFault, Message("camera {camera}: {detail}", ["camera": name, "detail": detail]), &step)
        case .offline(let detail):
            guard health.offlineCameras.insert(name).inserted else { return }
            healthChanged(
                .init(part: .camera, name: name, healthy: false, state: "offline", detail: detail,
                      said: Message("camera {camera} offline: {detail}", ["camera": name, "detail": detail])),
                &step)
            openIncident(.cameraOffline, Message("camera {camera}: {detail}", ["camera": name, "detail": detail]), &step)
        case .online:
            guard health.offlineCameras.remove(name) != nil else { return }
            healthChanged(
                .init(part: .camera, name: name, healthy: true, state: "online", detail: "the camera answers again",
                      said: Message("camera {camera} online: the camera answers again", ["camera": name])),
                &step)
            reframe(camera: name, &step)
        }
    }

    /// Logs a change of health and tells the centre.
    mutating func healthChanged(_ change: HealthChange, _ step: inout Step) {
        step.log(.health(change: change))
        step.emit(.health(change: change))
    }

    /// Whether a camera answers: the main one (nil) by `cameraOnline`, another by its health.
    public func cameraAnswers(_ name: String?) -> Bool {
        guard let name else { return cameraOnline }
        return !health.offlineCameras.contains(name)
    }

    /// The room's parts that do not work now, in words for a status line
    /// (empty when everything works).
    public var faults: [String] {
        var faults: [String] = []
        if !cameraOnline { faults.append("camera offline") }
        for camera in health.offlineCameras.sorted() { faults.append("camera \(camera) offline") }
        for mixer in health.lostMixers.sorted() { faults.append("mixer \(mixer) lost") }
        switch health.terminalAPI {
        case .silent?: faults.append("terminal silent")
        case .lost?: faults.append("terminal unreachable")
        case .answering?, nil: break
        }
        if registration?.registered == false { faults.append("terminal not registered") }
        if health.logbookFailure != nil { faults.append("logbook failing") }
        if health.logbookLowOnSpace != nil { faults.append("logbook disk nearly full") }
        if health.brokerLost != nil { faults.append("broker unreachable") }
        return faults
    }
}
