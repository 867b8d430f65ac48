import CALSA
import Glibc

/// The control that mutes one channel, resolved on an open device: sets it,
/// reads it from the mixer's view (kept current by the device's events), and
/// reads it back from the device itself to verify every set.
///
/// Not Sendable: it holds alsa-lib pointers into its device, and lives in the
/// same actor as the device.
final class MuteSwitch {
    let channel: MicChannel
    /// Kept alive as long as the switch: `element` points into it.
    let device: MixerDevice
    /// The simple element (`snd_mixer_elem_t *`).
    private let element: OpaquePointer
    /// The control under the element, read straight from the device; nil
    /// when its name follows no pattern we know (then the mixer's view,
    /// refreshed first, is the read-back).
    private let readback: ControlReadback?
    /// For the volume controls: the per-channel levels to restore on unmute.
    var restoreLevels: [Int]?

    /// Resolves `channel` on `device`; the error lists what the device has.
    init(channel: MicChannel, device: MixerDevice) throws(MicError) {
        self.channel = channel
        self.device = device
        guard let element = device.element(channel.element, index: channel.index) else {
            throw .unknownElement(channel: channel.name, device: device.name, element: channel.element,
                                  index: channel.index, existing: device.elements())
        }
        guard MixerDevice.has(channel.control, element) else {
            let existing = device.elements()
            let this = existing.first { $0.name == channel.element && $0.index == channel.index }
                ?? MixerElementInfo(name: channel.element, index: channel.index, controls: [])
            throw .noSuchControl(channel: channel.name, device: device.name, element: this,
                                 control: channel.control, existing: existing)
        }
        self.element = element
        self.readback = ControlReadback(hctl: device.hctl, names: Self.controlNames(channel), index: channel.index)
        if channel.control.isVolume, let levels = levels(), levels.contains(where: { $0 > range.min }) {
            restoreLevels = levels
        }
    }

    /// The state in the mixer's view, which the device's events keep current.
    func current() -> MicState {
        switch channel.control {
        case .captureSwitch, .playbackSwitch:
            let on = positions.contains { position in
                var value: Int32 = 0
                if channel.control == .captureSwitch {
                    snd_mixer_selem_get_capture_switch(element, position, &value)
                } else {
                    snd_mixer_selem_get_playback_switch(element, position, &value)
                }
                return value != 0
            }
            return on ? .live : .muted
        case .captureVolume, .playbackVolume:
            let minimum = range.min
            return (levels() ?? []).contains { $0 > minimum } ? .live : .muted
        }
    }

    /// Reads the control from the device itself (a round trip to the card or
    /// the sound server), not from the mixer's view.
    func read() throws(MicError) -> MicState {
        if let readback {
            let (result, message) = ALSADiagnostics.quietly { readback.read() }
            switch result {
            case .success(let state): return state
            case .failure(let error):
                throw .unavailable(channel: channel.name, reason: ALSADiagnostics.describe(error.code, message))
            }
        }
        let (code, message) = ALSADiagnostics.quietly { snd_mixer_handle_events(device.mixer) }
        guard code >= 0 else {
            throw .unavailable(channel: channel.name, reason: ALSADiagnostics.describe(code, message))
        }
        return current()
    }

    /// Sets the state, then reads it back from the device.
    func set(_ state: MicState) throws(MicError) {
        let (code, message) = try ALSADiagnostics.quietly { () throws(MicError) -> Int32 in try write(state) }
        guard code >= 0 else {
            throw .writeFailed(channel: channel.name, reason: ALSADiagnostics.describe(code, message))
        }
        let read = try read()
        guard read == state else { throw .verificationFailed(channel: channel.name, wanted: state, read: read) }
    }

    private func write(_ state: MicState) throws(MicError) -> Int32 {
        let on: Int32 = state == .live ? 1 : 0
        switch channel.control {
        case .captureSwitch:
            return snd_mixer_selem_set_capture_switch_all(element, on)
        case .playbackSwitch:
            return snd_mixer_selem_set_playback_switch_all(element, on)
        case .captureVolume, .playbackVolume:
            let (minimum, maximum) = range
            if state == .muted {
                if let levels = levels(), levels.contains(where: { $0 > minimum }) { restoreLevels = levels }
                return setVolume(all: minimum)
            }
            if let levels = restoreLevels, levels.count == positions.count {
                for (position, level) in zip(positions, levels) {
                    let code = channel.control == .captureVolume
                        ? snd_mixer_selem_set_capture_volume(element, position, level)
                        : snd_mixer_selem_set_playback_volume(element, position, level)
                    if code < 0 { return code }
                }
                return 0
            }
            guard let percent = channel.liveVolumePercent else { throw .noLevelToRestore(channel: channel.name) }
            let level = minimum + (maximum - minimum) * Int(min(max(percent, 1), 100)) / 100
            return setVolume(all: max(level, minimum + 1))
        }
    }

    /// Notes a level someone else set, to restore it after the next mute.
    func noteOutsideLevels() {
        guard channel.control.isVolume, let levels = levels(), levels.contains(where: { $0 > range.min }) else { return }
        restoreLevels = levels
    }

    private func setVolume(all level: Int) -> Int32 {
        channel.control == .captureVolume
            ? snd_mixer_selem_set_capture_volume_all(element, level)
            : snd_mixer_selem_set_playback_volume_all(element, level)
    }

    private var range: (min: Int, max: Int) {
        var minimum = 0, maximum = 0
        if channel.control == .captureVolume {
            snd_mixer_selem_get_capture_volume_range(element, &minimum, &maximum)
        } else {
            snd_mixer_selem_get_playback_volume_range(element, &minimum, &maximum)
        }
        return (minimum, maximum)
    }

    private func levels() -> [Int]? {
        var levels: [Int] = []
        for position in positions {
            var level = 0
            let code = channel.control == .captureVolume
                ? snd_mixer_selem_get_capture_volume(element, position, &level)
                : snd_mixer_selem_get_playback_volume(element, position, &level)
            guard code >= 0 else { return nil }
            levels.append(level)
        }
        return levels
    }

    /// The element's channel positions (front left, front right, mono...) on the muting side.
    private var positions: [snd_mixer_selem_channel_id_t] {
        let capture = channel.control == .captureSwitch || channel.control == .captureVolume
        var list: [snd_mixer_selem_channel_id_t] = []
        for raw in 0...Int32(SND_MIXER_SCHN_LAST.rawValue) {
            let position = snd_mixer_selem_channel_id_t(rawValue: raw)
            let has = capture
                ? snd_mixer_selem_has_capture_channel(element, position)
                : snd_mixer_selem_has_playback_channel(element, position)
            if has != 0 { list.append(position) }
        }
        return list.isEmpty ? [SND_MIXER_SCHN_MONO] : list
    }

    /// The names alsa-lib's simple mixer gives the control under an element
    /// (alsa-lib src/mixer/simple_none.c): `Mic Capture Switch`, or a global
    /// `Mic Switch`; the element `Capture` comes from `Capture Switch`.
    static func controlNames(_ channel: MicChannel) -> [String] {
        let name = channel.element
        switch channel.control {
        case .captureSwitch:
            return (name == "Capture" ? ["Capture Switch"] : []) + ["\(name) Capture Switch", "\(name) Switch"]
        case .playbackSwitch:
            return ["\(name) Playback Switch", "\(name) Switch"]
        case .captureVolume:
            return (name == "Capture" ? ["Capture Volume"] : []) + ["\(name) Capture Volume", "\(name) Volume"]
        case .playbackVolume:
            return ["\(name) Playback Volume", "\(name) Volume"]
        }
    }
}

extension MuteControl {
    var isVolume: Bool { self == .captureVolume || self == .playbackVolume }
}

/// One control element read straight from the device (`snd_hctl_elem_read`).
final class ControlReadback {
    private let element: OpaquePointer
    private let value: OpaquePointer
    private let count: Int
    private let isBoolean: Bool
    private let minimum: Int

    init?(hctl: OpaquePointer, names: [String], index: Int) {
        var id: OpaquePointer?
        guard snd_ctl_elem_id_malloc(&id) == 0, let id else { return nil }
        defer { snd_ctl_elem_id_free(id) }
        var found: OpaquePointer?
        for name in names {
            snd_ctl_elem_id_clear(id)
            snd_ctl_elem_id_set_interface(id, SND_CTL_ELEM_IFACE_MIXER)
            snd_ctl_elem_id_set_name(id, name)
            snd_ctl_elem_id_set_index(id, UInt32(clamping: index))
            if let element = snd_hctl_find_elem(hctl, id) { found = element; break }
        }
        guard let found else { return nil }
        var info: OpaquePointer?
        guard snd_ctl_elem_info_malloc(&info) == 0, let info else { return nil }
        defer { snd_ctl_elem_info_free(info) }
        guard snd_hctl_elem_info(found, info) >= 0 else { return nil }
        let type = snd_ctl_elem_info_get_type(info)
        guard type == SND_CTL_ELEM_TYPE_BOOLEAN || type == SND_CTL_ELEM_TYPE_INTEGER else { return nil }
        var value: OpaquePointer?
        guard snd_ctl_elem_value_malloc(&value) == 0, let value else { return nil }
        self.element = found
        self.value = value
        self.count = Int(snd_ctl_elem_info_get_count(info))
        self.isBoolean = type == SND_CTL_ELEM_TYPE_BOOLEAN
        self.minimum = isBoolean ? 0 : snd_ctl_elem_info_get_min(info)
    }

    deinit { snd_ctl_elem_value_free(value) }

    /// Muted when every value is off (a switch) or at the minimum (a volume).
    func read() -> Result<MicState, Int32Error> {
        let code = snd_hctl_elem_read(element, value)
        guard code >= 0 else { return .failure(Int32Error(code: code)) }
        for i in 0..<UInt32(count) {
            let on = isBoolean
                ? snd_ctl_elem_value_get_boolean(value, i) != 0
                : snd_ctl_elem_value_get_integer(value, i) > minimum
            if on { return .success(.live) }
        }
        return .success(.muted)
    }
}
