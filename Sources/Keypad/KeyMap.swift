import FoundationEssentials
import Glibc
import Support

/// Which key does what, loaded at run time from a JSON file in
/// `Hardware/keypads/`:
///
/// ```json
/// {
///   "name": "USB numeric keypad",
///   "keys": { "KEY_KP1": "recallPreset 1", "KEY_KPPLUS": "zoom in", "KEY_KPENTER": "raiseHand" },
///   "chords": [
///     { "hold": "KEY_KPASTERISK", "keys": { "KEY_KP1": "storePreset 1" } }
///   ]
/// }
/// ```
///
/// While a chord's `hold` key is down, only that chord's keys act; the hold
/// key itself does nothing on its own. `storePreset` is allowed only inside a
/// chord, so that one slip of a finger cannot overwrite a preset.
public struct KeyMap: Sendable, Hashable {
    /// A held key that changes what other keys mean.
    public struct Chord: Sendable, Hashable {
        public var hold: KeyCode
        public var keys: [KeyCode: KeyBinding]
        public init(hold: KeyCode, keys: [KeyCode: KeyBinding]) {
            self.hold = hold
            self.keys = keys
        }
    }

    public var name: String
    /// What each key means when no chord key is held.
    public var keys: [KeyCode: KeyBinding]
    public var chords: [Chord]

    /// A map built in code; checked like a file (`file` names it in errors).
    public init(name: String, keys: [KeyCode: KeyBinding], chords: [Chord] = [], file: String = "(built in)") throws(KeypadError) {
        self.name = name
        self.keys = keys
        self.chords = chords
        try validate(file: file)
    }

    /// Where installed key maps live: Scripts/install-service copies
    /// Hardware/keypads/*.json to the first; the Debian package ships them
    /// in /usr/share/diemcau/keypads (and as conffiles in the first).
    public static let searchDirectories = [
        "/etc/diemcau/keypads", "/usr/share/diemcau/keypads", "/usr/local/share/diemcau/keypads",
    ]

    /// A key map by the room configuration's `keypad.map`: a path (anything
    /// with a `/`), or a name such as `numeric-keypad` looked up as
    /// `<directory>/numeric-keypad.json` in `directories`, first match wins.
    public init(named reference: String, in directories: [String] = KeyMap.searchDirectories) throws(KeypadError) {
        if reference.contains("/") {
            try self.init(contentsOf: reference)
            return
        }
        let file = reference.hasSuffix(".json") ? reference : reference + ".json"
        let candidates = directories.map { $0 + "/" + file }
        guard let found = candidates.first(where: { access($0, F_OK) == 0 }) else {
            throw .mapNotFound(name: reference, searched: candidates)
        }
        try self.init(contentsOf: found)
    }

    /// Reads and checks a key map file.
    public init(contentsOf path: String) throws(KeypadError) {
        try self.init(json: Data(try Self.contents(of: path)), file: path)
    }

    /// Parses and checks a key map; `file` names it in errors.
    public init(json: Data, file: String) throws(KeypadError) {
        let root: Any
        do {
            root = try JSONTree.parse(json)
        } catch {
            throw .mapInvalid(file: file, problem: "not valid JSON (\(error)): check commas, quotes and braces, e.g. with `python3 -m json.tool \(file)`")
        }
        guard let object = root as? [String: Any] else {
            throw .mapInvalid(file: file, problem: "the file must be one JSON object with \"keys\" (and optionally \"name\" and \"chords\")")
        }
        let known: Set<String> = ["name", "keys", "chords", "comment", "notes"]
        if let stray = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .mapInvalid(file: file, problem: "unknown field \"\(stray)\": a key map has \"name\", \"keys\" and \"chords\" (and \"comment\"/\"notes\" for people)")
        }
        let name: String
        switch object["name"] {
        case nil: name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        case let text as String: name = text
        default: throw .mapInvalid(file: file, problem: "\"name\" must be a string")
        }
        guard let keysObject = object["keys"] else {
            throw .mapInvalid(file: file, problem: "no \"keys\": add an object such as \"keys\": { \"KEY_KP1\": \"recallPreset 1\" }")
        }
        let keys = try Self.bindings(keysObject, at: "keys", file: file)

        var chords: [Chord] = []
        switch object["chords"] {
        case nil: break
        case let list as [Any]:
            for (index, entry) in list.enumerated() {
                let place = "chords[\(index)]"
                guard let chord = entry as? [String: Any] else {
                    throw .mapInvalid(file: file, problem: "\(place) must be an object with \"hold\" and \"keys\"")
                }
                if let stray = chord.keys.sorted().first(where: { $0 != "hold" && $0 != "keys" && $0 != "comment" }) {
                    throw .mapInvalid(file: file, problem: "\(place): unknown field \"\(stray)\": a chord has \"hold\" and \"keys\"")
                }
                guard let holdName = chord["hold"] as? String else {
                    throw .mapInvalid(file: file, problem: "\(place) needs \"hold\": the key held down for the chord, e.g. \"KEY_KPASTERISK\"")
                }
                let hold = try Self.key(named: holdName, file: file)
                guard let chordKeys = chord["keys"] else {
                    throw .mapInvalid(file: file, problem: "\(place) needs \"keys\": what the other keys do while \(holdName) is held")
                }
                chords.append(Chord(hold: hold, keys: try Self.bindings(chordKeys, at: "\(place).keys", file: file)))
            }
        default:
            throw .mapInvalid(file: file, problem: "\"chords\" must be a list of objects with \"hold\" and \"keys\"")
        }
        try self.init(name: name, keys: keys, chords: chords, file: file)
    }

    /// The map a key belongs to while `held` (a chord key) is down.
    func layer(whileHolding held: KeyCode?) -> [KeyCode: KeyBinding] {
        guard let held else { return keys }
        return chords.first { $0.hold == held }?.keys ?? [:]
    }

    /// The keys that start a chord.
    var chordKeys: Set<KeyCode> { Set(chords.map(\.hold)) }

    private func validate(file: String) throws(KeypadError) {
        for (key, binding) in keys {
            if case .storePreset = binding {
                throw .invalidBinding(file: file, key: key.name, text: binding.description,
                                      problem: "is allowed only inside a chord (so that one slip of a finger cannot overwrite a preset): move it under \"chords\", e.g. hold KEY_KPASTERISK")
            }
        }
        var seen: Set<KeyCode> = []
        for chord in chords {
            guard seen.insert(chord.hold).inserted else {
                throw .invalidBinding(file: file, key: chord.hold.name, text: "hold",
                                      problem: "starts two chords: merge their keys into one chord")
            }
            if let binding = keys[chord.hold] {
                throw .invalidBinding(file: file, key: chord.hold.name, text: binding.description,
                                      problem: "cannot also be a chord's hold key: remove it from \"keys\" or choose another hold key")
            }
            if let binding = chord.keys[chord.hold] {
                throw .invalidBinding(file: file, key: chord.hold.name, text: binding.description,
                                      problem: "is the chord's own hold key: remove it from that chord's \"keys\"")
            }
        }
        for chord in chords {
            for key in chord.keys.keys where seen.contains(key) {
                throw .invalidBinding(file: file, key: key.name, text: chord.keys[key]!.description,
                                      problem: "is another chord's hold key: remove it from the chord that holds \(chord.hold.name)")
            }
        }
    }

    private static func key(named name: String, file: String) throws(KeypadError) -> KeyCode {
        guard let key = KeyCode(name: name) else {
            throw .unknownKey(file: file, key: name, suggestions: KeyCode.names(resembling: name))
        }
        return key
    }

    private static func bindings(_ value: Any, at place: String, file: String) throws(KeypadError) -> [KeyCode: KeyBinding] {
        guard let object = value as? [String: Any] else {
            throw .mapInvalid(file: file, problem: "\"\(place)\" must be an object from key names to actions, e.g. { \"KEY_KP1\": \"recallPreset 1\" }")
        }
        var result: [KeyCode: KeyBinding] = [:]
        for name in object.keys.sorted() {
            let key = try Self.key(named: name, file: file)
            guard let text = object[name] as? String else {
                throw .invalidBinding(file: file, key: name, text: "\(object[name] ?? "null")",
                                      problem: "must be a string: write one of \(KeyBinding.grammar)")
            }
            switch KeyBinding.parse(text) {
            case .success(let binding):
                if let earlier = result[key] {
                    throw .invalidBinding(file: file, key: name, text: text,
                                          problem: "names the same key as another entry (\(earlier)) under another name: keep one")
                }
                result[key] = binding
            case .failure(let problem): throw .invalidBinding(file: file, key: name, text: text, problem: problem.text)
            }
        }
        return result
    }

    /// The whole file, with the errno of a failure.
    private static func contents(of path: String) throws(KeypadError) -> [UInt8] {
        do {
            return try WholeFile.read(path)
        } catch {
            throw .mapUnreadable(file: path, errno: error.errno)
        }
    }
}
