import Localization
import FoundationEssentials

/// R2 (microphones on only when the chair asks) and R3 (the camera frames the speaker).
extension State {
    /// The channels a floor target names, or a reason it names none.
    func channels(for target: FloorTarget) -> Result<[ChannelName], FloorTargetProblem> {
        switch target {
        case .all:
            return .success(setup.channels)
        case .microphone(let name):
            guard setup.microphone(named: name) != nil else { return .failure(.unknownMicrophone(name, setup.channelNames)) }
            return .success([ChannelName(name)])
        case .group(let name):
            guard let members = setup.groups[name] else {
                return .failure(.unknownGroup(name, setup.groups.keys.sorted()))
            }
            let named = Set(members.map { ChannelName($0) })
            return .success(setup.channels.filter { named.contains($0) })
        }
    }

    /// The centre gives the floor: the granted channels open, the others close,
    /// and the camera frames the speaker (or the room for a group).
    mutating func grantFloor(_ target: FloorTarget, from client: Client, command: RoomCommand, _ step: inout Step) {
        let granted: [ChannelName]
        switch channels(for: target) {
        case .success(let channels): granted = channels
        case .failure(let problem): return step.refuse(command, from: client, problem.message)
        }
        let by = client.description
        give(target, granted, FloorGrants(granted, by: .centre), by: by,
             record: .floorGranted(target: target, channels: granted.map(\.text), by: by), &step)
    }

    /// The technician records the chair's grant that came by telephone or
    /// voice (002 Art. 6.3): the same as the centre's grant, under the name
    /// of the chair who gave it and of the technician who recorded it (R2).
    mutating func relayFloor(_ target: FloorTarget, chair: String, via: FloorRelay, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard phase.session != nil else {
            return step.refuse(
                command, from: client,
                Message("the chair gives the floor during a test or official session (now {phase}): start the session first", ["phase": phase.rawValue]))
        }
        guard chair.contains(where: { !$0.isWhitespace }) else {
            return step.refuse(command, from: client, Message("say who gave the floor (the chair's name or position), e.g. floor relay mic2 phone \"Chủ tịch UBND\""))
        }
        let granted: [ChannelName]
        switch channels(for: target) {
        case .success(let channels): granted = channels
        case .failure(let problem): return step.refuse(command, from: client, problem.message)
        }
        // The technician does not end what the centre granted (R2).
        let centres = floor.centres(among: setup.channels).filter { !granted.contains($0) }
        guard centres.isEmpty else {
            return step.refuse(
                command, from: client,
                Message("the MCU centre gave the floor to {channels}: only the centre moves it (R2)", ["channels": centres.map(\.text).joined(separator: ", ")]))
        }
        let by = client.description
        // What the centre had granted stays the centre's to end.
        var holders = FloorGrants(granted, by: .relayed(chair: chair, via: via))
        for channel in granted {
            if let grantor = floor.grantor(of: channel), grantor.isTheCentres { holders.grant(channel, by: grantor) }
        }
        give(target, granted, holders, by: "\(chair) by \(via == .phone ? "telephone" : "voice"), recorded by \(by)",
             record: .floorRelayed(target: target, channels: granted.map(\.text), chair: chair, via: via, by: by), &step)
    }

    /// The floor moves to `granted`: the others close, these open, the
    /// requests the grant covers are answered, the camera frames the speaker.
    /// `holders` are the `granted` channels and who granted each.
    private mutating func give(
        _ target: FloorTarget, _ granted: [ChannelName], _ holders: FloorGrants, by: String, record: LogRecord, _ step: inout Step
    ) {
        for channel in openChannels where !granted.contains(channel) {
            close(channel, by: by, reason: Message("the floor moved to {target}", parts: ["target": target.message]), &step)
        }
        floor = holders
        step.log(record)
        for channel in granted {
            open(channel, by: by, reason: Message("floor granted to {target}", parts: ["target": target.message]), &step)
        }
        step.emit(.floorChanged(granted: granted.map(\.text)))
        grantAnswersRequests(granted, by: by, &step)
        frame(target, granted: granted, by: by, &step)
    }

    /// R3: a single speaker gets the preset of their microphone; a group or the
    /// whole room gets the wide shot.
    mutating func frame(_ target: FloorTarget, granted: [ChannelName], by: String, _ step: inout Step) {
        let presets: [Preset]
        if granted.count == 1, let channel = setup.microphone(named: granted[0]) {
            presets = setup.preset(named: channel.preset).map { [$0] } ?? []
        } else if case .microphone = target {
            presets = []
        } else {
            presets = setup.presets(named: setup.widePreset)
        }
        for preset in presets where cameraAnswers(preset.camera) {
            step.camera(.recall(preset: preset), by: by, reason: Message("framing the floor: {target} (R3)", parts: ["target": target.message]))
        }
    }

    /// A camera is back (nil: the main one): frame what the room looks like
    /// now (R3) — the one open microphone's preset if that camera has it,
    /// else its wide shot — unless the cameras are put away.
    mutating func reframe(camera: String? = nil, _ step: inout Step) {
        guard !cameraInStandby, phase != .ended else { return }
        let open = openChannels
        let speaker = open.count == 1 ? setup.preset(named: setup.microphone(named: open[0])?.preset) : nil
        let wide = setup.presets(named: setup.widePreset).first { $0.camera == camera }
        let ownSpeaker = speaker.flatMap { $0.camera == camera ? $0 : nil }
        guard let preset = ownSpeaker ?? wide else { return }
        step.camera(.recall(preset: preset), by: "rules", reason: Message("the camera answers again: framing the room (R3)"))
    }

    /// The centre ends the floor for some channels, or for everyone.
    mutating func endFloor(_ target: FloorTarget?, from client: Client, command: RoomCommand, _ step: inout Step) {
        var ending = floor.channels(in: setup.channels)
        if let target {
            switch channels(for: target) {
            case .success(let channels): ending = channels
            case .failure(let problem): return step.refuse(command, from: client, problem.message)
            }
        }
        if client.role != .mcu {
            // The technician ends only what the technician recorded (R2).
            let centres = floor.centres(among: ending)
            guard centres.isEmpty else {
                return step.refuse(
                    command, from: client,
                    Message(
                        "the MCU centre gave the floor to {channels}: only the centre ends it (R2); mute a microphone with 'mute'",
                        ["channels": centres.map(\.text).joined(separator: ", ")]))
            }
        }
        let by = client.description
        for channel in ending {
            floor.end(channel)
            close(channel, by: by, reason: Message("the floor ended"), &step)
        }
        step.log(.floorEnded(channels: ending.map(\.text), by: by))
        step.emit(.floorChanged(granted: floor.channels(in: setup.channels).map(\.text)))
    }

    /// A mute command. From the centre it also ends that channel's floor; from
    /// the technician the grant stays, so the speaker can be reopened.
    mutating func muteCommand(_ name: String, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard setup.microphone(named: name) != nil else {
            return step.refuse(command, from: client, FloorTargetProblem.unknownMicrophone(name, setup.channelNames).message)
        }
        let channel = ChannelName(name)
        if client.role == .mcu, floor.end(channel) {
            step.log(.floorEnded(channels: [channel.text], by: client.description))
            step.emit(.floorChanged(granted: floor.channels(in: setup.channels).map(\.text)))
        }
        close(channel, by: client.description, reason: Message("muted on command"), force: true, &step)
    }

    /// An unmute command. The centre's is a grant of the floor to that channel
    /// (added to the grants in force); a local one needs a grant, or the relaxed policy (R2).
    mutating func unmuteCommand(_ name: String, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard let mic = setup.microphone(named: name) else {
            return step.refuse(command, from: client, FloorTargetProblem.unknownMicrophone(name, setup.channelNames).message)
        }
        let channel = ChannelName(name)
        let by = client.description
        if client.role == .mcu {
            let held = floor.contains(channel)
            floor.grant(channel, by: .centre)
            if !held {
                step.log(.floorGranted(target: .microphone(name: name), channels: [channel.text], by: by))
                step.emit(.floorChanged(granted: floor.channels(in: setup.channels).map(\.text)))
                grantAnswersRequests([channel], by: by, &step)
            }
            let wasMuted = muted[channel] != false
            open(channel, by: by, reason: Message("unmuted by the centre"), &step)
            if wasMuted, let preset = setup.preset(named: mic.preset), cameraAnswers(preset.camera) {
                step.camera(.recall(preset: preset), by: by, reason: Message("framing the floor: microphone {channel} (R3)", ["channel": channel.text]))
            }
        } else if floor.contains(channel) {
            open(channel, by: by, reason: Message("reopened within the centre's grant"), &step)
        } else if setup.unmutePolicy == .relaxed {
            let wasMuted = muted[channel] != false
            open(channel, by: by, reason: Message("no floor grant; allowed by the relaxed policy"), &step)
            if wasMuted, let preset = setup.preset(named: mic.preset), cameraAnswers(preset.camera) {
                step.camera(.recall(preset: preset), by: by, reason: Message("framing microphone {channel} (R3)", ["channel": channel.text]))
            }
        } else {
            step.refuse(
                command, from: client,
                Message("microphone {channel} has no floor grant: the centre grants the floor (R2); ask for it with 'hand raise' (R9)", ["channel": channel.text]))
        }
    }

    /// Mute every microphone; from the centre it ends the whole floor too.
    mutating func muteAll(from client: Client, _ step: inout Step) {
        if client.role == .mcu { endWholeFloor(by: client.description, &step) }
        for channel in setup.channels {
            close(channel, by: client.description, reason: Message("muted on command"), force: true, &step)
        }
    }

    /// Unmute all: the centre's is a grant of the floor to everyone, added to
    /// the grants in force; the technician's reopens what the grants (or the
    /// relaxed policy) allow, and is refused when that is nothing.
    mutating func unmuteAll(from client: Client, command: RoomCommand, _ step: inout Step) {
        let allowed = client.role == .mcu || setup.unmutePolicy == .relaxed
            ? setup.channels
            : floor.channels(in: setup.channels)
        guard !allowed.isEmpty else {
            return step.refuse(
                command, from: client,
                Message("no microphone has a floor grant: the centre grants the floor (R2); ask for it with 'hand raise' (R9)"))
        }
        for channel in allowed { unmuteCommand(channel.text, from: client, command: command, &step) }
    }

    /// A channel changed on the mixer behind the daemon's back.
    mutating func mixerChanged(channel name: String, muted nowMuted: Bool, _ step: inout Step) {
        guard setup.microphone(named: name) != nil else { return }
        let channel = ChannelName(name)
        let believed = muted[channel] ?? true
        guard believed != nowMuted else { return }  // the echo of our own change
        if nowMuted {
            muted[channel] = true
            closedByTerminal.remove(channel)
            let reason = Message("closed on the mixer outside the daemon")
            step.log(.microphone(channel: channel.text, muted: true, by: "mixer", reason: reason.description, said: reason))
            step.emit(.microphone(channel: channel.text, muted: true))
        } else if floor.contains(channel) || setup.unmutePolicy == .relaxed {
            muted[channel] = false
            let reason = floor.contains(channel)
                ? Message("opened on the mixer outside the daemon, within the centre's grant")
                : Message("opened on the mixer outside the daemon, no floor grant; allowed by the relaxed policy")
            step.log(.microphone(channel: channel.text, muted: false, by: "mixer", reason: reason.description, said: reason))
            step.emit(.microphone(channel: channel.text, muted: false))
        } else {
            step.effects.append(.setMicrophone(channel: channel.text, muted: true))
            let reason = Message("opened on the mixer without a floor grant: closed again (R2)")
            step.log(.microphone(channel: channel.text, muted: true, by: "rules", reason: reason.description, said: reason))
            step.emit(.unmuteReverted(channel: channel.text))
        }
    }

    /// The terminal's near-end mute, mirrored to the microphones (R2). Where
    /// the room's policy takes the MCU's unmute of the room for the chair's
    /// call on it, the unmute grants the floor and the mute ends it.
    mutating func nearMuteChanged(_ nowMuted: Bool, _ step: inout Step) {
        guard nowMuted != nearMuted else { return }
        nearMuted = nowMuted
        step.log(.nearMute(muted: nowMuted))
        // Only with the call up: the MCU unmutes a room that is in its
        // conference; a restarted terminal or its remote outside a call is not the chair.
        if let target = setup.terminalUnmuteGrants, phase.session != nil, call == .connected,
           case .success(let granted) = channels(for: target) {
            let by = "the centre, through the terminal"
            if nowMuted {
                endWholeFloor(by: by, &step)
                closedByTerminal = []
                for channel in openChannels { close(channel, by: by, reason: Message("the MCU muted the room through the terminal"), &step) }
            } else {
                give(target, granted, FloorGrants(granted, by: .terminalUnmute), by: by,
                     record: .floorGranted(target: target, channels: granted.map(\.text), by: by), &step)
            }
            return
        }
        if nowMuted {
            for channel in openChannels {
                close(channel, by: "terminal", reason: Message("the terminal muted the near end (mirrored)"), &step)
                closedByTerminal.insert(channel)
            }
        } else {
            for channel in setup.channels where closedByTerminal.contains(channel) {
                if floor.contains(channel) || setup.unmutePolicy == .relaxed {
                    open(channel, by: "terminal", reason: Message("the terminal unmuted the near end (mirrored)"), &step)
                }
            }
            closedByTerminal = []
        }
    }

    /// Every grant ends at once, the recorded ones too; logged and announced
    /// when there was one.
    mutating func endWholeFloor(by: String, _ step: inout Step) {
        guard !floor.isEmpty else { return }
        let ending = floor.channels(in: setup.channels)
        floor = FloorGrants()
        step.log(.floorEnded(channels: ending.map(\.text), by: by))
        step.emit(.floorChanged(granted: []))
    }

    /// Opens a channel the rules allow to be open.
    mutating func open(_ channel: ChannelName, by: String, reason: Message, _ step: inout Step) {
        guard muted[channel] != false else { return }
        muted[channel] = false
        closedByTerminal.remove(channel)
        step.effects.append(.setMicrophone(channel: channel.text, muted: false))
        step.log(.microphone(channel: channel.text, muted: false, by: by, reason: reason.description, said: reason))
        step.emit(.microphone(channel: channel.text, muted: false))
    }

    /// Closes a channel; `force` sends the mute even when the rules believe it closed.
    mutating func close(_ channel: ChannelName, by: String, reason: Message, force: Bool = false, _ step: inout Step) {
        guard muted[channel] == false || force else { return }
        muted[channel] = true
        step.effects.append(.setMicrophone(channel: channel.text, muted: true))
        step.log(.microphone(channel: channel.text, muted: true, by: by, reason: reason.description, said: reason))
        step.emit(.microphone(channel: channel.text, muted: true))
    }
}

/// Why a floor target names no microphone.
enum FloorTargetProblem: Error {
    case unknownMicrophone(String, [String])
    case unknownGroup(String, [String])

    /// The refusal's reason.
    var message: Message {
        switch self {
        case .unknownMicrophone(let name, let known):
            Message("the room has no microphone \"{name}\"; its microphones are: {known}", ["name": name, "known": known.joined(separator: ", ")])
        case .unknownGroup(let name, let known):
            known.isEmpty
                ? Message("the room has no microphone group \"{name}\"; no groups are configured", ["name": name])
                : Message("the room has no microphone group \"{name}\"; its groups are: {known}", ["name": name, "known": known.joined(separator: ", ")])
        }
    }
}
