import Localization
import Support

/// One value of the room file's tree and its place, read as what its field
/// must hold. A value that does not fit is noted in `problems` and read as
/// nil, and the caller goes on with the next field.
struct FieldValue {
    let value: Any
    let path: FieldPath
    let problems: ProblemList

    /// What this field wants in general, for the fix of a problem.
    var fix: Message { Schema.fix(for: path) }

    func text(_ form: TextForm) -> String? {
        guard let text = value as? String else { return wrongType(Message("text in quotes")) }
        if let refusal = form.problem(with: text, fix: fix) { return note(refusal) }
        switch form {
        case .identity, .name:
            // Names are kept in NFC: the room file may come from any editor.
            return text.nfc
        case .profile, .file, .device, .socket, .alsaDevice, .mixerElement, .host, .listenAddress, .addressBlock, .upsName, .topicLevel:
            // As written: the kernel, ALSA and the broker compare these byte for
            // byte, and a folder stored decomposed must still be found.
            return text
        }
    }

    /// One of the words an enumeration takes: `"serial"`, `"capture-switch"`.
    func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type, noun: Message) -> Choice? where Choice.RawValue == String {
        guard let text = value as? String else { return wrongType(Message("text in quotes")) }
        guard let choice = Choice(rawValue: text) else {
            return note((Message("{value} is not {noun}", ["value": Quoted.text(text)], parts: ["noun": noun]),
                         Message("give one of {choices}", ["choices": Choice.allCases.map(\.rawValue).joined(separator: ", ")])))
        }
        return choice
    }

    func number(_ rule: WholeNumber) -> Int? {
        switch rule.read(value) {
        case .success(let number): return number
        case .failure(let refusal): return note((refusal.problem, refusal.fix))
        }
    }

    func flag() -> Bool? {
        guard let flag = value as? Bool else { return wrongType(Message("true or false")) }
        return flag
    }

    /// An object whose fields the schema lists; a field it does not know is
    /// noted with the nearest known one, which is what a misspelling wants.
    /// A field named `//` (or `//...`) is a comment, which JSON lacks: read by
    /// people only (`diemcau config init` writes them).
    func object() -> FieldObject? {
        guard let fields = value as? [String: Any] else { return wrongType(Message("an object {...}")) }
        if let known = Schema.fields[path.shape] {
            for key in fields.keys.sorted() where !known.contains(key) && !key.hasPrefix("//") {
                let fix = Schema.suggestion(for: key, among: known).map { Message("did you mean \"{field}\"?", ["field": $0]) }
                    ?? Message("the fields here are {fields}", ["fields": known.sorted().joined(separator: ", ")])
                problems.add(path.appending(key), Message("unknown field"), fix)
            }
        }
        return FieldObject(fields: fields, path: path, problems: problems)
    }

    func list() -> [FieldValue]? {
        guard let items = value as? [Any] else { return wrongType(Message("a list [...]")) }
        return items.enumerated().map { FieldValue(value: $0.element, path: path.appending($0.offset), problems: problems) }
    }

    /// An object whose keys are the technician's names (presets, groups),
    /// in name order; a key that is not a good name is noted and left out.
    func map() -> [(name: String, value: FieldValue)]? {
        guard let fields = value as? [String: Any] else { return wrongType(Message("an object {...}")) }
        return fields.keys.sorted().compactMap { key in
            let field = FieldValue(value: fields[key]!, path: path.appending(key), problems: problems)
            if let refusal = TextForm.name.problem(with: key, fix: Message("give it a short name people can type")) {
                field.report(Message("the name {problem}", parts: ["problem": refusal.problem]), refusal.fix)
                return nil
            }
            return (key, field)
        }
    }

    /// Notes a problem of this field.
    func report(_ problem: Message, _ fix: Message) {
        problems.add(path, problem, fix)
    }

    private func note<T>(_ refusal: (problem: Message, fix: Message)) -> T? {
        report(refusal.problem, refusal.fix)
        return nil
    }

    private func wrongType<T>(_ expected: Message) -> T? {
        note((Message("is {kind}; it should be {expected}", parts: ["kind": Quoted.kind(of: value), "expected": expected]), fix))
    }
}

/// One object of the room file: its fields by name, read one at a time.
struct FieldObject {
    let fields: [String: Any]
    let path: FieldPath
    let problems: ProblemList

    /// The field `key`, or nil when it is absent or null: noted when the
    /// field is `required`; an optional field that is null is left out.
    func field(_ key: String, required: Bool = false) -> FieldValue? {
        let place = path.appending(key)
        switch fields[key] {
        case nil:
            if required { problems.add(place, Message("missing"), Schema.fix(for: place)) }
            return nil
        case is JSONTree.Null:
            if required { problems.add(place, Message("is null"), Schema.fix(for: place)) }
            return nil
        case let value?:
            return FieldValue(value: value, path: place, problems: problems)
        }
    }

    /// Whether the object has the field, with any value but null.
    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is JSONTree.Null) }

    /// Notes a problem of the object itself, or of its field `key`.
    func report(_ problem: Message, _ fix: Message, at key: String? = nil) {
        problems.add(key.map(path.appending) ?? path, problem, fix)
    }
}
