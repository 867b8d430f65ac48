import Camera
import Codec
import Configuration
import Keypad
import Microphones
import Power
import Localization
import Room

/// The room's hardware as drivers, made from the configuration. Every part
/// is optional: a room may have no terminal API or no keypad, and a driver
/// that cannot be set up is reported and left out rather than stopping the room.
struct RoomDevices: Sendable {
    /// The room's main camera (`cameras[0]`): the keypad's, and the one whose health the rules keep.
    var camera: RoomCamera?
    /// The other cameras, by name: each frames the microphones whose presets it has.
    var otherCameras: [String: RoomCamera] = [:]
    /// Every line the cameras are on, once: cameras on one daisy chain share it.
    var cameraChains: [CameraDriver] = []
    var microphones: MicrophoneBank?
    var terminal: TerminalClient?
    var keypad: Keypad?
    /// The room's UPS: asked by the readiness test only (R5).
    var power: RoomPower?
    /// The microphones whose signal the readiness test measures (R5).
    var sound: RoomSound?
    /// What the readiness test asks of the line during the test call (R5).
    var lineThresholds = LineThresholds()

    /// Builds the drivers; `problems` collects what could not be built, for the log.
    static func make(
        from configuration: RoomConfiguration, profiles: CameraProfileLibrary, alsaConfiguration: String?,
        log: @escaping @Sendable (Message) -> Void, problems: inout [Message]
    ) -> RoomDevices {
        var devices = RoomDevices()
        var chains: [String: CameraDriver] = [:]
        for (index, setup) in configuration.cameras.enumerated() {
            do {
                let profile = try profiles.profile(named: setup.profile)
                let link = setup.connection(profile: profile)
                let chain: CameraDriver
                if let shared = chains[link.description] {
                    chain = shared
                } else {
                    chain = CameraDriver(link, profile: profile) { note in log(Message("camera {name}: {note}", ["name": setup.name], parts: ["note": note])) }
                    chains[link.description] = chain
                    devices.cameraChains.append(chain)
                }
                let camera = RoomCamera(chain: chain, address: setup.chainAddress)
                if index == 0 { devices.camera = camera } else { devices.otherCameras[setup.name] = camera }
            } catch {
                problems.append(Message("camera {name}: {fault}", ["name": setup.name], parts: ["fault": .about(error)]))
            }
        }
        if !configuration.microphones.isEmpty {
            do {
                devices.microphones = try MicrophoneBank(
                    channels: configuration.microphones.map(\.channel), alsaConfiguration: alsaConfiguration)
            } catch {
                problems.append(Message("microphones: {fault}", parts: ["fault": .about(error)]))
            }
        }
        if let terminal = configuration.terminal {
            do {
                devices.terminal = try terminal.client(log: log)
            } catch {
                problems.append(Message("terminal: {fault}", parts: ["fault": .about(error)]))
            }
        }
        if let keypad = configuration.keypad {
            do {
                devices.keypad = try keypad.keypad()
            } catch {
                problems.append(Message("keypad: {fault}", parts: ["fault": .about(error)]))
            }
        }
        let captures = configuration.microphones.compactMap { mic in mic.capture.map { (channel: mic.name, device: $0) } }
        if !captures.isEmpty {
            devices.sound = RoomSound(
                captures: captures, alsaConfiguration: alsaConfiguration,
                threshold: configuration.readiness?.soundThreshold ?? SoundThreshold())
        }
        devices.lineThresholds = configuration.readiness?.lineThresholds ?? LineThresholds()
        if let power = configuration.power {
            devices.power = RoomPower(client: power.client, ups: power.ups, thresholds: power.thresholds)
        }
        return devices
    }
}
