import Localization
import Support

/// The checks that hold between sections of the room file: names that must
/// be unique, and names that must refer to something. A reference is judged
/// only when the names it may refer to can be known from the file; when
/// they cannot, that section's own problems are what the technician fixes
/// first, and a guess here would only add noise.
struct Validation {
    let file: FieldObject
    let problems: ProblemList

    /// Each camera, or each microphone, has a name of its own.
    func uniqueNames<Item>(of items: [(setup: Item, path: FieldPath)]?, what: Message, fix: Message) where Item: Named {
        var seen: Set<String> = []
        for (item, path) in items ?? [] where !seen.insert(item.name).inserted {
            problems.add(path.appending("name"), Message("{name} names two {what}", ["name": Quoted.text(item.name)], parts: ["what": what]), fix)
        }
    }

    /// The presets microphones and framing name are in some camera's preset
    /// book: the camera that has it frames that microphone (the first camera
    /// that has it, in the file's order), and every camera with a preset of
    /// the framing's names turns to it.
    func presets(of microphones: [(setup: MicrophoneSetup, path: FieldPath)]?, framing: Framing?) {
        guard let known = floorPresets else { return }
        let fix = known.isEmpty
            ? (hasCamera ? Message("name the cameras' presets first, in cameras[].presets") : Message("the room has no camera: remove the preset, or add the camera"))
            : Message("the named presets are {presets}", ["presets": known.sorted().joined(separator: ", ")])
        for (mic, path) in microphones ?? [] {
            if let preset = mic.preset, !known.contains(preset) {
                problems.add(path.appending("preset"), Message("{value} is not a preset of any camera", ["value": Quoted.text(preset)]), fix)
            }
        }
        for (field, preset) in [("wide", framing?.wide), ("privacy", framing?.privacy)] {
            if let preset, !known.contains(preset) {
                problems.add(FieldPath([.key("framing"), .key(field)]), Message("{value} is not a preset of any camera", ["value": Quoted.text(preset)]), fix)
            }
        }
    }

    /// A group has members, they are microphones, and it is not named like one.
    func groups(_ groups: [String: [(name: String, path: FieldPath)]]?) {
        let microphones = microphoneNames
        for (group, members) in (groups ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = FieldPath([.key("groups"), .key(group)])
            if group == "all" || microphones?.contains(group) == true {
                problems.add(path, Message("has the name of a microphone"), Message("give the group a name no microphone has"))
            }
            if ((file.fields["groups"] as? [String: Any])?[group] as? [Any])?.isEmpty == true {
                problems.add(path, Message("is empty"), Message("list at least one microphone"))
            }
            guard let microphones else { continue }
            for member in members where !microphones.contains(member.name) {
                problems.add(
                    member.path, Message("{value} is not a microphone", ["value": Quoted.text(member.name)]),
                    Message("use the names in \"microphones\": {names}", ["names": microphones.sorted().joined(separator: ", ")]))
            }
        }
    }

    /// The floor the terminal's unmute gives names `all`, a group or a microphone.
    func terminalUnmuteGrants(_ floor: FloorPolicy?, groups: [String: [(name: String, path: FieldPath)]]?) {
        guard let name = floor?.terminalUnmuteGrants, name != "all", groups?[name] == nil, let microphones = microphoneNames,
              !microphones.contains(name) else { return }
        problems.add(
            FieldPath([.key("floor"), .key("terminalUnmuteGrants")]), Message("{value} is neither a microphone nor a group", ["value": Quoted.text(name)]),
            Message("give \"all\", a group or one of: {names}", ["names": (microphones.sorted() + (groups ?? [:]).keys.sorted()).joined(separator: ", ")]))
    }

    private var hasCamera: Bool { (file.fields["cameras"] as? [Any])?.isEmpty == false }

    /// The preset names of every camera, as the file gives them: empty
    /// with no camera or no presets, nil when the file does not say them readably.
    private var floorPresets: Set<String>? {
        guard let cameras = file.fields["cameras"] as? [Any] else { return nil }
        var names: Set<String> = []
        for camera in cameras {
            switch (camera as? [String: Any])?["presets"] {
            case nil, is JSONTree.Null: if !(camera is [String: Any]) { return nil }
            case let presets as [String: Any]: names.formUnion(presets.keys)
            default: return nil
            }
        }
        return names
    }

    /// Every microphone's name, as the file gives them; nil when one is not text.
    private var microphoneNames: Set<String>? {
        guard let microphones = file.fields["microphones"] as? [Any] else { return nil }
        var names: Set<String> = []
        for mic in microphones {
            guard let name = (mic as? [String: Any])?["name"] as? String else { return nil }
            names.insert(name)
        }
        return names
    }
}

/// A camera or a microphone: something the room names.
protocol Named {
    var name: String { get }
}

extension CameraSetup: Named {}
extension MicrophoneSetup: Named {}
