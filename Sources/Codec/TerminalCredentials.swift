import FoundationEssentials
import Glibc
import Support

/// The API account of the terminal. It comes from a secrets file of its own,
/// never from the main configuration, and it never appears in a log: its
/// description and its mirror hide the password (rule R7).
public struct TerminalCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The user name for terminals that ask for one (`login:`, `User:`).
    public let user: String
    let password: String

    public init(user: String = "admin", password: String) {
        self.user = user
        self.password = password
    }

    /// Reads `user = ...` and `password = ...` lines (`#` starts a comment).
    /// Refuses a file that group or others can read or write.
    public static func load(from path: String) throws(CodecError) -> TerminalCredentials {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .secretsFileMissing(path: path) }
        let mode = UInt32(info.st_mode)
        guard mode & 0o077 == 0 else { throw .secretsFileTooOpen(path: path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .secretsFileInvalid(path: path, reason: "it cannot be read by this user")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .secretsFileInvalid(path: path, reason: "it is not UTF-8 text")
        }
        var user = "admin"
        var password: String?
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmed()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw .secretsFileInvalid(path: path, reason: "line \(number + 1) is not 'key = value'")
            }
            let key = line[..<equals].trimmed().lowercased()
            let value = line[line.index(after: equals)...].trimmed()
            switch key {
            case "user", "username": user = value
            case "password": password = value
            default:
                throw .secretsFileInvalid(path: path, reason: "line \(number + 1): unknown key '\(key)' (expected user or password)")
            }
        }
        guard let password else { throw .secretsFileInvalid(path: path, reason: "it has no 'password = ...' line") }
        return TerminalCredentials(user: user, password: password)
    }

    /// For a terminal whose API asks no login (Yealink): nothing to load.
    public static let none = TerminalCredentials(user: "", password: "")

    public var description: String { "user \(user), password hidden" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["user": user, "password": "(hidden)"]) }
}
