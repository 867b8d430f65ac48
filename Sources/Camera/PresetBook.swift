import FoundationEssentials
import Glibc
import Support

/// The room's named camera positions (R3: "the camera positions are stored
/// beforehand in the controller's memory slots — chair, left, right, zoom in,
/// zoom out — matching the seating chart"): for each camera, a name → the
/// preset number the camera stores that position under.
public struct PresetBook: Codable, Sendable, Equatable {
    /// Camera → slot name → preset number. The camera key is the room's name
    /// for the camera ("camera1", "hall").
    public var cameras: [String: [String: Int]]

    /// Names a seating chart usually needs; any other name is fine too.
    public static let customarySlots = ["chair", "left", "right", "wide", "privacy", "zoom-in", "zoom-out", "podium"]

    public init(cameras: [String: [String: Int]] = [:]) { self.cameras = cameras }

    /// The slots of one camera, by name.
    public func slots(camera: String) -> [String: Int] { cameras[camera] ?? [:] }

    /// The preset number stored under `name` (as written, else in any case).
    public func number(of name: String, camera: String) throws(CameraError) -> Int {
        guard let key = key(of: name, camera: camera), let number = cameras[camera]?[key] else {
            throw .unknownPresetName(name, camera: camera, known: slots(camera: camera).keys.sorted())
        }
        return number
    }

    /// The book's spelling of `name`: itself, or the name that differs from it only in case.
    func key(of name: String, camera: String) -> String? {
        let names = slots(camera: camera)
        if names[name] != nil { return name }
        return names.keys.first { $0.lowercased() == name.lowercased() }
    }

    /// The name given to preset `number`, if any.
    public func name(of number: Int, camera: String) -> String? {
        slots(camera: camera).first { $0.value == number }?.key
    }

    /// Names preset `number`, after checking the camera model stores it. A name
    /// already used moves to the new number; another name on that number stays.
    public mutating func assign(_ name: String, to number: Int, camera: String, profile: CameraProfile) throws(CameraError) {
        try profile.checkPreset(number)
        let key = try PresetBook.checkedName(name)
        remove(key, camera: camera)
        cameras[camera, default: [:]][key] = number
    }

    /// Forgets a name (in any case); returns the number it had.
    @discardableResult
    public mutating func remove(_ name: String, camera: String) -> Int? {
        guard let key = key(of: name, camera: camera) else { return nil }
        return cameras[camera]?.removeValue(forKey: key)
    }

    /// A preset's name: any text of the seating chart ("bàn chủ tọa", "đại
    /// biểu 2"), kept as written, at most 64 characters, no control
    /// characters, and not only digits (so that `recall 3` and `recall
    /// chair` cannot be confused).
    static func checkedName(_ name: String) throws(CameraError) -> String {
        let key = String(name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let control = key.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard !key.isEmpty, key.count <= 64, !control, Int(key) == nil else {
            throw .invalidPresetName(name)
        }
        return key
    }
}

/// The preset book's file, `presets.json` in the state directory
/// (`$STATE_DIRECTORY` as systemd's `StateDirectory=` sets it, else
/// `/var/lib/diemcau`), written atomically: a temporary file in the same
/// directory, fsync, rename over the old one, fsync of the directory.
public struct PresetBookFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `presets.json` in the state directory.
    public static func inStateDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PresetBookFile {
        PresetBookFile(path: stateDirectory(environment) + "/presets.json")
    }

    /// `$STATE_DIRECTORY` (its first entry when systemd lists several), else `/var/lib/diemcau`.
    public static func stateDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let value = environment["STATE_DIRECTORY"], let first = value.split(separator: ":").first, !first.isEmpty {
            return String(first)
        }
        return "/var/lib/diemcau"
    }

    /// The book; an empty one when the file does not exist yet.
    public func load() throws(CameraError) -> PresetBook {
        guard FileManager.default.fileExists(atPath: path) else { return PresetBook() }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(PresetBook.self, from: data)
        } catch {
            throw .presetBookUnreadable(path: path, message: SystemReason.of(error))
        }
    }

    /// Replaces the file with `book`, so that a power cut leaves either the
    /// old book or the new one, never half of one.
    public func save(_ book: PresetBook) throws(CameraError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(book) } catch { throw .presetBookUnwritable(path: path, message: "\(error)") }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .presetBookUnwritable(path: path, message: SystemReason.of(error))
        }
        // Its own temporary file: two writers never share one.
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .presetBookUnwritable(path: path, message: Errno.current.description) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        let code = errno
        close(fd)
        guard written == data.count, synced else {
            unlink(temporary)
            throw .presetBookUnwritable(path: path, message: Errno(rawValue: code).description)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .presetBookUnwritable(path: path, message: Errno(rawValue: code).description)
        }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }
}
