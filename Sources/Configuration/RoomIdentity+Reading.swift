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
        let technicians = room.field("technicians")?.list()?.compactMap { $0.object().flatMap(Contact.init(reading:)) }
        if room.fields["technician"] != nil, room.fields["technicians"] != nil {
            room.problems.add(room.path.appending("technician"), Message("is given beside \"technicians\""),
                              Message("list every technician in \"technicians\" and remove \"technician\""))
        }
        let language = room.field("language")?.choice(Language.self, noun: Message("a language DiemCau speaks"))
        guard let name else { return nil }
        self.init(name: name, lead: lead, technician: technician, technicians: technicians, language: language)
    }
}

extension Contact {
    init?(reading person: FieldObject) {
        let name = person.field("name", required: true)?.text(.identity)
        let position = person.field("position", required: true)?.text(.identity)
        let phone = person.field("phone", required: true)?.text(.identity)
        let email = person.field("email")?.text(.identity)
        if let email, !Self.looksLikeEmail(email) {
            person.problems.add(person.path.appending("email"), Message("{value} is not an email address", ["value": Quoted.text(email)]),
                                Message("give it as name@domain, e.g. \"binh@tanlap.gov.vn\""))
        }
        guard let name, let position, let phone else { return nil }
        self.init(name: name, position: position, phone: phone, email: email)
    }

    /// One `@` with text on both sides, a dot in the domain, no spaces.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: \.isWhitespace)
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
        let grants = floor.field("terminalUnmuteGrants")?.text(.name)
        guard let allow = floor.field("allowUnmuteWithoutGrant", required: true)?.flag() else { return nil }
        self.init(allowUnmuteWithoutGrant: allow, terminalUnmuteGrants: grants)
    }
}
