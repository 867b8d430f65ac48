import FoundationEssentials
import Support

/// What one camera model accepts, read from `Hardware/cameras/<name>.json`:
/// its preset numbers (with gaps), speed and zoom ranges, baud rates,
/// transports, and quirks the driver works around.
public struct CameraProfile: Sendable, Equatable, Codable {
    /// The file's name without `.json`: `sony-evi-d70`.
    public var name: String
    /// As printed on the camera: "Sony EVI-D70 / EVI-D70P".
    public var model: String
    /// `serial`, `udp` (Sony VISCA over IP), `tcp` (raw VISCA), `udp-raw`.
    public var transports: [String]
    public var baudRates: [Int]
    public var defaultBaud: Int
    public var udpPort: UInt16?
    public var tcpPort: UInt16?
    public var rawUDPPort: UInt16?
    /// Inclusive ranges of preset numbers the camera stores; the gaps between are reserved.
    public var presets: [[Int]]
    /// Pan and tilt speed, inclusive `[min, max]`.
    public var panSpeed: [Int]
    public var tiltSpeed: [Int]
    /// Zoom position, inclusive `[wide, tele]`.
    public var zoom: [Int]
    /// The speed sent for an axis that is not moving. 0 on most cameras; a
    /// BRC-300 refuses 00 even there, so its profile says 1.
    public var stoppedAxisSpeed: Int
    /// How long the longest preset recall takes, in seconds.
    public var recallSeconds: Int
    public var notes: String?
    public var sources: [String]?

    /// The preset numbers as ranges.
    public var presetRanges: [ClosedRange<Int>] { presets.compactMap { $0.count == 2 && $0[0] <= $0[1] ? $0[0]...$0[1] : nil } }
    public var panSpeedRange: ClosedRange<Int> { range(panSpeed, default: 1...0x18) }
    public var tiltSpeedRange: ClosedRange<Int> { range(tiltSpeed, default: 1...0x14) }
    public var zoomRange: ClosedRange<Int> { range(zoom, default: 0...0x4000) }

    /// "0-89, 100-254", for messages.
    public var presetRangeText: String {
        presetRanges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ", ")
    }

    private func range(_ pair: [Int], default fallback: ClosedRange<Int>) -> ClosedRange<Int> {
        pair.count == 2 && pair[0] <= pair[1] ? pair[0]...pair[1] : fallback
    }

    /// Throws unless the camera stores preset `number`.
    public func checkPreset(_ number: Int) throws(CameraError) {
        guard presetRanges.contains(where: { $0.contains(number) }) else {
            throw .presetOutOfRange(number, profile: model, allowed: presetRangeText)
        }
    }

    /// The speeds to send for a pan-tilt drive: the asked speed for a moving
    /// axis (checked against the model), `stoppedAxisSpeed` for a stopped one.
    public func driveSpeeds(panMoving: Bool, tiltMoving: Bool, panSpeed: Int, tiltSpeed: Int) throws(CameraError) -> (pan: Int, tilt: Int) {
        if panMoving, !panSpeedRange.contains(panSpeed) {
            throw .speedOutOfRange(axis: "pan", value: panSpeed, profile: model, allowed: panSpeedRange)
        }
        if tiltMoving, !tiltSpeedRange.contains(tiltSpeed) {
            throw .speedOutOfRange(axis: "tilt", value: tiltSpeed, profile: model, allowed: tiltSpeedRange)
        }
        return (panMoving ? panSpeed : stoppedAxisSpeed, tiltMoving ? tiltSpeed : stoppedAxisSpeed)
    }

    /// Throws unless `position` is inside the zoom range.
    public func checkZoom(_ position: Int) throws(CameraError) {
        guard zoomRange.contains(position) else { throw .zoomOutOfRange(position, profile: model, allowed: zoomRange) }
    }

    /// A Sony-like camera when no profile is named: presets 0-5 (what every
    /// Sony EVI stores), speeds 1-18h / 1-14h, sends 01 for a stopped axis
    /// (accepted by every model, required by some).
    public static let generic = CameraProfile(
        name: "generic", model: "generic VISCA camera", transports: ["serial", "udp", "tcp"],
        baudRates: [9600, 38400], defaultBaud: 9600, udpPort: 52381, tcpPort: 5678, rawUDPPort: nil,
        presets: [[0, 5]], panSpeed: [1, 0x18], tiltSpeed: [1, 0x14], zoom: [0, 0x4000],
        stoppedAxisSpeed: 1, recallSeconds: 5, notes: nil, sources: nil)
}

/// Where camera profiles are found, first hit wins: `$DIEMCAU_CAMERA_PROFILES`,
/// `/etc/diemcau/cameras` (the room's own), `/usr/share/diemcau/cameras`
/// (the Debian package's), `/usr/local/share/diemcau/cameras`
/// (Scripts/install-service's), and `Hardware/cameras` of the source
/// tree, only for a program run from inside that tree (development, tests):
/// an installed daemon never looks in, nor names, the tree it was built in.
public struct CameraProfileLibrary: Sendable {
    public var directories: [String]

    public init(directories: [String]? = nil) {
        if let directories {
            self.directories = directories
            return
        }
        var found: [String] = []
        if let configured = ProcessInfo.processInfo.environment["DIEMCAU_CAMERA_PROFILES"], !configured.isEmpty {
            found.append(configured)
        }
        found += ["/etc/diemcau/cameras", "/usr/share/diemcau/cameras", "/usr/local/share/diemcau/cameras"]
        if CameraProfileLibrary.runningFromSourceTree {
            found.append(CameraProfileLibrary.sourceTreeDirectory)
        }
        self.directories = found
    }

    /// The program is a build product of the source tree (`.build/...`), not an installed copy.
    static var runningFromSourceTree: Bool {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return false
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return executable.hasPrefix(root + "/")
    }

    /// `Hardware/cameras` next to `Sources/` of the tree this file was built from.
    public static var sourceTreeDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Hardware/cameras").path
    }

    /// Every profile name on offer, sorted.
    public var available: [String] {
        let names = directories.flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        }
        return Array(Set(names)).sorted()
    }

    /// Loads the profile `name` (`sony-brc-300`), or `generic` for the built-in one.
    public func profile(named name: String) throws(CameraError) -> CameraProfile {
        if name == CameraProfile.generic.name { return .generic }
        for directory in directories {
            let path = directory + "/" + name + ".json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                return try JSONDecoder().decode(CameraProfile.self, from: data)
            } catch {
                throw .profileUnreadable(path: path, message: SystemReason.of(error))
            }
        }
        throw .profileNotFound(name, searched: directories, available: available)
    }
}
