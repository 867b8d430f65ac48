import Glibc
import Localization
import Room
import Support

/// One token per role, read from the room's secrets file (R7: access
/// accounts are kept secret).
///
/// The file holds one `<role> <token>` line per role, e.g.
///
///     # /etc/diemcau/control.tokens: chmod 600, owned by the daemon's user
///     mcu         7Jq2xv0LrM4cT9pW
///     technician  b3Nf8KdQ1sZy6Ha0
///     observer    Vt5mE2cR9uXo4LgB
///
/// Blank lines and lines starting with `#` are skipped. A role without a
/// line cannot log in. The file must be a regular file, owned by the
/// daemon's user and unreadable by group and others (mode 0600 or 0400).
public struct RoleTokens: Sendable {
    /// Tokens shorter than this are refused: they could be guessed.
    public static let minimumLength = 12

    private let tokens: [(role: Role, token: [UInt8])]

    /// Tokens given directly (tests, or a daemon that keeps them elsewhere).
    public init(_ tokens: [Role: String]) throws(ControlError) {
        for (role, token) in tokens where token.utf8.count < RoleTokens.minimumLength {
            throw ControlError.secretsMalformed(
                path: "(given)", line: 0,
                problem: Message("the {role} token is shorter than {length} characters", ["role": role.rawValue, "length": String(RoleTokens.minimumLength)])
            )
        }
        self.tokens = tokens.sorted { $0.key < $1.key }.map { ($0.key, Array($0.value.utf8)) }
    }

    /// The roles that have a token.
    public var roles: Set<Role> { Set(tokens.map(\.role)) }

    /// The token of a role, for a client on the room PC that logs in with it
    /// (the `diemcau` tool reads the same file as the daemon).
    public func token(for role: Role) -> String? {
        tokens.first { $0.role == role }.map { String(decoding: $0.token, as: UTF8.self) }
    }

    /// The role whose token this is. Every token is compared in full, so the
    /// time taken does not tell how much of a guess was right.
    public func role(for token: String) -> Role? {
        let guess = Array(token.utf8)
        var found: Role?
        for entry in tokens where RoleTokens.constantTimeEqual(entry.token, guess) {
            found = entry.role
        }
        return found
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }

    /// Reads the secrets file, refusing it when anyone but the daemon's user could read it.
    public static func load(from path: String) throws(ControlError) -> RoleTokens {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .secretsUnreadable(path: path, errno: errno) }
        defer { close(descriptor) }

        // Checked on the open descriptor, so the file read is the file checked.
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .secretsUnreadable(path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .secretsNotAFile(path: path) }
        guard info.st_uid == geteuid() else {
            throw .secretsNotOurs(path: path, owner: info.st_uid, daemon: geteuid())
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .secretsExposed(path: path, mode: info.st_mode & 0o7777)
        }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count: Int
            do {
                count = try retryingOnInterrupt { chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) } }
            } catch {
                throw .secretsUnreadable(path: path, errno: error.rawValue)
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > 64 * 1024 {
                throw .secretsMalformed(path: path, line: 0, problem: Message("the file is larger than 64 KiB; it should hold three short lines"))
            }
        }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(ControlError) -> RoleTokens {
        var found: [Role: String] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else {
                throw .secretsMalformed(path: path, line: lineNumber, problem: Message("expected '<role> <token>' (two words), found {count}", ["count": String(parts.count)]))
            }
            guard let role = Role(rawValue: String(parts[0]).lowercased()) else {
                throw .secretsMalformed(
                    path: path, line: lineNumber,
                    problem: Message("'{word}' is not a role: use {roles}", ["word": String(parts[0]), "roles": Role.allCases.map(\.rawValue).joined(separator: ", ")])
                )
            }
            guard found[role] == nil else {
                throw .secretsMalformed(path: path, line: lineNumber, problem: Message("a second token for {role}: keep one line per role", ["role": role.rawValue]))
            }
            let token = String(parts[1])
            guard token.utf8.count >= minimumLength else {
                throw .secretsMalformed(
                    path: path, line: lineNumber,
                    problem: Message("the {role} token is shorter than {length} characters: make a longer one, e.g. with 'openssl rand -base64 18'", ["role": role.rawValue, "length": String(minimumLength)])
                )
            }
            if let other = found.first(where: { $0.value == token }) {
                throw .secretsMalformed(
                    path: path, line: lineNumber,
                    problem: Message("the {role} token is the same as the {other} token: give each role its own", ["role": role.rawValue, "other": other.key.rawValue])
                )
            }
            found[role] = token
        }
        guard !found.isEmpty else { throw .secretsEmpty(path: path) }
        return try RoleTokens(found)
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
