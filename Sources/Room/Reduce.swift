import Localization
import FoundationEssentials

/// The room's rules: the state after `input`, and what must be done.
///
/// Pure: no I/O, no clock; `now` is when the input happened (the daemon passes
/// the wall clock, tests pass whatever they like).
public func reduce(_ state: State, _ input: Input, at now: Date) -> (State, [Effect]) {
    var next = state
    let effects = next.apply(input, at: now)
    return (next, effects)
}

extension State {
    /// Applies `input` in place and returns what must be done: the same as
    /// `reduce(_:_:at:)`, for callers that keep the state in a variable.
    public mutating func apply(_ input: Input, at now: Date) -> [Effect] {
        var step = Step(now: now)
        let wasOpen = anyMicrophoneOpen
        switch input {
        case .started:
            start(&step)
        case .command(let command, let client):
            handle(command, from: client, &step)
        case .keypad(let action):
            handle(action, &step)
        case .terminal(let event):
            handle(event, &step)
        case .mixerChanged(let channel, let muted):
            mixerChanged(channel: channel, muted: muted, &step)
        case .camera(let event):
            handle(event, &step)
        case .otherCamera(let name, let event):
            handle(event, camera: name, &step)
        case .mixer(let report):
            handle(report, &step)
        case .logbook(let report):
            handle(report, &step)
        case .broker(let report):
            handle(report, &step)
        case .readiness(let report):
            readinessReported(report, &step)
        case .tick:
            tick(&step)
        case .reloaded(let setup, let by):
            reload(setup, by: by, &step)
        }
        // R3: when every microphone is muted again the camera returns to the wide shot
        // (except at the end of the meeting, where it goes to privacy instead).
        if wasOpen, !anyMicrophoneOpen, phase != .ended {
            for wide in setup.presets(named: setup.widePreset) where cameraAnswers(wide.camera) {
                step.camera(.recall(preset: wide), by: "rules", reason: Message("every microphone is muted again (R3)"))
            }
        }
        return step.effects
    }

    private mutating func start(_ step: inout Step) {
        for channel in setup.channels {
            muted[channel] = true
            step.effects.append(.setMicrophone(channel: channel.text, muted: true))
        }
        floor = FloorGrants()
        step.log(.started(room: setup.identity.roomName))
        for wide in setup.presets(named: setup.widePreset) {
            step.camera(.recall(preset: wide), by: "rules", reason: Message("daemon started"))
        }
    }
}

/// What one input yields, collected in order.
struct Step {
    let now: Date
    var effects: [Effect] = []

    init(now: Date) { self.now = now }

    mutating func log(_ record: LogRecord) {
        effects.append(.log(LogEntry(time: now, record: record)))
    }

    mutating func emit(_ event: RoomEvent) {
        effects.append(.event(event))
    }

    /// A camera order, logged when it recalls or stores a preset.
    mutating func camera(_ order: CameraOrder, by: String, reason: Message?) {
        effects.append(.camera(order))
        switch order {
        case .recall, .store, .standby, .powerOn: log(.camera(order: order, by: by, reason: reason?.description ?? "", said: reason))
        default: break
        }
    }

    /// A command that is not carried out: logged, and the clients told why.
    /// The logbook keeps the reason in English, as it keeps every record; the
    /// clients are given the message, to say in their reader's language.
    mutating func refuse(_ command: RoomCommand, from client: Client, _ reason: Message) {
        log(.refused(command: command.description, by: client.description, reason: reason.said(in: .en), commandSaid: command.message, said: reason))
        emit(.refused(command: command.description, client: client, reason: reason))
    }
}
