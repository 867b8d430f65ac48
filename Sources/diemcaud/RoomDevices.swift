import Camera
import Codec
import Configuration
import FoundationEssentials
import Keypad
import Links
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
                let link = connection(for: setup, profile: profile)
                let chain: CameraDriver
                if let shared = chains[link.description] {
                    chain = shared
                } else {
                    chain = CameraDriver(link, profile: profile) { note in log(Message("camera {name}: {note}", ["name": setup.name], parts: ["note": note])) }
                    chains[link.description] = chain
                    devices.cameraChains.append(chain)
                }
                let camera = RoomCamera(chain: chain, address: setup.address ?? 1)
                if index == 0 { devices.camera = camera } else { devices.otherCameras[setup.name] = camera }
            } catch {
                problems.append(Message("camera {name}: {fault}", ["name": setup.name], parts: ["fault": .about(error)]))
            }
        }
        if !configuration.microphones.isEmpty {
            let channels = configuration.microphones.map { mic in
                MicChannel(
                    name: mic.name, device: mic.device, element: mic.element, index: mic.index ?? 0,
                    control: MuteControl(rawValue: (mic.mute ?? .captureSwitch).rawValue) ?? .captureSwitch)
            }
            do {
                devices.microphones = try MicrophoneBank(channels: channels, alsaConfiguration: alsaConfiguration)
            } catch {
                problems.append(Message("microphones: {fault}", parts: ["fault": .about(error)]))
            }
        }
        if let terminal = configuration.terminal {
            do {
                // The room file's name for the dialect is the driver's: no
                // dialect stands in for another.
                guard let dialect = DialectKind(rawValue: terminal.dialect.rawValue)?.dialect else {
                    throw RoomDeviceProblem(Message("this diemcaud does not speak the terminal dialect '{dialect}'", ["dialect": terminal.dialect.rawValue]))
                }
                // A terminal whose API asks no login (Yealink) needs no secrets file.
                let credentials = dialect.needsLogin ? try TerminalCredentials.load(from: terminal.secrets) : TerminalCredentials.none
                var options = TerminalClient.Options()
                options.log = log
                devices.terminal = TerminalClient(
                    host: terminal.host, port: terminal.port.map { UInt16($0) }, dialect: dialect,
                    credentials: credentials, transport: try transport(of: terminal, for: dialect), options: options)
            } catch {
                problems.append(Message("terminal: {fault}", parts: ["fault": .about(error)]))
            }
        }
        if let keypad = configuration.keypad {
            do {
                devices.keypad = Keypad(path: keypad.device, map: try KeyMap(contentsOf: keypad.map))
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
            devices.power = RoomPower(
                client: NUTClient(host: power.host, port: power.port.map { UInt16($0) } ?? NUTClient.defaultPort),
                ups: power.ups, thresholds: power.thresholds)
        }
        return devices
    }

    private static func transport(of terminal: TerminalSetup, for dialect: any TerminalDialect) throws -> TerminalTransport {
        switch terminal.transport ?? .telnet {
        case .telnet:
            return .telnet
        case .ssh:
            guard dialect.sshPort != nil else { throw CodecError.sshNotSupported(dialect: dialect.kind.rawValue) }
            return .ssh(SSHAccess(knownHosts: terminal.knownHosts ?? "", identityFile: terminal.sshKey))
        }
    }

    private static func connection(for setup: CameraSetup, profile: CameraProfile) -> CameraConnection {
        let link = setup.link
        switch link.kind {
        case .serial:
            return .serial(link.path ?? "", baud: link.baud ?? profile.defaultBaud)
        case .tty:
            return .tty(link.path ?? "", baud: link.baud ?? profile.defaultBaud)
        case .udp:
            let port = link.port.map { UInt16($0) } ?? profile.udpPort ?? 52381
            return .udp(HostAndPort(host: link.host ?? "", port: port))
        case .tcp:
            let port = link.port.map { UInt16($0) } ?? profile.tcpPort ?? 5678
            return .tcp(HostAndPort(host: link.host ?? "", port: port))
        }
    }
}

/// A device the configuration names but this build cannot drive.
struct RoomDeviceProblem: Error, CustomStringConvertible, Sayable {
    let message: Message
    init(_ message: Message) { self.message = message }
    var description: String { message.description }
}
