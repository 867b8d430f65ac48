import Camera
import Codec
import Localization
import Logbook
import Microphones
import Room
import VISCA

/// The readiness self-test before a meeting (R5): the camera answers and is
/// powered, every microphone is reachable and muted, the terminal's API
/// answers and it is registered, the room is on mains power with a UPS that
/// could carry it, each microphone that holds the floor delivers signal, the
/// logbook has room to write.
enum SelfTest {
    /// Below this much free space the logbook might not last a meeting.
    static let minimumFreeBytes: Int64 = 100 * 1024 * 1024

    /// `floor`: the channels that hold the chair's grant now; open is right for them.
    static func run(_ trigger: ReadinessTrigger, devices: RoomDevices, logbook: Logbook, floor: Set<String> = []) async -> ReadinessReport {
        var checks: [ReadinessCheck] = []
        if let camera = devices.camera {
            checks.append(await cameraCheck(camera))
        }
        if let microphones = devices.microphones {
            for (channel, status) in await microphones.statuses() {
                let name = "microphone \(channel) reachable and muted"
                switch status {
                case .muted: checks.append(ReadinessCheck(name: name, passed: true, said: Message("muted")))
                case .live where floor.contains(channel):
                    // Not a failure, nor an incident: the chair gave this microphone the floor.
                    checks.append(ReadinessCheck(name: name, passed: true, said: Message("open: it holds the floor")))
                case .live:
                    checks.append(ReadinessCheck(
                        name: name, passed: false, said: Message("open: it should be muted until the chair gives the floor (R2)")))
                case .unavailable(let reason):
                    checks.append(ReadinessCheck(
                        name: name, passed: false,
                        said: Message("{reason}: check the microphone interface's USB cable", parts: ["reason": reason])))
                }
            }
        }
        if let sound = devices.sound, let microphones = devices.microphones {
            // Measured only where the mixer shows it open and the chair gave it the floor (R2).
            let open = Set(await microphones.statuses().compactMap { $0.status == .live ? $0.channel : nil }).intersection(floor)
            checks += await sound.checks(open: open)
        }
        if let terminal = devices.terminal {
            checks.append(await terminalCheck(terminal))
            checks.append(ReadinessCheck.line(await lineObservation(terminal), thresholds: devices.lineThresholds))
            checks.append(ReadinessCheck.picture(await pictureObservation(terminal)))
        }
        if let power = devices.power {
            checks += await power.checks()
        }
        checks.append(logbookCheck(logbook))
        return ReadinessReport(checks: checks, trigger: trigger)
    }

    static func cameraCheck(_ camera: RoomCamera) async -> ReadinessCheck {
        let name = "camera answers and is powered"
        do {
            let answer = try await camera.chain.inquire(.power, camera: camera.address)
            if case .power(.on) = answer { return ReadinessCheck(name: name, passed: true, said: Message("on, at {endpoint}", ["endpoint": "\(camera.endpoint)"])) }
            return ReadinessCheck(
                name: name, passed: false,
                said: Message("{answer} at {endpoint}: power the camera on (diemcau camera power on)", ["answer": "\(answer)", "endpoint": "\(camera.endpoint)"]))
        } catch {
            return ReadinessCheck(name: name, passed: false, said: .about(error))
        }
    }

    static func terminalCheck(_ terminal: TerminalClient) async -> ReadinessCheck {
        let name = "terminal API answers and is registered"
        do {
            let registration = try await terminal.registration()
            return registration.isRegistered
                ? ReadinessCheck(name: name, passed: true, said: .verbatim(registration.summary))
                : ReadinessCheck(
                    name: name, passed: false,
                    said: Message("{registration}: check the terminal's gatekeeper/registrar settings and its network", ["registration": registration.summary]))
        } catch {
            return ReadinessCheck(name: name, passed: false, said: .about(error))
        }
    }

    /// The first call's network statistics, as the terminal reports them.
    static func lineObservation(_ terminal: TerminalClient) async -> LineObservation {
        do {
            return try await terminal.statistics().first?.lineObservation ?? LineObservation(callID: nil)
        } catch {
            return LineObservation(callID: nil, problem: "\(error)")
        }
    }

    /// The first video input, as the terminal reports it.
    static func pictureObservation(_ terminal: TerminalClient) async -> PictureObservation {
        do {
            return PictureObservation(try await terminal.videoInputs())
        } catch {
            return PictureObservation(reported: true, problem: "\(error)")
        }
    }

    static func logbookCheck(_ logbook: Logbook) -> ReadinessCheck {
        let name = "logbook has disk space"
        do {
            let free = try logbook.availableBytes()
            let megabytes = free / (1024 * 1024)
            return free >= minimumFreeBytes
                ? ReadinessCheck(name: name, passed: true, said: Message("{free} MB free in {directory}", ["free": "\(megabytes)", "directory": "\(logbook.directory)"]))
                : ReadinessCheck(
                    name: name, passed: false,
                    said: Message("only {free} MB free in {directory}: free some space", ["free": "\(megabytes)", "directory": "\(logbook.directory)"]))
        } catch {
            return ReadinessCheck(name: name, passed: false, said: .about(error))
        }
    }
}
