import Localization
import FoundationEssentials

/// Who may do what, and the commands that are not about the floor or the workflow.
extension State {
    mutating func handle(_ command: RoomCommand, from client: Client, _ step: inout Step) {
        if let reason = Self.regulationProblem(command, role: client.role) {
            return step.refuse(command, from: client, reason)
        }
        switch command {
        case .grantFloor(let target):
            grantFloor(target, from: client, command: command, &step)
        case .endFloor(let target):
            endFloor(target, from: client, command: command, &step)
        case .mute(let channel):
            muteCommand(channel, from: client, command: command, &step)
        case .unmute(let channel):
            unmuteCommand(channel, from: client, command: command, &step)
        case .muteAll:
            muteAll(from: client, &step)
        case .unmuteAll:
            unmuteAll(from: client, command: command, &step)
        case .note(let text):
            step.log(.note(text: text, by: client.description))
        case .reportFault(let detail):
            openIncident(.reported, Message("{detail} (reported by {who})", ["detail": detail, "who": client.description]), &step)
        case .call(let order):
            authoriseCall(order, from: client, &step)
        case .camera(let order):
            cameraCommand(order, from: client, command: command, &step)
        case .raiseHand(let microphone):
            raiseHand(microphone: microphone, by: client.description, command: command, from: client, &step)
        case .withdrawRequest(let number):
            answerRequest(number, .withdrawn, from: client, command: command, &step)
        case .acknowledgeRequest(let number):
            answerRequest(number, .acknowledged, from: client, command: command, &step)
        case .relayFloor(let target, let chair, let via):
            relayFloor(target, chair: chair, via: via, from: client, command: command, &step)
        case .setPhase(let phase):
            setPhase(phase, from: client, command: command, &step)
        case .endMeeting:
            setPhase(.ended, from: client, command: command, &step)
        case .schedule(let meeting):
            schedule(meeting, from: client, &step)
        case .cancelMeeting(let id):
            cancelMeeting(id, from: client, command: command, &step)
        case .checkReadiness:
            let trigger = ReadinessTrigger.requested(by: client.description)
            step.effects.append(.runReadinessCheck(trigger))
            step.log(.readinessRequested(trigger: trigger))
        case .reportIdentity:
            step.emit(.identity(room: setup.identity))
            step.log(.identityReported(to: client.description))
        case .identityPushed:
            step.log(.identityReported(to: client.description))
        case .noteFix(let incident, let note, let expectedBack):
            noteFix(incident, note: note, expectedBack: expectedBack, from: client, command: command, &step)
        case .expectRecovery(let incident, let at, let note):
            expectRecovery(incident, at: at, note: note, from: client, command: command, &step)
        case .configure(let change):
            configure(change, from: client, command: command, &step)
        case .storeNewPreset(let name):
            storeNewPreset(name, from: client, command: command, &step)
        case .confirmClosing(let item):
            confirmClosing(item, from: client, command: command, &step)
        }
    }

    /// The regulations' own limits on who may do what, which hold whoever
    /// feeds the rules (the control server, the keypad, the daemon, a test):
    /// only the MCU centre grants the floor (R2), and only its order reaches
    /// the terminal (R1, refused in `authoriseCall`, the call gate). Which
    /// role may send which protocol command is not decided here: the control
    /// catalog is the one table, and the control server the one place that
    /// refuses on it (`ERR forbidden`), before a command reaches the rules.
    static func regulationProblem(_ command: RoomCommand, role: Role) -> Message? {
        guard case .grantFloor = command, role != .mcu else { return nil }
        return Message("only the MCU centre grants the floor (R2); a grant the chair gave by telephone or voice is recorded with 'floor relay'")
    }

    /// R1: the only path to a call-control effect.
    mutating func authoriseCall(_ order: CallOrder, from client: Client, _ step: inout Step) {
        guard client.role == .mcu else {
            return step.refuse(.call(order), from: client, Message("only the MCU centre may ask the room to dial, hang up or answer (R1)"))
        }
        let authorisation = CallAuthorization(order: order, requestedBy: client.description, grantedAt: step.now)
        switch order {
        case .hangUp: callOrders.orderHangUp()
        case .dial, .answer: callOrders.orderCall()
        }
        step.effects.append(.callControl(authorisation))
        step.log(.callOrder(order: order, by: client.description))
    }

    mutating func cameraCommand(_ order: CameraOrder, from client: Client, command: RoomCommand, _ step: inout Step) {
        if order.changesConfiguration, !phase.allowsConfigurationChanges {
            return step.refuse(command, from: client, configurationLockReason)
        }
        switch order {
        case .recall: step.camera(order, by: client.description, reason: Message("asked for"))
        case .store: step.camera(order, by: client.description, reason: Message("stored in preparation"))
        case .standby:
            cameraInStandby = true
            step.camera(order, by: client.description, reason: Message("asked for"))
        case .powerOn:
            cameraInStandby = false
            step.camera(order, by: client.description, reason: Message("asked for"))
        default: step.camera(order, by: client.description, reason: nil)
        }
    }

    /// The keypad is the technician's (issue 7's key maps).
    mutating func handle(_ action: KeypadOrder, _ step: inout Step) {
        let client = Client.keypad
        switch action {
        case .recallPreset(let slot):
            cameraCommand(.recall(preset: setup.preset(slot: slot)), from: client, command: .camera(.recall(preset: setup.preset(slot: slot))), &step)
        case .wideShot:
            guard let wide = setup.preset(named: setup.widePreset) else {
                return step.refuse(
                    .camera(.recall(preset: Preset(slot: 0, name: "wide"))), from: client,
                    Message("no wide preset is configured: name one in the room's framing (\"wide\")"))
            }
            cameraCommand(.recall(preset: wide), from: client, command: .camera(.recall(preset: wide)), &step)
        case .zoomStart(let direction):
            cameraCommand(.zoomStart(direction: direction), from: client, command: .camera(.zoomStart(direction: direction)), &step)
        case .zoomStop:
            cameraCommand(.zoomStop, from: client, command: .camera(.zoomStop), &step)
        case .panTiltStart(let direction):
            cameraCommand(.panTiltStart(direction: direction), from: client, command: .camera(.panTiltStart(direction: direction)), &step)
        case .panTiltStop:
            cameraCommand(.panTiltStop, from: client, command: .camera(.panTiltStop), &step)
        case .raiseHand:
            raiseHand(microphone: nil, by: client.description, command: .raiseHand(microphone: nil), from: client, &step)
        case .storePreset(let slot):
            let order = CameraOrder.store(preset: setup.preset(slot: slot))
            cameraCommand(order, from: client, command: .camera(order), &step)
        }
    }

    var configurationLockReason: Message {
        phase == .official
            ? Message("the official session is on and the room's configuration is locked (R7): the MCU centre must switch the room back to preparation first")
            : Message("the room's configuration changes only in preparation (R7): switch to preparation first (now {phase})", ["phase": phase.rawValue])
    }

    /// R7: parameters change only in preparation.
    mutating func configure(_ change: SettingChange, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard phase.allowsConfigurationChanges else { return step.refuse(command, from: client, configurationLockReason) }
        func knownPreset(_ name: String?) -> Bool { name == nil || setup.presets[name!] != nil }
        let presetProblem = Message(
            "no such preset in the camera's preset book; its presets are: {presets}", ["presets": setup.presets.keys.sorted().joined(separator: ", ")])
        switch change {
        case .microphonePreset(let channel, let preset):
            guard let index = setup.microphones.firstIndex(where: { ChannelName($0.name) == ChannelName(channel) }) else {
                return step.refuse(command, from: client, FloorTargetProblem.unknownMicrophone(channel, setup.channelNames).message)
            }
            guard knownPreset(preset) else { return step.refuse(command, from: client, presetProblem) }
            setup.microphones[index].preset = preset
        case .unmutePolicy(let policy):
            setup.unmutePolicy = policy
            if policy == .strict {
                for channel in openChannels where !floor.contains(channel) {
                    close(channel, by: client.description, reason: Message("the strict policy: no floor grant (R2)"), &step)
                }
            }
        case .widePreset(let preset):
            guard knownPreset(preset) else { return step.refuse(command, from: client, presetProblem) }
            setup.widePreset = preset
        case .privacyPreset(let preset):
            guard knownPreset(preset) else { return step.refuse(command, from: client, presetProblem) }
            setup.privacyPreset = preset
        }
        step.log(.settingChanged(change: change, by: client.description))
        step.emit(.settingChanged(change: change, by: client.description))
    }
}

extension RoomCommand: CustomStringConvertible {
    /// The command in a few words, for the logbook and refusals.
    public var description: String {
        switch self {
        case .grantFloor(let target): "grant floor to \(target)"
        case .endFloor(let target): "end floor" + (target.map { " for \($0)" } ?? "")
        case .mute(let channel): "mute \(channel)"
        case .muteAll: "mute all"
        case .unmuteAll: "unmute all"
        case .note: "note"
        case .reportFault(let detail): "report fault: \(detail)"
        case .unmute(let channel): "unmute \(channel)"
        case .call(let order):
            switch order {
            case .dial(let number, _, _): "dial \(number)"
            case .hangUp(let id): "hang up" + (id.map { " call \($0)" } ?? "")
            case .answer: "answer"
            }
        case .camera(let order): "camera: \(order)"
        case .raiseHand(let microphone): "raise hand" + (microphone.map { " for \($0)" } ?? "")
        case .withdrawRequest(let number): "withdraw request to speak \(number)"
        case .acknowledgeRequest(let number): "acknowledge request to speak \(number)"
        case .relayFloor(let target, let chair, let via): "record the floor given to \(target) by \(chair) (\(via.rawValue))"
        case .storeNewPreset(let name): "store a new preset \"\(name)\""
        case .confirmClosing(let item): "confirm \(item.rawValue) on the closing checklist"
        case .setPhase(let phase): "phase \(phase.rawValue)"
        case .endMeeting: "end meeting"
        case .schedule(let meeting): "schedule meeting \(meeting.id)"
        case .cancelMeeting(let id): "cancel meeting \(id)"
        case .checkReadiness: "readiness check"
        case .reportIdentity: "report identity"
        case .identityPushed: "identity pushed at login"
        case .noteFix(let incident, _, _): "note fix for incident \(incident)"
        case .expectRecovery(let incident, _, _): "expected recovery of incident \(incident)"
        case .configure(let change): "configure \(change)"
        }
    }
}
