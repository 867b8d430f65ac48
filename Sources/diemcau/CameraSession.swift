import Camera
import Foundation
import Links
import VISCA
import Localization

/// One `diemcau camera` run: open the chain, do the action, close.
struct CameraSession {
    let options: CameraOptions
    let profile: CameraProfile
    let connection: CameraConnection
    let book: CameraRoomBook

    init(_ options: CameraOptions) throws {
        self.options = options
        profile = try CameraProfileLibrary().profile(named: options.profile)
        if let udp = options.udp {
            connection = .udp(udp, localPort: UDPLink.defaultPort)
        } else if let tcp = options.tcp {
            connection = .tcp(tcp)
        } else {
            connection = .serial(options.port ?? "/dev/diemcau-camera1", baud: options.baud ?? profile.defaultBaud)
        }
        book = try CameraRoomBook(options)
    }

    /// What the technician asked for, checked before the camera is touched.
    enum Request {
        case recall(Int), store(Int), reset(Int)
        case move(PanDirection, TiltDirection, String), home
        case zoom(ZoomDrive), zoomTo(Int)
        case focus(FocusMode), power(PowerState)
        case status
    }

    func run(_ action: String) async throws -> Int32 {
        let request = try plan(action, options.positional)
        let chain = CameraDriver(connection, profile: profile) { note in warn("diemcau camera: " + note.said(in: cli)) }
        do {
            try await chain.start()
            try await perform(request, on: chain)
            await chain.close()
            return 0
        } catch {
            await chain.close()
            throw error
        }
    }

    private func plan(_ action: String, _ arguments: [String]) throws -> Request {
        let wanted = action == "status" ? 0 : 1
        guard arguments.count == wanted else {
            throw UsageError(wanted == 0 ? "\(action) takes no argument" : "\(action) takes one argument")
        }
        let argument = arguments.first ?? ""
        switch action {
        case "recall": return .recall(try presetNumber(argument))
        case "store":
            let number = try presetNumber(argument)
            if let name = options.name {
                // Checked before the camera moves: a bad name stores nothing.
                var stored = try book.file.load()
                try stored.assign(name, to: number, camera: book.camera, profile: profile)
            }
            return .store(number)
        case "reset": return .reset(try presetNumber(argument))
        case "move":
            if argument == "home" { return .home }
            let directions: [String: (PanDirection, TiltDirection)] = [
                "left": (.left, .stop), "right": (.right, .stop), "up": (.stop, .up), "down": (.stop, .down),
                "up-left": (.left, .up), "up-right": (.right, .up), "down-left": (.left, .down), "down-right": (.right, .down),
                "stop": (.stop, .stop),
            ]
            guard let (pan, tilt) = directions[argument] else {
                throw UsageError("move takes left, right, up, down, up-left, up-right, down-left, down-right, stop or home, not '\(argument)'")
            }
            _ = try profile.driveSpeeds(panMoving: pan != .stop, tiltMoving: tilt != .stop, panSpeed: panSpeed, tiltSpeed: tiltSpeed)
            return .move(pan, tilt, argument)
        case "zoom":
            if let position = Int(argument) {
                try profile.checkZoom(position)
                return .zoomTo(position)
            }
            if let speed = options.speed, !(0...7).contains(speed) {
                throw UsageError("zoom --speed is 0 (slowest) to 7, not \(speed)")
            }
            switch (argument, options.speed) {
            case ("stop", _): return .zoom(.stop)
            case ("tele", nil): return .zoom(.tele)
            case ("wide", nil): return .zoom(.wide)
            case ("tele", let speed?): return .zoom(.teleVariable(speed: speed))
            case ("wide", let speed?): return .zoom(.wideVariable(speed: speed))
            default: throw UsageError("zoom takes tele, wide, stop or a position number, not '\(argument)'")
            }
        case "focus":
            guard let mode = ["auto": FocusMode.auto, "manual": .manual, "toggle": .toggle][argument] else {
                throw UsageError("focus takes auto, manual or toggle, not '\(argument)'")
            }
            return .focus(mode)
        case "power":
            guard let state = ["on": PowerState.on, "standby": .standby, "off": .standby][argument] else {
                throw UsageError("power takes on or standby, not '\(argument)'")
            }
            return .power(state)
        case "status": return .status
        default: throw UsageError("unknown action '\(action)'")
        }
    }

    private var panSpeed: Int { options.speed ?? (profile.panSpeedRange.lowerBound + profile.panSpeedRange.upperBound) / 2 }
    private var tiltSpeed: Int {
        options.tiltSpeed ?? options.speed ?? (profile.tiltSpeedRange.lowerBound + profile.tiltSpeedRange.upperBound) / 2
    }

    private func perform(_ request: Request, on chain: CameraDriver) async throws {
        let camera = options.address
        switch request {
        case .recall(let number):
            try await chain.recall(preset: number, camera: camera)
            print("camera \(camera): at preset \(label(number))")
        case .store(let number):
            try await chain.store(preset: number, camera: camera)
            if let name = options.name {
                var stored = try book.file.load()
                try stored.assign(name, to: number, camera: book.camera, profile: profile)
                try book.file.save(stored)
                print("camera \(camera): stored preset \(number) as '\(name)' in \(book.file.path) (the daemon reads it at start and on reload)")
            } else {
                print("camera \(camera): stored preset \(number)")
            }
        case .reset(let number):
            try await chain.reset(preset: number, camera: camera)
            var stored = try book.file.load()
            if let name = stored.name(of: number, camera: book.camera) {
                stored.remove(name, camera: book.camera)
                try book.file.save(stored)
            }
            print("camera \(camera): preset \(number) cleared")
        case .home:
            try await chain.home(camera: camera)
            print("camera \(camera): home")
        case .move(let pan, let tilt, let direction):
            try await chain.move(pan: pan, tilt: tilt, panSpeed: panSpeed, tiltSpeed: tiltSpeed, camera: camera)
            if let seconds = options.seconds, direction != "stop" {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                try await chain.stopMoving(camera: camera)
                print("camera \(camera): moved \(direction) for \(seconds) s, stopped")
            } else {
                print("camera \(camera): " + (direction == "stop" ? "stopped" : "moving \(direction) (stop with `diemcau camera move stop`)"))
            }
        case .zoom(let drive):
            try await chain.zoom(drive, camera: camera)
            print("camera \(camera): zoom \(drive)")
        case .zoomTo(let position):
            try await chain.zoom(to: position, camera: camera)
            print("camera \(camera): zoom at \(position)")
        case .focus(let mode):
            try await chain.focus(mode, camera: camera)
            print("camera \(camera): focus \(mode)")
        case .power(let state):
            try await chain.power(state, camera: camera)
            print("camera \(camera): power \(state)")
        case .status:
            try await printStatus(chain)
        }
    }

    /// A preset given as a number, or as a name from the preset book.
    private func presetNumber(_ text: String) throws -> Int {
        if let number = Int(text) {
            try profile.checkPreset(number)
            return number
        }
        return try book.number(of: text)
    }

    private func label(_ number: Int) -> String {
        guard let name = book.name(of: number) else { return "\(number)" }
        return "\(number) (\(name))"
    }

    private func printStatus(_ chain: CameraDriver) async throws {
        let camera = options.address
        func line(_ label: String, _ text: String) { print((label + ":").padding(toLength: 19, withPad: " ", startingAt: 0) + text) }
        line("link", "\(chain.endpoint) (\(await chain.status))")
        line("profile", "\(profile.name) — \(profile.model); presets \(profile.presetRangeText)")
        for inquiry in [Inquiry.power, .zoomPosition, .panTiltPosition, .focusMode, .version] {
            let text: String
            do {
                switch try await chain.inquire(inquiry, camera: camera) {
                case .power(let state): text = "\(state)"
                case .zoomPosition(let position): text = "\(position)"
                case .panTiltPosition(let pan, let tilt): text = "pan \(pan), tilt \(tilt)"
                case .version(let version): text = "\(version)"
                case .focusMode(let mode): text = "\(mode)"
                }
            } catch let error as CameraError {
                if case .rejected(_, _, let reply) = error { text = "not answered (\(reply))" } else { throw error }
            }
            line("\(inquiry)", text)
        }
        let slots = book.roomNames.merging(try book.file.load().slots(camera: book.camera)) { $1 }.sorted { $0.value < $1.value }
        line("preset names", slots.isEmpty ? "none in \(book.file.path)" : slots.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        if let last = await chain.lastRecalledPreset(camera: camera) { line("last recalled", "\(last)") }
    }
}
