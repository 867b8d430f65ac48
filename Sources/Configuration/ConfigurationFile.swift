import FoundationEssentials
import Localization
import Support

/// Reads and checks a room configuration: the daemon at start and on SIGHUP,
/// and `diemcau config check`, go through the same code.
public enum ConfigurationFile {
    /// Where the daemon looks when `--config` is not given.
    public static let defaultPath = "/etc/diemcau/room.json"

    /// Loads the file at `path`, checks every field, and resolves relative
    /// paths (secrets, SSH known_hosts and keys, key maps) against the file's own folder.
    public static func load(_ path: String) throws(ConfigurationError) -> RoomConfiguration {
        let data: Data
        do {
            data = Data(try WholeFile.read(path))
        } catch {
            throw .unreadable(file: path, reason: error.description)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(data, file: path, relativeTo: folder)
    }

    /// Checks configuration text; `file` names it in errors. Every problem
    /// is listed, each with its field: the file is read field by field from
    /// its tree (see `RoomFileReader`), not decoded, so that one bad value
    /// does not hide the rest.
    public static func parse(_ data: Data, file: String, relativeTo folder: String? = nil) throws(ConfigurationError)
        -> RoomConfiguration
    {
        let tree: Any
        do {
            tree = try JSONTree.parse(data, reading: .handWritten)
        } catch {
            throw .notJSON(file: file, reason: error.description)
        }
        guard let fields = tree as? [String: Any] else {
            throw .invalid(file: file, problems: [
                ConfigurationProblem(field: "", problem: Message("the file must hold one JSON object"), fix: Schema.fix(for: nil))
            ])
        }
        let reader = RoomFileReader()
        guard var configuration = reader.read(fields) else {
            throw .invalid(file: file, problems: reader.problems.all)
        }
        if let folder { configuration.resolvePaths(against: folder) }
        return configuration
    }
}

extension ConfigurationFile {
    /// The language a room file asks for (`room.language`), as far as it can
    /// be read: a file with problems elsewhere still says its room's
    /// language, so the daemon's refusal to start is in it. Nil when the
    /// file cannot be read, is not JSON or names no language the daemon speaks.
    public static func language(ofFile path: String) -> Language? {
        guard let bytes = try? WholeFile.read(path),
              let tree = try? JSONTree.parse(Data(bytes), reading: .handWritten),
              let room = (tree as? [String: Any])?["room"] as? [String: Any],
              let code = room["language"] as? String else { return nil }
        return Language(rawValue: code)
    }
}

extension RoomConfiguration {
    /// Makes the paths of files beside the configuration absolute.
    mutating func resolvePaths(against folder: String) {
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardized.path
        }
        control.secrets = resolve(control.secrets)
        if let secrets = terminal?.secrets { terminal?.secrets = resolve(secrets) }
        if let knownHosts = terminal?.knownHosts { terminal?.knownHosts = resolve(knownHosts) }
        if let key = terminal?.sshKey { terminal?.sshKey = resolve(key) }
        if let map = keypad?.map { keypad?.map = resolve(map) }
        if let alsa = alsaConfiguration { alsaConfiguration = resolve(alsa) }
        if let directory = stateDirectory { stateDirectory = resolve(directory) }
    }
}
