import Camera
import Codec
import Keypad
import Localization
import Microphones
import Room
import Service

/// Listens to each driver and turns what it reports into inputs of the rules.
enum DriverInputs {
    /// Starts one listening task per driver; the room keeps them.
    static func listen(to devices: RoomDevices, room: RoomDaemon, log: ServiceLog) async {
        var cameras: [(name: String?, camera: RoomCamera)] = devices.camera.map { [(nil, $0)] } ?? []
        cameras += devices.otherCameras.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for (name, camera) in cameras {
            // The main camera's health is the rules' own; another's is told by its name.
            let input: @Sendable (CameraEvent) -> Input = { event in name.map { .otherCamera(name: $0, event) } ?? .camera(event) }
            let updates = await camera.chain.statusUpdates()
            await room.keep(Task {
                for await status in updates {
                    log.info(Message("camera {name} on {endpoint}: {status}", ["name": name ?? "main", "endpoint": "\(camera.endpoint)"], parts: ["status": .about(status)]))
                    switch status {
                    case .online(let cameras):
                        // The line answers, but is this camera on it?
                        if let missing = camera.reached(byChainOf: cameras) {
                            log.warning(Message("camera {endpoint}: {problem}", ["endpoint": "\(camera.endpoint)"], parts: ["problem": missing.message]))
                            await room.submit(input(.offline(missing.description)))
                        } else {
                            await room.submit(input(.online))
                        }
                    case .offline(let reason): await room.submit(input(.offline(reason.description)))
                    case .connecting, .closed: break
                    }
                }
            })
        }
        if let microphones = devices.microphones {
            // Mixers that could not be opened at start are lost from the outset.
            var mixers = MixerPresence(channels: microphones.channels)
            for (channel, status) in await microphones.statuses() {
                let event = MicEvent(channel: channel, status: status, cause: .lost)
                if case .unavailable = status, let report = mixers.report(for: event) { await room.submit(.mixer(report)) }
            }
            await room.keep(Task { [mixers] in
                var mixers = mixers
                for await event in microphones.events {
                    switch (event.cause, event.status) {
                    case (.outsideChange, .muted):
                        await room.submit(.mixerChanged(channel: event.channel, muted: true))
                    case (.outsideChange, .live):
                        await room.submit(.mixerChanged(channel: event.channel, muted: false))
                    case (.outsideChange, .unavailable), (.lost, _), (.reattached, _):
                        log.warning(Message("microphone {event}", parts: ["event": .about(event)]))
                        if let report = mixers.report(for: event) { await room.submit(.mixer(report)) }
                    }
                }
            })
        }
        if let terminal = devices.terminal {
            await room.keep(Task {
                for await event in terminal.events {
                    if let report = report(for: event, log: log) {
                        await room.submit(.terminal(report))
                    }
                }
            })
        }
        if let keypad = devices.keypad {
            await room.keep(Task {
                for await event in keypad.events() {
                    switch event {
                    case .action(let order): await room.submit(.keypad(order))
                    case .connected(let device): log.info(Message("keypad: {device}", ["device": "\(device)"]))
                    case .disconnected(let error), .unavailable(let error): log.warning(Message("keypad: {fault}", parts: ["fault": .about(error)]))
                    }
                }
            })
        }
    }

    /// What the rules hear of a terminal event; connection news only goes to the log.
    /// Two types, one mapping: `TerminalEvent` is the driver's account (the
    /// vendor's call record, its API session's life, call-control reports,
    /// protocol errors), `TerminalReport` the little of it the rules judge.
    static func report(for event: TerminalEvent, log: ServiceLog) -> TerminalReport? {
        switch event {
        case .callChanged(let call):
            guard let state = call.status.callState else { return nil }
            return .call(change(call, state: state, cause: nil))
        case .callDropped(let call, let cause):
            return .call(change(call, state: .idle, cause: cause ?? "dropped"))
        case .nearMuteChanged(let muted):
            return .nearMute(muted)
        case .registrationChanged(let registration):
            return .registration(RegistrationState(registered: registration.isRegistered, detail: registration.summary))
        case .registrationLost(let service, let status):
            return .registration(RegistrationState(registered: false, detail: "\(service) \(status)"))
        case .unitRestarted:
            return .unitRestarted
        case .unauthorisedOutgoingCall(let call):
            return .unauthorisedOutgoingCall(number: call.remoteNumber ?? call.remoteName ?? "unknown")
        case .callControl(let report):
            log.notice(Message("terminal: {report}", parts: ["report": .about(report)]))
            return nil
        case .connected(let identity):
            log.info(Message("terminal: connected to {identity}", ["identity": "\(identity)"]))
            return .api(.answering)
        case .connectionLost(let reason):
            log.warning(Message("terminal: API connection lost: {reason}; reconnecting (the call itself is never redialled)", parts: ["reason": reason]))
            return .api(.lost(reason.description))
        case .silent(let reason):
            log.warning(Message("terminal: API silent: {reason}", parts: ["reason": reason]))
            return .api(.silent(reason.description))
        case .answering:
            log.notice(Message("terminal: API answers again"))
            return .api(.answering)
        case .stopped(let reason):
            log.error(Message("terminal: API stopped: {reason}", parts: ["reason": reason]))
            return .api(.lost(reason.description))
        case .protocolError(let text):
            log.warning(Message("terminal: {problem}", parts: ["problem": text]))
            return nil
        case .farMuteChanged:
            return nil
        }
    }

    static func change(_ call: Call, state: CallState, cause: String?) -> CallChange {
        CallChange(
            state: state, callID: call.id,
            direction: call.direction,
            remote: call.remoteNumber ?? call.remoteName, cause: cause)
    }
}

extension Registration {
    /// Registered with the gatekeeper or the registrar: either one lets the MCU reach the room.
    var isRegistered: Bool {
        [h323, sip].contains { status in
            if case .registered = status { return true }
            return false
        }
    }

    var summary: String {
        var parts: [String] = []
        if let h323 { parts.append("H.323 \(h323)") }
        if let sip { parts.append("SIP \(sip)") }
        return parts.isEmpty ? "no registration reported" : parts.joined(separator: ", ")
    }
}

/// Which mixers are there, from the bank's per-channel news: a device that
/// goes away takes all its channels with it, and the rules hear of it once,
/// as one mixer lost (and once more when it is back).
struct MixerPresence {
    private let channelsByDevice: [String: [String]]
    private let deviceOfChannel: [String: String]
    private var lost: Set<String> = []

    init(channels: [MicChannel]) {
        var byDevice: [String: [String]] = [:]
        var ofChannel: [String: String] = [:]
        for channel in channels {
            byDevice[channel.device, default: []].append(channel.name)
            ofChannel[channel.name] = channel.device
        }
        channelsByDevice = byDevice
        deviceOfChannel = ofChannel
    }

    mutating func report(for event: MicEvent) -> MixerReport? {
        guard let device = deviceOfChannel[event.channel], let channels = channelsByDevice[device] else { return nil }
        switch (event.cause, event.status) {
        case (.lost, .unavailable(let reason)):
            guard lost.insert(device).inserted else { return nil }
            return .lost(device: device, channels: channels, reason: reason.description)
        case (.reattached, _):
            guard lost.remove(device) != nil else { return nil }
            return .back(device: device, channels: channels)
        case (.lost, .muted), (.lost, .live), (.outsideChange, _):
            return nil
        }
    }
}
