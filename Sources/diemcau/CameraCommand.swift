import Camera
import Foundation
import Links
import VISCA

/// `diemcau camera`: store, recall and reset presets; move, zoom, focus and power a camera.
enum CameraCommand {
    static let name = "camera"
    static let summary = cli.say("store, recall and reset presets; move, zoom, focus and power a camera")

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static func run(_ arguments: [String]) async -> Int32 {
        guard let action = arguments.first, !["-h", "--help", "help"].contains(action) else {
            print(CameraHelp.overview)
            return arguments.isEmpty ? 64 : 0
        }
        guard let help = CameraHelp.actions[action] else {
            warn("diemcau camera: unknown action '\(action)'.\n\n" + CameraHelp.overview)
            return 64
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("-h") || rest.contains("--help") {
            print(help + "\n\n" + CameraHelp.connection)
            return 0
        }
        let options: CameraOptions
        do {
            options = try CameraOptions(rest)
        } catch {
            warn("diemcau camera \(action): \(said(error))\n\n" + help)
            return 64
        }
        if action == "profiles" { return listProfiles() }
        do {
            let session = try CameraSession(options)
            return try await session.run(action)
        } catch let error as UsageError {
            warn("diemcau camera \(action): \(said(error))\n\n" + help)
            return 64
        } catch let error as CameraError {
            warn("diemcau camera \(action): \(said(error))")
            return exitStatus(for: error)
        } catch {
            warn("diemcau camera \(action): \(said(error))")
            return 70
        }
    }

    static func listProfiles() -> Int32 {
        let library = CameraProfileLibrary()
        for name in ["generic"] + library.available {
            guard let profile = try? library.profile(named: name) else { continue }
            let transports = profile.transports.joined(separator: ", ")
            print("\(name.padding(toLength: 18, withPad: " ", startingAt: 0))\(profile.model) — presets \(profile.presetRangeText); \(transports)")
        }
        return 0
    }

    /// sysexits(3) codes, so scripts can tell a typo from a dead camera.
    static func exitStatus(for error: CameraError) -> Int32 {
        switch error {
        case .invalid, .presetOutOfRange, .speedOutOfRange, .zoomOutOfRange, .unknownPresetName, .invalidPresetName,
             .notOnChain:
            return 65  // EX_DATAERR: the request does not fit this camera
        case .profileNotFound, .profileUnreadable, .presetBookUnreadable:
            return 66  // EX_NOINPUT
        case .offline, .noAnswer, .noCompletion, .closed, .unexpectedAnswer:
            return 69  // EX_UNAVAILABLE: the camera does not answer
        case .rejected(_, _, let reply):
            return reply == .bufferFull ? 75 : 76  // EX_TEMPFAIL: try again; EX_PROTOCOL: the camera refused
        case .link(let link):
            if case .permissionDenied = link { return 77 }  // EX_NOPERM
            return 74  // EX_IOERR
        case .presetBookUnwritable:
            return 73  // EX_CANTCREAT
        }
    }
}

/// A mistake in the command line.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
