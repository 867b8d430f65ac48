import Localization
import Room

extension RoomIdentity {
    /// `room`: the name the room shows, and the people reported to the main
    /// endpoint (R8). A person given must be given whole: an empty name,
    /// position or phone is what the centre would be told.
    init?(reading room: FieldObject) {
        let name = room.field("name", required: true)?.text(.identity)
        let lead = room.field("lead")?.object().flatMap(Contact.init(reading:))
        let technician = room.field("technician")?.object().flatMap(Contact.init(reading:))
        let language = room.field("language")?.choice(Language.self, noun: "a language DiemCau speaks")
        guard let name else { return nil }
        self.init(name: name, lead: lead, technician: technician, language: language)
    }
}

extension Contact {
    init?(reading person: FieldObject) {
        let name = person.field("name", required: true)?.text(.identity)
        let position = person.field("position", required: true)?.text(.identity)
        let phone = person.field("phone", required: true)?.text(.identity)
        guard let name, let position, let phone else { return nil }
        self.init(name: name, position: position, phone: phone)
    }
}

extension Framing {
    /// `framing`: the presets of the whole room; that they are presets of
    /// the floor camera is checked once the cameras are read.
    init(reading framing: FieldObject) {
        self.init(wide: framing.field("wide")?.text(.name), privacy: framing.field("privacy")?.text(.name))
    }
}

extension FloorPolicy {
    init?(reading floor: FieldObject) {
        guard let allow = floor.field("allowUnmuteWithoutGrant", required: true)?.flag() else { return nil }
        self.init(allowUnmuteWithoutGrant: allow)
    }
}
