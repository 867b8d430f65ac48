/// A key, by its Linux code (`KEY_KP1` is 79). Key maps and messages use the
/// names of `linux/input-event-codes.h`, the ones `evtest` prints.
public struct KeyCode: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The key with this Linux name (`"KEY_KPENTER"`), or nil.
    public init?(name: String) {
        guard let code = KeyNames.shared.codes[name] else { return nil }
        self.rawValue = code
    }

    /// The Linux name, or `KEY_<number>` for a code the header does not name.
    public var name: String { KeyNames.shared.names[rawValue] ?? "KEY_\(rawValue)" }
    public var description: String { name }

    public static func < (lhs: KeyCode, rhs: KeyCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Known names close to `name`, for "did you mean" in a key map error.
    public static func names(resembling name: String, limit: Int = 3) -> [String] {
        let wanted = name.uppercased()
        if KeyNames.shared.codes["KEY_" + wanted] != nil { return ["KEY_" + wanted] }
        if KeyNames.shared.codes[wanted] != nil { return [wanted] }
        let scored = KeyNames.shared.ordered.map { ($0, editDistance($0, wanted)) }
        let best = scored.filter { $0.1 <= max(2, wanted.count / 4) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return best.prefix(limit).map(\.0)
    }

    // The keys of a numeric keypad, for code and tests.
    public static let kp0 = KeyCode(rawValue: 82)
    public static let kp1 = KeyCode(rawValue: 79)
    public static let kp2 = KeyCode(rawValue: 80)
    public static let kp3 = KeyCode(rawValue: 81)
    public static let kp4 = KeyCode(rawValue: 75)
    public static let kp5 = KeyCode(rawValue: 76)
    public static let kp6 = KeyCode(rawValue: 77)
    public static let kp7 = KeyCode(rawValue: 71)
    public static let kp8 = KeyCode(rawValue: 72)
    public static let kp9 = KeyCode(rawValue: 73)
    public static let kpAsterisk = KeyCode(rawValue: 55)
    public static let kpSlash = KeyCode(rawValue: 98)
    public static let kpMinus = KeyCode(rawValue: 74)
    public static let kpPlus = KeyCode(rawValue: 78)
    public static let kpEnter = KeyCode(rawValue: 96)
    public static let kpDot = KeyCode(rawValue: 83)
    public static let numLock = KeyCode(rawValue: 69)
    public static let backspace = KeyCode(rawValue: 14)
    public static let up = KeyCode(rawValue: 103)
    public static let down = KeyCode(rawValue: 108)
    public static let left = KeyCode(rawValue: 105)
    public static let right = KeyCode(rawValue: 106)

    /// The digit keys 0–9 of a numeric keypad, indexed by digit.
    public static let keypadDigits: [KeyCode] = [.kp0, .kp1, .kp2, .kp3, .kp4, .kp5, .kp6, .kp7, .kp8, .kp9]
}

/// The name table, parsed once.
private struct KeyNames: Sendable {
    static let shared = KeyNames()

    let codes: [String: UInt16]
    let names: [UInt16: String]
    let ordered: [String]

    private init() {
        var codes: [String: UInt16] = [:]
        var names: [UInt16: String] = [:]
        var ordered: [String] = []
        for line in linuxKeyNameTable.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let code = UInt16(parts[1]) else { continue }
            let name = String(parts[0])
            codes[name] = code
            if names[code] == nil { names[code] = name }
            ordered.append(name)
        }
        self.codes = codes
        self.names = names
        self.ordered = ordered
    }
}

/// Levenshtein distance, small strings only.
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
