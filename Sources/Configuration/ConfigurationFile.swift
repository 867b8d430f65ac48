import FoundationEssentials
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

    /// Checks configuration text; `file` names it in errors.
    public static func parse(_ data: Data, file: String, relativeTo folder: String? = nil) throws(ConfigurationError)
        -> RoomConfiguration
    {
        let tree: Any
        do {
            tree = try JSONTree.parse(data)
        } catch {
            throw .notJSON(file: file, reason: error.description)
        }
        guard tree is [String: Any] else {
            throw .invalid(file: file, problems: [
                ConfigurationProblem(field: "", problem: "the file must hold one JSON object", fix: Schema.fix(for: nil))
            ])
        }
        var problems = unknownFields(in: tree, at: FieldPath())
        var configuration: RoomConfiguration
        do {
            configuration = try JSONDecoder().decode(RoomConfiguration.self, from: data)
        } catch let error as DecodingError {
            problems.append(problem(from: error))
            throw .invalid(file: file, problems: problems)
        } catch {
            throw .notJSON(file: file, reason: "\(error)")
        }
        problems += Validation.problems(in: configuration)
        guard problems.isEmpty else { throw .invalid(file: file, problems: problems) }
        if let folder { configuration.resolvePaths(against: folder) }
        return configuration
    }

    private static func unknownFields(in value: Any, at path: FieldPath) -> [ConfigurationProblem] {
        if let array = value as? [Any] {
            return array.enumerated().flatMap { unknownFields(in: $0.element, at: path.appending($0.offset)) }
        }
        guard let object = value as? [String: Any] else { return [] }
        guard let known = Schema.fields[path.shape] else { return [] }
        var problems: [ConfigurationProblem] = []
        for key in object.keys.sorted() {
            let field = path.appending(key)
            if known.contains(key) {
                problems += unknownFields(in: object[key]!, at: field)
            } else {
                let fix = Schema.suggestion(for: key, among: known).map { "did you mean \"\($0)\"?" }
                    ?? "the fields here are " + known.sorted().joined(separator: ", ")
                problems.append(ConfigurationProblem(field: field.description, problem: "unknown field", fix: fix))
            }
        }
        return problems
    }

    private static func problem(from error: DecodingError) -> ConfigurationProblem {
        switch error {
        case .keyNotFound(let key, let context):
            let path = FieldPath(codingPath: context.codingPath + [key])
            return ConfigurationProblem(field: path.description, problem: "missing", fix: Schema.fix(for: path.lastKey))
        case .valueNotFound(_, let context):
            let path = FieldPath(codingPath: context.codingPath)
            return ConfigurationProblem(field: path.description, problem: "is null", fix: Schema.fix(for: path.lastKey))
        case .typeMismatch(let type, let context):
            let path = FieldPath(codingPath: context.codingPath)
            return ConfigurationProblem(
                field: path.description, problem: "should be \(kind(of: type))", fix: Schema.fix(for: path.lastKey))
        case .dataCorrupted(let context):
            let path = FieldPath(codingPath: context.codingPath)
            return ConfigurationProblem(
                field: path.description, problem: "has a value that is not allowed", fix: Schema.fix(for: path.lastKey))
        @unknown default:
            return ConfigurationProblem(field: "", problem: "\(error)", fix: Schema.fix(for: nil))
        }
    }

    /// The JSON words for a Swift type, as a technician would say them.
    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "text in quotes"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list [...]"
        default: "an object {...}"
        }
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
