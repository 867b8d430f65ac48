import Foundation

/// Room files made wrong on purpose from a good one, for the fuzz tests:
/// byte flips, truncations, wrong types, huge and fractional numbers, deep
/// nesting, NUL and other control characters, byte-order marks, UTF-16,
/// fields given twice, missing or misspelt, other text and numbers. Case
/// `i` of a seed is always the same file, and can be made alone.
public struct RoomFileMutator: Sendable {
    public enum Mutation: String, CaseIterable, Sendable {
        // On the document, before it is written out.
        case wrongType, hostileNumber, deepNesting, controlCharacter, duplicateField, missingField, misspeltField
        case otherText, otherNumber, swappedValues
        // On the bytes written.
        case byteFlip, truncation, byteOrderMark, utf16, rawNUL

        var onBytes: Bool { [.byteFlip, .truncation, .byteOrderMark, .utf16, .rawNUL].contains(self) }
    }

    /// One mutated file.
    public struct Mutant: Sendable {
        public let index: Int
        public let bytes: [UInt8]
        public let mutations: [Mutation]
    }

    public let original: JSONValue
    public let seed: UInt64

    /// The seed of a fuzz run: `DIEMCAU_FUZZ_SEED`, or a fixed one so that
    /// CI runs the same files each time.
    public static var runSeed: UInt64 {
        ProcessInfo.processInfo.environment["DIEMCAU_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_251_114
    }

    public init?(roomFile text: String, seed: UInt64) {
        guard let original = JSONValue(parsing: text) else { return nil }
        self.original = original
        self.seed = seed
    }

    /// Case `index`: one to three mutations, those on the document first.
    public func mutant(_ index: Int) -> Mutant {
        var random = SeededGenerator(seed: seed, case: index)
        let mutations = (0..<Int.random(in: 1...3, using: &random)).map { _ in Mutation.allCases.randomElement(using: &random)! }
        var document = original
        var nests: [String] = []
        for mutation in mutations where !mutation.onBytes {
            document = mutate(document, mutation, nests: &nests, using: &random)
        }
        var text = document.json(indented: Bool.random(using: &random))
        for (i, nest) in nests.enumerated() {
            text = text.replacingFirst(Self.nestMark(i), with: nest)
        }
        var bytes = Array(text.utf8)
        for mutation in mutations where mutation.onBytes {
            bytes = mutate(bytes, mutation, using: &random)
        }
        return Mutant(index: index, bytes: bytes, mutations: mutations)
    }

    // MARK: The document

    private func mutate(_ document: JSONValue, _ mutation: Mutation, nests: inout [String], using random: inout SeededGenerator) -> JSONValue {
        let nodes = document.nodes()
        switch mutation {
        case .wrongType:
            let (path, _) = nodes.randomElement(using: &random)!
            let others: [JSONValue] = [.text("9600"), .number("1"), .flag(true), .null, .list([]), .object([]), .list([.number("1")])]
            return document.replacing(at: path[...]) { old in others.filter { $0.kind != old.kind }.randomElement(using: &random)! }
        case .hostileNumber:
            let numbers = nodes.filter { $0.value.kind == "number" }
            guard let (path, _) = (Bool.random(using: &random) && !numbers.isEmpty ? numbers : nodes).randomElement(using: &random) else {
                return document
            }
            return document.replacing(at: path[...]) { _ in .number(Self.hostileNumbers.randomElement(using: &random)!) }
        case .deepNesting:
            let (path, _) = nodes.randomElement(using: &random)!
            let depth = [2, 20, 100, 254, 255, 256, 257, 1000, 5000].randomElement(using: &random)!
            let asObjects = Bool.random(using: &random)
            nests.append(
                asObjects
                    ? String(repeating: "{\"a\": ", count: depth) + "1" + String(repeating: "}", count: depth)
                    : String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
            let mark = JSONValue.number(Self.nestMark(nests.count - 1))
            return document.replacing(at: path[...]) { _ in mark }
        case .controlCharacter:
            let control = ["\u{0}", "\n", "\t", "\r", "\u{1F}", "\u{7F}", "\u{85}"].randomElement(using: &random)!
            let texts = nodes.filter { $0.value.kind == "text" }
            if Bool.random(using: &random), let (path, _) = texts.randomElement(using: &random) {
                return document.replacing(at: path[...]) { old in
                    guard case .text(let string) = old else { return old }
                    return .text(string.inserting(control, at: Int.random(in: 0...string.count, using: &random)))
                }
            }
            return editMembers(of: document, nodes, using: &random) { members, random in
                let i = Int.random(in: members.indices, using: &random)
                members[i].name = members[i].name.inserting(control, at: Int.random(in: 0...members[i].name.count, using: &random))
            }
        case .duplicateField:
            return editMembers(of: document, nodes, using: &random) { members, random in
                let i = Int.random(in: members.indices, using: &random)
                var copy = members[i]
                if Bool.random(using: &random) { copy.value = .number(String(Int.random(in: 0...9, using: &random))) }
                members.insert(copy, at: Int.random(in: 0...members.count, using: &random))
            }
        case .missingField:
            return editMembers(of: document, nodes, using: &random) { members, random in
                members.remove(at: Int.random(in: members.indices, using: &random))
            }
        case .misspeltField:
            return editMembers(of: document, nodes, using: &random) { members, random in
                let i = Int.random(in: members.indices, using: &random)
                let name = members[i].name
                members[i].name = Bool.random(using: &random) ? String(name.dropLast()) : name + "s"
            }
        case .otherText:
            let texts = nodes.filter { $0.value.kind == "text" }
            let existing = texts.compactMap { node -> String? in if case .text(let s) = node.value { s } else { nil } }
            guard let (path, _) = texts.randomElement(using: &random) else { return document }
            let replacement = Bool.random(using: &random) ? existing.randomElement(using: &random)! : Self.otherTexts.randomElement(using: &random)!
            return document.replacing(at: path[...]) { _ in .text(replacement) }
        case .otherNumber:
            let numbers = nodes.filter { $0.value.kind == "number" }
            guard let (path, _) = numbers.randomElement(using: &random) else { return document }
            let range = [0...10, 0...300, 1...70_000, -5...(-1)].randomElement(using: &random)!
            return document.replacing(at: path[...]) { _ in .number(String(Int.random(in: range, using: &random))) }
        case .swappedValues:
            let leaves = nodes.filter { ["text", "number", "flag"].contains($0.value.kind) }
            guard let a = leaves.randomElement(using: &random), let b = leaves.randomElement(using: &random) else { return document }
            return document.replacing(at: a.path[...]) { _ in b.value }.replacing(at: b.path[...]) { _ in a.value }
        default:
            return document
        }
    }

    /// Changes the members of a random object of the document that has some.
    private func editMembers(
        of document: JSONValue, _ nodes: [(path: [JSONValue.Step], value: JSONValue)], using random: inout SeededGenerator,
        _ edit: (inout [JSONValue.Member], inout SeededGenerator) -> Void
    ) -> JSONValue {
        let objects = nodes.filter { if case .object(let members) = $0.value { !members.isEmpty } else { false } }
        guard let (path, _) = objects.randomElement(using: &random) else { return document }
        return document.replacing(at: path[...]) { old in
            guard case .object(var members) = old else { return old }
            edit(&members, &random)
            return .object(members)
        }
    }

    static let hostileNumbers = [
        "1e308", "-1e308", "1e400", "-1e400", "1.5", "0.5", "-0.0", "4.0", "1E2", "2.5e1", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999999", "-1", "0", "256",
        "65535", "65536", "38400", "1e-400",
    ]

    static let otherTexts = [
        "", " ", String(repeating: "a", count: 100_000), "Phòng họp số 2", "localhost", "::1", "0.0.0.0", "10.0.0.300",
        "hw:CARD=USB,DEV=0", "/dev/null", "../../etc/passwd", "a", "all", String(repeating: "x", count: 64),
        String(repeating: "x", count: 65), "room-pc.local", "-bad-.host", "mic2", "wide", "chair", "\u{FFFD}", "😀",
        "10.0.0.0/33", "fd00::/8", "serial", "udp", "cisco", "playback-volume",
    ]

    static func nestMark(_ index: Int) -> String { "__nest\(index)__" }

    // MARK: The bytes

    private func mutate(_ bytes: [UInt8], _ mutation: Mutation, using random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        switch mutation {
        case .byteFlip:
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: bytes.indices, using: &random)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            }
        case .truncation:
            bytes = Array(bytes.prefix(Int.random(in: 0..<max(1, bytes.count), using: &random)))
        case .byteOrderMark:
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: Bool.random(using: &random) ? 0 : Int.random(in: 0...bytes.count, using: &random))
        case .utf16:
            let littleEndian = Bool.random(using: &random)
            var encoded: [UInt8] = Bool.random(using: &random) ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
            for unit in String(decoding: bytes, as: UTF8.self).utf16 {
                let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                encoded += littleEndian ? pair : pair.reversed()
            }
            bytes = encoded
        case .rawNUL:
            bytes.insert(0, at: Int.random(in: 0...bytes.count, using: &random))
        default:
            break
        }
        return bytes
    }
}

extension JSONValue {
    /// A step from a value into one of its parts.
    public enum Step: Sendable, Equatable {
        case member(Int)
        case item(Int)
    }

    var kind: String {
        switch self {
        case .object: "object"
        case .list: "list"
        case .text: "text"
        case .number: "number"
        case .flag: "flag"
        case .null: "null"
        }
    }

    /// Every value of the document, this one first, with the steps to it.
    func nodes(at path: [Step] = []) -> [(path: [Step], value: JSONValue)] {
        var found = [(path, self)]
        switch self {
        case .object(let members):
            for (i, member) in members.enumerated() { found += member.value.nodes(at: path + [.member(i)]) }
        case .list(let items):
            for (i, item) in items.enumerated() { found += item.nodes(at: path + [.item(i)]) }
        default:
            break
        }
        return found
    }

    /// The document with the value at `path` replaced by what `change` makes of it.
    func replacing(at path: ArraySlice<Step>, _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let step = path.first else { return change(self) }
        switch (self, step) {
        case (.object(var members), .member(let i)) where members.indices.contains(i):
            members[i].value = members[i].value.replacing(at: path.dropFirst(), change)
            return .object(members)
        case (.list(var items), .item(let i)) where items.indices.contains(i):
            items[i] = items[i].replacing(at: path.dropFirst(), change)
            return .list(items)
        default:
            return self
        }
    }
}

extension String {
    fileprivate func inserting(_ text: String, at offset: Int) -> String {
        var copy = self
        copy.insert(contentsOf: text, at: copy.index(copy.startIndex, offsetBy: min(offset, copy.count)))
        return copy
    }

    fileprivate func replacingFirst(_ mark: String, with replacement: String) -> String {
        guard let range = range(of: mark) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
