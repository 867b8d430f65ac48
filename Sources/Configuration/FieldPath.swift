/// A field's place in the configuration, printed as `cameras[0].link.kind`.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    private(set) var components: [Component]

    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    init(_ components: [Component] = []) {
        self.components = components
    }

    init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in
            if let index = key.intValue { .index(index) } else { .key(key.stringValue) }
        }
    }

    func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    func appending(_ index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// The last named key, which says what kind of field this is ("element", "port").
    var lastKey: String? {
        for component in components.reversed() {
            if case .key(let key) = component { return key }
        }
        return nil
    }

    /// The path with indices replaced by `[]`: `cameras[].link`, the key of the schema.
    var shape: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += (text.isEmpty ? "" : ".") + key
            case .index: text += "[]"
            }
        }
        return text
    }

    /// `cameras[0].presets.wide`; a key that is not a plain word (a space,
    /// a dot, a control character, a very long key) is shown quoted:
    /// `groups["front row"]`.
    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key) where FieldPath.isPlain(key): text += (text.isEmpty ? "" : ".") + key
            case .key(let key): text += "[" + Quoted.text(key) + "]"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && key.count <= 64
            && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_".unicodeScalars.contains($0) }
    }
}
