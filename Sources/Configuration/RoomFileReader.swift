import Localization

/// Reads a room file's tree into a `RoomConfiguration`, section by section
/// (room, cameras, microphones, … control), and checks everything on the way: each
/// field against its form or range, each object against its own rules,
/// then what holds between sections (`Validation`). A section that cannot
/// be read does not stop the others: one pass lists every problem.
struct RoomFileReader {
    let problems = ProblemList()

    /// The configuration, or nil when any problem was noted.
    func read(_ tree: [String: Any]) -> RoomConfiguration? {
        guard let file = FieldValue(value: tree, path: FieldPath(), problems: problems).object() else { return nil }
        let room = file.field("room", required: true)?.object().flatMap(RoomIdentity.init(reading:))
        let stateDirectory = file.field("stateDirectory")?.text(.file)
        let cameras = items(file.field("cameras", required: true), CameraSetup.init(reading:))
        let microphones = items(file.field("microphones", required: true), MicrophoneSetup.init(reading:))
        let alsaConfiguration = file.field("alsaConfiguration")?.text(.file)
        let groups = file.field("groups")?.map().map(Self.groups)
        let framing = file.field("framing")?.object().map(Framing.init(reading:))
        let floor = file.field("floor")?.object().flatMap(FloorPolicy.init(reading:))
        let terminal = file.field("terminal")?.object().flatMap(TerminalSetup.init(reading:))
        let keypad = file.field("keypad")?.object().flatMap(KeypadSetup.init(reading:))
        let power = file.field("power")?.object().flatMap(PowerSetup.init(reading:))
        let readiness = file.field("readiness")?.object().map(ReadinessSetup.init(reading:))
        let control = file.field("control", required: true)?.object().flatMap(ControlSetup.init(reading:))
        let people = items(file.field("people"), PersonSetup.init(reading:))
        let fleet = file.field("fleet")?.object().flatMap(FleetSetup.init(reading:))

        let references = Validation(file: file, problems: problems)
        references.uniqueNames(of: cameras, what: Message("cameras"), fix: Message("give each camera its own name"))
        references.uniqueNames(of: microphones, what: Message("microphones"), fix: Message("give each channel its own name"))
        references.presets(of: microphones, framing: framing)
        references.groups(groups)
        references.terminalUnmuteGrants(floor, groups: groups)
        references.people(people)

        guard problems.isEmpty, let room, let cameras, let microphones, let control else { return nil }
        return RoomConfiguration(
            room: room, stateDirectory: stateDirectory, cameras: cameras.map(\.setup), microphones: microphones.map(\.setup),
            alsaConfiguration: alsaConfiguration, groups: groups?.mapValues { $0.map(\.name) }, framing: framing,
            floor: floor, terminal: terminal, keypad: keypad, power: power, readiness: readiness, control: control,
            people: people?.map(\.setup) ?? [], fleet: fleet)
    }

    /// The items of a list that could be read, each with its place.
    private func items<Item>(_ field: FieldValue?, _ read: (FieldObject) -> Item?) -> [(setup: Item, path: FieldPath)]? {
        field?.list()?.compactMap { item in item.object().flatMap(read).map { ($0, item.path) } }
    }

    /// `groups`: each group's members, as read, with their places.
    private static func groups(_ entries: [(name: String, value: FieldValue)]) -> [String: [(name: String, path: FieldPath)]] {
        var groups: [String: [(name: String, path: FieldPath)]] = [:]
        for (name, value) in entries {
            groups[name] = value.list()?.compactMap { member in member.text(.name).map { ($0, member.path) } }
        }
        return groups
    }
}
