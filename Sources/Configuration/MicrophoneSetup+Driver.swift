import Microphones

extension MicrophoneSetup {
    /// The microphone driver's channel: every field the mixer needs, as
    /// the room file gives it (index 0 and the capture switch when absent).
    /// The preset and the capture device are the room's, not the mixer's;
    /// the channel's fail-safe mute and unmute level are the driver's own
    /// (the room file does not set them): so two types, built here only.
    public var channel: MicChannel {
        MicChannel(name: name, device: device, element: element, index: index ?? 0, control: mute ?? .captureSwitch)
    }
}
