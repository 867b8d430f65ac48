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
            print(cli.say("camera {camera}: at preset {preset}", ["camera": "\(camera)", "preset": label(number)]))
        case .store(let number):
            try await chain.store(preset: number, camera: camera)
            if let name = options.name {
                var stored = try book.file.load()
                try stored.assign(name, to: number, camera: book.camera, profile: profile)
                try book.file.save(stored)
                print(cli.say("camera {camera}: stored preset {number} as '{name}' in {file} (the daemon reads it at start and on reload)",
                              ["camera": "\(camera)", "number": "\(number)", "name": name, "file": book.file.path]))
            } else {
                print(cli.say("camera {camera}: stored preset {number}", ["camera": "\(camera)", "number": "\(number)"]))
            }
        case .reset(let number):
            try await chain.reset(preset: number, camera: camera)
            var stored = try book.file.load()
            if let name = stored.name(of: number, camera: book.camera) {
                stored.remove(name, camera: book.camera)
                try book.file.save(stored)
            }
            print(cli.say("camera {camera}: preset {number} cleared", ["camera": "\(camera)", "number": "\(number)"]))
        case .home:
            try await chain.home(camera: camera)
            print(cli.say("camera {camera}: home", ["camera": "\(camera)"]))
        case .move(let pan, let tilt, let direction):
            try await chain.move(pan: pan, tilt: tilt, panSpeed: panSpeed, tiltSpeed: tiltSpeed, camera: camera)
            if let seconds = options.seconds, direction != "stop" {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                try await chain.stopMoving(camera: camera)
                print(cli.say("camera {camera}: moved {direction} for {seconds} s, stopped", ["camera": "\(camera)", "direction": direction, "seconds": "\(seconds)"]))
            } else if direction == "stop" {
                print(cli.say("camera {camera}: stopped", ["camera": "\(camera)"]))
            } else {
                print(cli.say("camera {camera}: moving {direction} (stop with `diemcau camera move stop`)", ["camera": "\(camera)", "direction": direction]))
            }
        case .zoom(let drive):
            try await chain.zoom(drive, camera: camera)
            print(cli.say("camera {camera}: zoom {drive}", ["camera": "\(camera)", "drive": "\(drive)"]))
        case .zoomTo(let position):
            try await chain.zoom(to: position, camera: camera)
            print(cli.say("camera {camera}: zoom at {position}", ["camera": "\(camera)", "position": "\(position)"]))
        case .focus(let mode):
            try await chain.focus(mode, camera: camera)
            print(cli.say("camera {camera}: focus {mode}", ["camera": "\(camera)", "mode": "\(mode)"]))
        case .power(let state):
            try await chain.power(state, camera: camera)
            print(cli.say("camera {camera}: power {state}", ["camera": "\(camera)", "state": "\(state)"]))
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
        var rows: [(label: String, text: String)] = []
        func line(_ label: String, _ text: String) { rows.append((label, text)) }
        line(cli.say("link"), "\(chain.endpoint) (\(await chain.status.message.said(in: cli)))")
        line(cli.say("profile"), cli.say("{name} — {model}; presets {presets}", ["name": profile.name, "model": profile.model, "presets": profile.presetRangeText]))
        for inquiry in [Inquiry.power, .zoomPosition, .panTiltPosition, .focusMode, .version] {
            let text: String
            do {
                switch try await chain.inquire(inquiry, camera: camera) {
                case .power(let state): text = "\(state)"
                case .zoomPosition(let position): text = "\(position)"
                case .panTiltPosition(let pan, let tilt): text = cli.say("pan {pan}, tilt {tilt}", ["pan": "\(pan)", "tilt": "\(tilt)"])
                case .version(let version): text = "\(version)"
                case .focusMode(let mode): text = "\(mode)"
                }
            } catch let error as CameraError {
                if case .rejected(_, _, let reply) = error { text = cli.say("not answered ({reply})", ["reply": "\(reply)"]) } else { throw error }
            }
            line(Self.label(of: inquiry), text)
        }
        let slots = book.roomNames.merging(try book.file.load().slots(camera: book.camera)) { $1 }.sorted { $0.value < $1.value }
        line(cli.say("preset names"), slots.isEmpty ? cli.say("none in {file}", ["file": book.file.path]) : slots.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        if let last = await chain.lastRecalledPreset(camera: camera) { line(cli.say("last recalled"), "\(last)") }
        // The values line up after the longest label, and at least where they always did.
        let width = max(19, (rows.map(\.label.count).max() ?? 0) + 2)
        for row in rows { print(row.label + ":" + String(repeating: " ", count: width - row.label.count - 1) + row.text) }
    }

    /// An inquiry's name in the technician's language.
    static func label(of inquiry: Inquiry) -> String {
        switch inquiry {
        case .power: cli.say("power")
        case .zoomPosition: cli.say("zoom position")
        case .panTiltPosition: cli.say("pan-tilt position")
        case .version: cli.say("version")
        case .focusMode: cli.say("focus mode")
        }
    }
}
