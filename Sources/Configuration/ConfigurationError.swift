/// One thing wrong in a room configuration: where, what, and how to fix it.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The field, as a path: `microphones[1].element`; empty for the whole file.
    public let field: String
    /// What is wrong with it.
    public let problem: String
    /// What the technician should do.
    public let fix: String

    public init(field: String, problem: String, fix: String) {
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    /// `control.tcp.port: 1e308 is not a port number: give a whole number from 1 to 65535`.
    public var description: String {
        (field.isEmpty ? "" : field + ": ") + problem + (fix.isEmpty ? "" : ": " + fix)
    }
}

/// Why a room configuration cannot be used. Each message names the file, the
/// field and the fix, so that `diemcau config check` is all a technician needs.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be read at all.
    case unreadable(file: String, reason: String)
    /// The file is not JSON.
    case notJSON(file: String, reason: String)
    /// The file is JSON, but some fields are missing, mistyped or inconsistent.
    case invalid(file: String, problems: [ConfigurationProblem])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot be read: \(reason) (check the path given with --config and the file's permissions)"
        case .notJSON(let file, let reason):
            return "\(file): is not valid JSON: \(reason)"
        case .invalid(let file, let problems):
            return problems.map { "\(file): \($0)" }.joined(separator: "\n")
        }
    }

    /// The problems listed, one per line; empty for a file that could not be read.
    public var problems: [ConfigurationProblem] {
        if case .invalid(_, let problems) = self { return problems }
        return []
    }
}
