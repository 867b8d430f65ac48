import CameraSimulator
import Foundation
import Testing
import Links
import VISCA
@testable import Camera

/// A simulator and a driver talking to it over one transport.
struct SimulatedRoom {
    let simulator: CameraSimulator
    let driver: CameraDriver

    enum Transport { case pty, udp, tcp }

    static let library = CameraProfileLibrary(directories: [CameraProfileLibrary.sourceTreeDirectory])

    /// Starts a simulated chain of `cameras` cameras of `model` and a driver with `profile` over `transport`.
    static func start(_ transport: Transport = .pty, model: CameraModel = .eviD70, profile: String = "sony-evi-d70",
                      cameras: Int = 1, timing: CameraTiming = testTiming(),
                      motion: MotionTiming? = nil, baudRate: BaudRate? = nil, echoesBroadcastInterfaceClear: Bool = true,
                      notes: Notes = Notes()) async throws -> SimulatedRoom {
        let simulator = CameraSimulator(SimulatorConfiguration(cameras: cameras, model: model, timing: motion,
                                                               baudRate: baudRate,
                                                               echoesBroadcastInterfaceClear: echoesBroadcastInterfaceClear))
        let connection: CameraConnection
        switch transport {
        case .pty:
            connection = .tty(try await simulator.startPseudoTerminal())
        case .udp:
            connection = .udp(HostAndPort(host: "127.0.0.1", port: try await simulator.startUDP()))
        case .tcp:
            connection = .tcp(HostAndPort(host: "127.0.0.1", port: try await simulator.startTCP(port: 0)))
        }
        let driver = CameraDriver(connection, profile: try library.profile(named: profile), timing: timing, note: notes.add)
        try await driver.start()
        return SimulatedRoom(simulator: simulator, driver: driver)
    }

    func state(_ camera: Int = 1) async throws -> CameraState {
        try #require(await simulator.state(of: try CameraAddress(camera)))
    }

    /// The commands the simulator received, decoded.
    func commands() async -> [Command] { await simulator.receivedMessages().compactMap(\.command) }

    func stop() async {
        await driver.close()
        await simulator.stop()
    }
}

