import Localization

/// What went wrong with a microphone channel, in words a technician can act on.
public enum MicError: Error, Sendable, Hashable, CustomStringConvertible, Sayable {
    /// Two channels in the configuration have the same name.
    case duplicateChannel(String)
    /// A command named a channel the configuration does not have.
    case unknownChannel(String, known: [String])
    /// The ALSA configuration file given to the driver could not be read.
    case configurationFile(path: String, reason: String)
    /// No sound card and no ctl device of that name.
    case unknownDevice(String, reason: String, cards: [SoundCard], ctlDevices: [String])
    /// The device exists but cannot be opened now (its sound server is down, ...).
    case deviceUnavailable(String, reason: String)
    /// The device has no simple element of that name and index.
    case unknownElement(channel: String, device: String, element: String, index: Int, existing: [MixerElementInfo])
    /// The element exists but has no control of the configured kind.
    case noSuchControl(channel: String, device: String, element: MixerElementInfo, control: MuteControl, existing: [MixerElementInfo])
    /// The channel cannot be reached now; the driver keeps trying and re-asserts the desired state when it is back.
    case unavailable(channel: String, reason: String)
    /// alsa-lib refused the write.
    case writeFailed(channel: String, reason: String)
    /// The write went through but reading the control back gave another state.
    case verificationFailed(channel: String, wanted: MicState, read: MicState)
    /// A volume-muted channel has nothing to restore.
    case noLevelToRestore(channel: String)
    /// The capture device gave no sound to measure.
    case captureFailed(device: String, reason: String)

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .duplicateChannel(let name):
            return Message("two microphone channels are named '{name}': give each channel a name of its own.", ["name": name])
        case .unknownChannel(let name, let known):
            return known.isEmpty
                ? Message("there is no microphone channel named '{name}'; no channel is configured.", ["name": name])
                : Message("there is no microphone channel named '{name}'; the channels are: {known}.", ["name": name, "known": known.joined(separator: ", ")])
        case .configurationFile(let path, let reason):
            return Message("cannot read the ALSA configuration {path}: {reason}. Check the path and the file's syntax (see Hardware/mixers/).", ["path": path, "reason": reason])
        case .unknownDevice(let device, let reason, let cards, let ctlDevices):
            let present = cards.isEmpty
                ? Message("No sound card is present: check the USB cable of the microphone interface (lsusb, dmesg).")
                : Message("Sound cards: {cards}.", ["cards": cards.map(\.description).joined(separator: "; ")])
            let configured = ctlDevices.isEmpty
                ? Message.verbatim("")
                : Message(" Control devices in the ALSA configuration: {devices}.", ["devices": ctlDevices.joined(separator: ", ")])
            return Message("there is no ALSA control device '{device}' ({reason}). {present}{configured} 'diemcau mic list' shows them with their elements.",
                           ["device": device, "reason": reason], parts: ["present": present, "configured": configured])
        case .deviceUnavailable(let device, let reason):
            return Message("cannot open the ALSA control device '{device}': {reason}. If it is a sound server's device, check that the server runs.", ["device": device, "reason": reason])
        case .unknownElement(let channel, let device, let element, let index, let existing):
            return Message("channel {channel}: '{device}' has no mixer element '{element}',{index}. It has: {existing}.",
                           ["channel": channel, "device": device, "element": element, "index": "\(index)", "existing": MixerElementInfo.listing(existing)])
        case .noSuchControl(let channel, let device, let element, let control, let existing):
            let has = element.controls.isEmpty
                ? Message(" (it has no switch and no volume).")
                : Message("; it has: {controls}.", ["controls": element.controls.map(\.summary).joined(separator: ", ")])
            let candidates = existing.filter { $0.controls.contains(control) }
            let elsewhere = candidates.isEmpty
                ? Message(" No element on this device has one.")
                : Message(" Elements with a {control}: {elements}.", ["control": control.summary, "elements": candidates.map(\.quoted).joined(separator: ", ")])
            return Message("channel {channel}: element {element} on '{device}' has no {control}{has}{elsewhere}",
                           ["channel": channel, "element": element.quoted, "device": device, "control": control.summary], parts: ["has": has, "elsewhere": elsewhere])
        case .unavailable(let channel, let reason):
            return Message("channel {channel} is unavailable ({reason}); the driver re-attaches it and sets the desired state as soon as it is back.", ["channel": channel, "reason": reason])
        case .captureFailed(let device, let reason):
            return Message("cannot capture from the ALSA device '{device}': {reason}. Check the microphone interface's USB cable, that the device is a capture (pcm) device, and, for a sound server's device, that the server runs.",
                           ["device": device, "reason": reason])
        case .writeFailed(let channel, let reason):
            return Message("channel {channel}: the mixer refused the change ({reason}).", ["channel": channel, "reason": reason])
        case .verificationFailed(let channel, let wanted, let read):
            return Message("channel {channel}: set {wanted} but the mixer reads back {read}; something else holds this control (another program, a hardware switch).",
                           ["channel": channel, "wanted": "\(wanted)", "read": "\(read)"])
        case .noLevelToRestore(let channel):
            return Message("channel {channel}: the volume was already at zero when the driver found it, so there is no level to restore; set liveVolumePercent in the channel's configuration.",
                           ["channel": channel])
        }
    }
}

extension MicError {
    /// Whether this error is about `channel` (or about the device it is on).
    public func concerns(_ channel: MicChannel) -> Bool {
        switch self {
        case .duplicateChannel(let name), .unknownChannel(let name, _): name == channel.name
        case .configurationFile: true
        case .unknownDevice(let device, _, _, _), .deviceUnavailable(let device, _), .captureFailed(let device, _): device == channel.device
        case .unknownElement(let name, _, _, _, _), .noSuchControl(let name, _, _, _, _),
             .unavailable(let name, _), .writeFailed(let name, _),
             .verificationFailed(let name, _, _), .noLevelToRestore(let name):
            name == channel.name
        }
    }
}
