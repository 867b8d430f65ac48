/// What went wrong with a microphone channel, in words a technician can act on.
public enum MicError: Error, Sendable, Hashable, CustomStringConvertible {
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

    public var description: String {
        switch self {
        case .duplicateChannel(let name):
            return "two microphone channels are named '\(name)': give each channel a name of its own."
        case .unknownChannel(let name, let known):
            return "there is no microphone channel named '\(name)'; the channels are: "
                + (known.isEmpty ? "(none configured)" : known.joined(separator: ", ")) + "."
        case .configurationFile(let path, let reason):
            return "cannot read the ALSA configuration \(path): \(reason). Check the path and the file's syntax (see Hardware/mixers/)."
        case .unknownDevice(let device, let reason, let cards, let ctlDevices):
            var text = "there is no ALSA control device '\(device)' (\(reason)). "
            text += cards.isEmpty
                ? "No sound card is present: check the USB cable of the microphone interface (lsusb, dmesg)."
                : "Sound cards: " + cards.map(\.description).joined(separator: "; ") + "."
            if !ctlDevices.isEmpty {
                text += " Control devices in the ALSA configuration: " + ctlDevices.joined(separator: ", ") + "."
            }
            return text + " 'diemcau mic list' shows them with their elements."
        case .deviceUnavailable(let device, let reason):
            return "cannot open the ALSA control device '\(device)': \(reason). If it is a sound server's device, check that the server runs."
        case .unknownElement(let channel, let device, let element, let index, let existing):
            return "channel \(channel): '\(device)' has no mixer element '\(element)',\(index). It has: "
                + MixerElementInfo.listing(existing) + "."
        case .noSuchControl(let channel, let device, let element, let control, let existing):
            var text = "channel \(channel): element \(element.quoted) on '\(device)' has no \(control.summary)"
            text += element.controls.isEmpty ? " (it has no switch and no volume)." : "; it has: " + element.controls.map(\.summary).joined(separator: ", ") + "."
            let candidates = existing.filter { $0.controls.contains(control) }
            text += candidates.isEmpty
                ? " No element on this device has one."
                : " Elements with a \(control.summary): " + candidates.map(\.quoted).joined(separator: ", ") + "."
            return text
        case .unavailable(let channel, let reason):
            return "channel \(channel) is unavailable (\(reason)); the driver re-attaches it and sets the desired state as soon as it is back."
        case .captureFailed(let device, let reason):
            return "cannot capture from the ALSA device '\(device)': \(reason). Check the microphone interface's USB cable, "
                + "that the device is a capture (pcm) device, and, for a sound server's device, that the server runs."
        case .writeFailed(let channel, let reason):
            return "channel \(channel): the mixer refused the change (\(reason))."
        case .verificationFailed(let channel, let wanted, let read):
            return "channel \(channel): set \(wanted) but the mixer reads back \(read); something else holds this control (another program, a hardware switch)."
        case .noLevelToRestore(let channel):
            return "channel \(channel): the volume was already at zero when the driver found it, so there is no level to restore; set liveVolumePercent in the channel's configuration."
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
