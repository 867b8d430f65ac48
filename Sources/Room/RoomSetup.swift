import FoundationEssentials

/// What the rules need to know about the room, filled by the daemon from the
/// room's configuration file: its microphone channels and the preset each
/// one frames, the groups the centre may give the floor to at once, the
/// presets that frame the whole room, the floor policy and who the room is.
public struct RoomSetup: Sendable, Hashable, Codable {
    /// Who the room is, reported to the centre on request (R8).
    public var identity: EndpointIdentity
    /// The microphone channels, in the order the room lists them.
    public var microphones: [MicSeat]
    /// Named groups of microphone channels the centre can grant the floor to at once.
    public var groups: [String: [String]]
    /// The main camera's preset book: a name from the seating chart to a slot (R3).
    public var presets: [String: Int]
    /// The room's other cameras (one per side of the table, say) and their
    /// preset books: a microphone whose preset one of them has is framed by it.
    public var otherCameras: [CameraBook]
    /// The preset that frames the whole room; the camera returns to it when
    /// every microphone is muted again (R3).
    public var widePreset: String?
    /// The preset the camera goes to when the meeting ends, before standby (R6).
    public var privacyPreset: String?
    /// Whether a microphone may be opened without the centre's grant (R2).
    public var unmutePolicy: UnmutePolicy
    /// Whom the floor goes to when the MCU unmutes the room through the
    /// terminal, taken as the chair's call on the room; nil: the terminal's
    /// unmute only reopens what its mute closed (R2).
    public var terminalUnmuteGrants: FloorTarget?
    /// The preset slots the main camera's model stores (its profile's ranges).
    public var presetSlots: [ClosedRange<Int>]
    /// When before a meeting's start the readiness test runs (R5).
    public var leadTimes: [LeadTime]

    public init(
        identity: EndpointIdentity,
        microphones: [MicSeat],
        groups: [String: [String]] = [:],
        presets: [String: Int] = [:],
        otherCameras: [CameraBook] = [],
        widePreset: String? = nil,
        privacyPreset: String? = nil,
        unmutePolicy: UnmutePolicy = .strict,
        terminalUnmuteGrants: FloorTarget? = nil,
        presetSlots: [ClosedRange<Int>] = [0...5],
        leadTimes: [LeadTime] = LeadTime.defaults
    ) {
        self.identity = identity
        self.microphones = microphones
        self.groups = groups
        self.presets = presets
        self.otherCameras = otherCameras
        self.widePreset = widePreset
        self.privacyPreset = privacyPreset
        self.unmutePolicy = unmutePolicy
        self.terminalUnmuteGrants = terminalUnmuteGrants
        self.presetSlots = presetSlots
        self.leadTimes = leadTimes
    }

    private enum CodingKeys: String, CodingKey {
        case identity, microphones, groups, presets, otherCameras, widePreset, privacyPreset, unmutePolicy, terminalUnmuteGrants, presetSlots
        case leadTimes
    }

    /// Reads a setup in which everything but the identity and the microphones
    /// may be left out: no groups, no presets, the strict policy.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            identity: try container.decode(EndpointIdentity.self, forKey: .identity),
            microphones: try container.decode([MicSeat].self, forKey: .microphones),
            groups: try container.decodeIfPresent([String: [String]].self, forKey: .groups) ?? [:],
            presets: try container.decodeIfPresent([String: Int].self, forKey: .presets) ?? [:],
            otherCameras: try container.decodeIfPresent([CameraBook].self, forKey: .otherCameras) ?? [],
            widePreset: try container.decodeIfPresent(String.self, forKey: .widePreset),
            privacyPreset: try container.decodeIfPresent(String.self, forKey: .privacyPreset),
            unmutePolicy: try container.decodeIfPresent(UnmutePolicy.self, forKey: .unmutePolicy) ?? .strict,
            terminalUnmuteGrants: try container.decodeIfPresent(FloorTarget.self, forKey: .terminalUnmuteGrants),
            presetSlots: try container.decodeIfPresent([ClosedRange<Int>].self, forKey: .presetSlots) ?? [0...5],
            leadTimes: try container.decodeIfPresent([LeadTime].self, forKey: .leadTimes) ?? LeadTime.defaults)
    }

    /// The names of every microphone channel, in configuration order.
    public var channelNames: [String] { microphones.map(\.name) }

    /// The microphone channel called `name`, if the room has one.
    public func microphone(named name: String) -> MicSeat? {
        microphones.first { $0.name == name }
    }

    /// The preset called `name`: the main camera's if it has one, else the
    /// first other camera's that has it.
    public func preset(named name: String?) -> Preset? {
        guard let name else { return nil }
        if let slot = presets[name] { return Preset(slot: slot, name: name) }
        for camera in otherCameras {
            if let slot = camera.presets[name] { return Preset(slot: slot, name: name, camera: camera.name) }
        }
        return nil
    }

    /// The preset called `name` on every camera that has one: the wide shot
    /// and the privacy preset turn every camera, not only the main one.
    public func presets(named name: String?) -> [Preset] {
        guard let name else { return [] }
        var found: [Preset] = presets[name].map { [Preset(slot: $0, name: name)] } ?? []
        for camera in otherCameras {
            if let slot = camera.presets[name] { found.append(Preset(slot: slot, name: name, camera: camera.name)) }
        }
        return found
    }

    /// What a name the centre or the technician typed means as a floor
    /// target: "all", a microphone, or a group (microphones first).
    public func floorTarget(named name: String) -> FloorTarget? {
        if name == "all" { return .all }
        if microphone(named: name) != nil { return .microphone(name: name) }
        if groups[name] != nil { return .group(name: name) }
        return nil
    }

    /// A preset named in the preset book, or given by its slot number ("3").
    public func preset(matching text: String) -> Preset? {
        if let named = preset(named: text) { return named }
        if let slot = Int(text), (0...255).contains(slot) { return preset(slot: slot) }
        return nil
    }

    /// The preset in `slot`, with the name the preset book gives it.
    public func preset(slot: Int) -> Preset {
        let name = presets.filter { $0.value == slot }.keys.sorted().first
        return Preset(slot: slot, name: name)
    }
}

/// A camera besides the main one, and its preset book.
public struct CameraBook: Sendable, Hashable, Codable {
    /// The camera's name in the room file.
    public var name: String
    public var presets: [String: Int]

    public init(name: String, presets: [String: Int]) {
        self.name = name
        self.presets = presets
    }
}

/// One microphone channel as the rules see it: a name the centre and the
/// technician use, and the preset that frames whoever speaks into it (R3).
public struct MicSeat: Sendable, Hashable, Codable {
    /// The channel's name, e.g. "chair" or "mic2"; "all" is reserved.
    public var name: String
    /// The name of the preset the camera recalls when this channel gets the floor.
    public var preset: String?

    public init(name: String, preset: String? = nil) {
        self.name = name
        self.preset = preset
    }
}

/// Whether a microphone may be opened without the centre's floor grant (R2).
public enum UnmutePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The regulations' default: a local unmute with no grant is refused and
    /// an unmute made outside the daemon is reverted.
    case strict
    /// For rooms that need it: the technician may open a microphone without a
    /// grant, and an outside unmute is logged but left alone.
    case relaxed
}

/// Who the room is, as reported to the main endpoint (R8): its name, its
/// lead, and its technicians (001 Art. 13.2: at least two, each with name,
/// unit, phone and email, sent to the centre and kept up to date).
public struct EndpointIdentity: Sendable, Hashable, Codable {
    /// The name the room shows, e.g. "UBND xã Tân Lập".
    public var roomName: String
    /// The room's lead ("lãnh đạo điểm cầu").
    public var lead: Contact?
    /// The room's technicians ("cán bộ kỹ thuật điểm cầu"), the one on duty first.
    public var technicians: [Contact]

    public init(roomName: String, lead: Contact? = nil, technicians: [Contact]) {
        self.roomName = roomName
        self.lead = lead
        self.technicians = technicians
    }

    public init(roomName: String, lead: Contact? = nil, technician: Contact? = nil) {
        self.init(roomName: roomName, lead: lead, technicians: technician.map { [$0] } ?? [])
    }

    /// The first technician: the one the room names when it names one.
    public var technician: Contact? { technicians.first }

    private enum CodingKeys: String, CodingKey { case roomName, lead, technicians, technician }

    /// Reads `technicians`, or the one `technician` of earlier setups.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let one = try container.decodeIfPresent(Contact.self, forKey: .technician)
        self.init(
            roomName: try container.decode(String.self, forKey: .roomName),
            lead: try container.decodeIfPresent(Contact.self, forKey: .lead),
            technicians: try container.decodeIfPresent([Contact].self, forKey: .technicians) ?? one.map { [$0] } ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roomName, forKey: .roomName)
        try container.encodeIfPresent(lead, forKey: .lead)
        try container.encode(technicians, forKey: .technicians)
    }

    /// What 001 Art. 13.2 asks that the identity lacks, or nil.
    public var shortfall: String? {
        if technicians.count < 2 {
            return "001 Art. 13.2 asks for at least two trained technicians; the room file names \(technicians.count)"
        }
        let withoutEmail = technicians.filter { $0.email == nil }.map(\.name)
        if !withoutEmail.isEmpty {
            return "001 Art. 13.2 asks for each technician's email; missing for " + withoutEmail.joined(separator: ", ")
        }
        return nil
    }
}

/// A person the room reports to the main endpoint: name, position (or
/// unit), phone and email (R8).
public struct Contact: Sendable, Hashable, Codable {
    public var name: String
    public var position: String
    public var phone: String
    public var email: String?

    public init(name: String, position: String, phone: String, email: String? = nil) {
        self.name = name
        self.position = position
        self.phone = phone
        self.email = email
    }

    /// "Trần Thị Bình (Cán bộ kỹ thuật, 0912 000 002, binh@tanlap.gov.vn)".
    public var summary: String {
        "\(name) (\(position), \(phone)" + (email.map { ", \($0)" } ?? "") + ")"
    }
}
