import Room

extension RoleTokens {
    /// The letters a generated token is made of: no look-alikes to misread
    /// over the phone (0/O, 1/l/I), 56 in all.
    static let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".utf8)

    /// The length of a generated token: 24 letters of 56, about 139 bits
    /// from the kernel's random source. At the one guess a second the
    /// control server answers past a burst of failures, guessing one would
    /// take some 10^34 years.
    public static let generatedLength = 24

    /// A new token for each role, from the kernel's random source.
    public static func generate() -> [Role: String] {
        var tokens: [Role: String] = [:]
        for role in Role.allCases { tokens[role] = randomToken() }
        return tokens
    }

    /// The secrets file's text for `tokens`, one `<role> <token>` line each.
    public static func fileText(_ tokens: [Role: String]) -> String {
        "# DiemCau control tokens: one per role. Keep this file mode 0600, owned by the daemon's user (R7).\n"
            + Role.allCases.compactMap { role in tokens[role].map { "\(role.rawValue) \($0)" } }.joined(separator: "\n") + "\n"
    }

    /// Swift's system generator is the kernel's: `getrandom(2)` on Linux,
    /// and `randomElement(using:)` draws every letter with equal chance.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<generatedLength).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
    }
}
