import Localization
import FoundationEssentials

/// New names in the preset book (R3): the seating chart's words, in the
/// technician's language ("bàn chủ tọa", "đại biểu 2"), stored in preparation.
extension State {
    /// What is wrong with `name` as a preset's name, or nil.
    static func presetNameProblem(_ name: String) -> Message? {
        if name.isEmpty || name.allSatisfy(\.isWhitespace) { return Message("a preset needs a name") }
        if name.count > 64 { return Message("a preset's name is at most 64 characters") }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return Message("a preset's name cannot hold control characters")
        }
        if Int(name) != nil { return Message("a preset's name cannot be only digits (it would read as a slot number)") }
        if name.lowercased() == "all" { return Message("\"all\" is not a preset's name") }
        return nil
    }

    /// The main camera's first slot that no name holds, or nil when each is named.
    var freePresetSlot: Int? {
        let taken = Set(setup.presets.values)
        for range in setup.presetSlots {
            if let slot = range.first(where: { !taken.contains($0) }) { return slot }
        }
        return nil
    }

    mutating func storeNewPreset(_ name: String, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard phase.allowsConfigurationChanges else { return step.refuse(command, from: client, configurationLockReason) }
        if let problem = Self.presetNameProblem(name) { return step.refuse(command, from: client, problem) }
        if let known = setup.preset(named: name) {
            return cameraCommand(.store(preset: known), from: client, command: command, &step)
        }
        guard let slot = freePresetSlot else {
            return step.refuse(
                command, from: client,
                Message(
                    "every preset slot the camera offers is named: store over one of {presets} instead",
                    ["presets": setup.presets.keys.sorted().joined(separator: ", ")]))
        }
        let preset = Preset(slot: slot, name: name)
        setup.presets[name] = slot
        step.camera(.store(preset: preset), by: client.description, reason: Message("a new preset, stored in preparation (R3)"))
        step.effects.append(.keepPreset(preset))
    }
}
