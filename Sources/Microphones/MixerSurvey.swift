/// What a technician sees with `diemcau mic list`: every sound card and
/// every ctl device in the ALSA configuration, with the mixer elements each
/// has and the mute controls of each element.
public struct MixerSurvey: Sendable {
    /// A device that opened, with its elements.
    public struct Device: Sendable, Hashable {
        public let name: String
        /// The card behind it, when it is a card.
        public let card: SoundCard?
        public let elements: [MixerElementInfo]
    }

    public let devices: [Device]
    /// Ctl devices the room's files define but that did not open now, with why.
    public let unopened: [(device: String, reason: String)]
    /// Ctl devices alsa-lib and its plugins define for themselves (not opened).
    public let builtIn: [String]

    /// Surveys the cards and the ctl devices the room's ALSA files define
    /// (`alsaConfiguration`, the files in ALSA_CONFIG_PATH, /etc/asound.conf, ~/.asoundrc).
    public static func take(alsaConfiguration: String? = nil) throws(MicError) -> MixerSurvey {
        let configuration = try alsaConfiguration.map { path throws(MicError) in try ALSAConfiguration(path: path) }
        var devices: [Device] = []
        var unopened: [(String, String)] = []
        for card in SoundCard.all() {
            do throws(MicError) {
                let device = try MixerDevice.open(card.device, configuration: configuration)
                devices.append(Device(name: card.device, card: card, elements: device.elements()))
            } catch {
                unopened.append((card.device, error.description))
            }
        }
        let names = ALSAConfiguration.roomCtlDevices(path: alsaConfiguration)
        let all = configuration?.ctlDevices() ?? ALSAConfiguration.globalCtlDevices()
        for name in names {
            do throws(MicError) {
                let device = try MixerDevice.open(name, configuration: configuration)
                devices.append(Device(name: name, card: nil, elements: device.elements()))
            } catch {
                switch error {
                case .unknownDevice(_, let reason, _, _), .deviceUnavailable(_, let reason):
                    unopened.append((name, reason))
                default:
                    unopened.append((name, error.description))
                }
            }
        }
        return MixerSurvey(devices: devices, unopened: unopened, builtIn: all.filter { !names.contains($0) })
    }
}
