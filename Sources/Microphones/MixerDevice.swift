import CALSA
import Glibc

/// One ALSA control device opened as a simple mixer — the card of a USB
/// microphone interface, or a sound server's ctl device — with the simple
/// elements `amixer scontrols` would list. Closed when released.
///
/// Not Sendable: alsa-lib handles are not thread-safe, so each device lives
/// inside the actor that uses it.
final class MixerDevice {
    /// The ctl device name it was opened with.
    let name: String
    /// The simple mixer (`snd_mixer_t *`); it owns `hctl`.
    let mixer: OpaquePointer
    /// The high-level control handle under the mixer (`snd_hctl_t *`), for
    /// reading a control back from the device rather than the mixer's cache.
    let hctl: OpaquePointer

    private init(name: String, mixer: OpaquePointer, hctl: OpaquePointer) {
        self.name = name
        self.mixer = mixer
        self.hctl = hctl
    }

    deinit { snd_mixer_close(mixer) }

    /// Opens `name` through `configuration` (alsa-lib's global one when nil).
    static func open(_ name: String, configuration: ALSAConfiguration?) throws(MicError) -> MixerDevice {
        let (opened, message) = ALSADiagnostics.quietly { () -> Result<(OpaquePointer, OpaquePointer), Int32Error> in
            var hctl: OpaquePointer?
            var code: Int32
            if let configuration {
                var ctl: OpaquePointer?
                code = snd_ctl_open_lconf(&ctl, name, 0, configuration.tree)
                if code >= 0, let ctl {
                    code = snd_hctl_open_ctl(&hctl, ctl)
                    if code < 0 { snd_ctl_close(ctl) }
                }
            } else {
                code = snd_hctl_open(&hctl, name, 0)
            }
            guard code >= 0, let hctl else { return .failure(Int32Error(code: code)) }
            var mixer: OpaquePointer?
            code = snd_mixer_open(&mixer, 0)
            guard code >= 0, let mixer else {
                snd_hctl_close(hctl)
                return .failure(Int32Error(code: code))
            }
            code = snd_mixer_attach_hctl(mixer, hctl)  // closes hctl itself on failure
            if code >= 0 { code = snd_mixer_selem_register(mixer, nil, nil) }
            if code >= 0 { code = snd_mixer_load(mixer) }
            guard code >= 0 else {
                snd_mixer_close(mixer)
                return .failure(Int32Error(code: code))
            }
            return .success((mixer, hctl))
        }
        switch opened {
        case .success(let (mixer, hctl)):
            return MixerDevice(name: name, mixer: mixer, hctl: hctl)
        case .failure(let error):
            let reason = ALSADiagnostics.describe(error.code, message)
            if [ENOENT, ENODEV, EINVAL, ENXIO].contains(-error.code) {
                let ctlDevices = configuration?.ctlDevices() ?? ALSAConfiguration.globalCtlDevices()
                throw .unknownDevice(name, reason: reason, cards: SoundCard.all(), ctlDevices: ctlDevices)
            }
            throw .deviceUnavailable(name, reason: reason)
        }
    }

    /// Whether the kernel drives this device (a `hw` card): it reports its
    /// own disappearance with POLLERR. Plugin devices report it as an error
    /// from the next event read.
    var isKernelDevice: Bool { snd_ctl_type(snd_hctl_ctl(hctl)) == SND_CTL_TYPE_HW }

    /// Every simple element with the mute controls it offers.
    func elements() -> [MixerElementInfo] {
        var list: [MixerElementInfo] = []
        var element = snd_mixer_first_elem(mixer)
        while let current = element {
            if snd_mixer_elem_get_type(current) == SND_MIXER_ELEM_SIMPLE {
                list.append(MixerElementInfo(
                    name: String(cString: snd_mixer_selem_get_name(current)),
                    index: Int(snd_mixer_selem_get_index(current)),
                    controls: MuteControl.allCases.filter { Self.has($0, current) }
                ))
            }
            element = snd_mixer_elem_next(current)
        }
        return list
    }

    /// The simple element `'name',index` (`snd_mixer_elem_t *`), if the device has it.
    func element(_ name: String, index: Int) -> OpaquePointer? {
        var id: OpaquePointer?
        guard snd_mixer_selem_id_malloc(&id) == 0, let id else { return nil }
        defer { snd_mixer_selem_id_free(id) }
        snd_mixer_selem_id_set_name(id, name)
        snd_mixer_selem_id_set_index(id, UInt32(clamping: index))
        return snd_mixer_find_selem(mixer, id)
    }

    static func has(_ control: MuteControl, _ element: OpaquePointer) -> Bool {
        switch control {
        case .captureSwitch: snd_mixer_selem_has_capture_switch(element) != 0
        case .playbackSwitch: snd_mixer_selem_has_playback_switch(element) != 0
        case .captureVolume: snd_mixer_selem_has_capture_volume(element) != 0
        case .playbackVolume: snd_mixer_selem_has_playback_volume(element) != 0
        }
    }

    /// The file descriptors to poll for this device's events.
    func pollDescriptors() -> [pollfd] {
        let count = snd_mixer_poll_descriptors_count(mixer)
        guard count > 0 else { return [] }
        var descriptors = [pollfd](repeating: pollfd(), count: Int(count))
        let filled = snd_mixer_poll_descriptors(mixer, &descriptors, UInt32(count))
        return filled > 0 ? Array(descriptors.prefix(Int(filled))) : []
    }

    /// Takes in what poll() reported on this device's descriptors: updates the
    /// mixer's view of its elements. Returns why the device is gone, if it is.
    func handleEvents(_ ready: [pollfd]) -> String? {
        var descriptors = ready
        var revents: UInt16 = 0
        let (code, message) = ALSADiagnostics.quietly { () -> Int32 in
            let translated = snd_mixer_poll_descriptors_revents(mixer, &descriptors, UInt32(descriptors.count), &revents)
            if translated < 0 { return translated }
            if Int32(revents) & (POLLERR | POLLHUP | POLLNVAL) != 0 { return -ENODEV }
            return snd_mixer_handle_events(mixer)
        }
        guard code < 0 else { return nil }
        return ALSADiagnostics.describe(code, message)
    }
}

/// A negative alsa-lib return code, so it can travel in a `Result`.
struct Int32Error: Error {
    let code: Int32
}
