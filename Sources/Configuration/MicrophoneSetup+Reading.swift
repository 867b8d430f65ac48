import Codec
import Localization
import Microphones

extension MicrophoneSetup {
    /// One of `microphones`: its name, ALSA device and element, and the
    /// preset that frames it. That the preset exists and the name is the
    /// only one is checked once every section is read.
    init?(reading mic: FieldObject) {
        let name = mic.field("name", required: true)?.text(.name)
        let device = mic.field("device", required: true)?.text(.alsaDevice)
        let element = mic.field("element", required: true)?.text(.mixerElement)
        let index = mic.field("index")?.number(.elementIndex)
        let mute = mic.field("mute")?.choice(MuteControl.self, noun: Message("a way to mute"))
        let preset = mic.field("preset")?.text(.name)
        let capture = mic.field("capture")?.text(.alsaDevice)
        if name == "all" {
            mic.report(Message("is \"all\""), Message("\"all\" means every microphone; choose another name"), at: "name")
        }
        guard let name, let device, let element else { return nil }
        self.init(name: name, device: device, element: element, index: index, mute: mute, preset: preset, capture: capture)
    }
}

extension TerminalSetup {
    /// `terminal`: the H.323/SIP terminal's API.
    init?(reading terminal: FieldObject) {
        let dialect = terminal.field("dialect", required: true)?.choice(DialectKind.self, noun: Message("a terminal dialect"))
        let host = terminal.field("host", required: true)?.text(.host)
        let port = terminal.field("port")?.number(.port)
        let secrets = terminal.field("secrets", required: true)?.text(.file)
        let seconds = terminal.field("qualitySampleSeconds")?.number(.sampleSeconds)
        let transport = terminal.field("transport")?.choice(Transport.self, noun: Message("a way to reach the terminal's API"))
        let knownHosts = terminal.field("knownHosts")?.text(.file)
        let sshKey = terminal.field("sshKey")?.text(.file)
        if transport == .ssh, knownHosts == nil, !terminal.has("knownHosts") {
            terminal.report(Message("is needed with \"transport\": \"ssh\""), Schema.fix(for: "knownHosts"), at: "knownHosts")
        }
        guard let dialect, let host, let secrets else { return nil }
        self.init(
            dialect: dialect, host: host, port: port, secrets: secrets, qualitySampleSeconds: seconds,
            transport: transport, knownHosts: knownHosts, sshKey: sshKey)
    }
}

extension KeypadSetup {
    /// `keypad`: the technician's keypad and its key map.
    init?(reading keypad: FieldObject) {
        let device = keypad.field("device", required: true)?.text(.device)
        let map = keypad.field("map", required: true)?.text(.file)
        guard let device, let map else { return nil }
        self.init(device: device, map: map)
    }
}
