/// What differs between two setups, field by field, in the room file's
/// words: what the logbook records when a configuration read again is
/// applied (R7: every change logged, with who made it).
public struct SetupChange: Sendable, Hashable {
    /// The field, as the room file names it: `framing.wide`, `presets.chair`.
    public var field: String
    /// The value before and after, in words; nil where there was none.
    public var was: String?
    public var now: String?
}

extension RoomSetup {
    /// Every field that differs from `other`, in a fixed order.
    public func changes(to other: RoomSetup) -> [SetupChange] {
        var changes: [SetupChange] = []
        func compare(_ field: String, _ was: String?, _ now: String?) {
            if was != now { changes.append(SetupChange(field: field, was: was, now: now)) }
        }
        func compareAll(_ prefix: String, _ was: [String: String], _ now: [String: String]) {
            for key in Set(was.keys).union(now.keys).sorted() { compare(prefix + key, was[key], now[key]) }
        }
        compare("room.name", identity.roomName, other.identity.roomName)
        compare("room.lead", identity.lead?.summary, other.identity.lead?.summary)
        compare("room.technicians", Self.people(identity.technicians), Self.people(other.identity.technicians))
        compareAll("microphones.preset.", Self.microphonePresets(microphones), Self.microphonePresets(other.microphones))
        compareAll("groups.", groups.mapValues { $0.joined(separator: ", ") }, other.groups.mapValues { $0.joined(separator: ", ") })
        compareAll("presets.", presets.mapValues(String.init), other.presets.mapValues(String.init))
        compareAll("cameras.presets.", Self.otherPresets(otherCameras), Self.otherPresets(other.otherCameras))
        compare("framing.wide", widePreset, other.widePreset)
        compare("framing.privacy", privacyPreset, other.privacyPreset)
        compare("floor.allowUnmuteWithoutGrant", String(unmutePolicy == .relaxed), String(other.unmutePolicy == .relaxed))
        compare("floor.terminalUnmuteGrants", terminalUnmuteGrants?.description, other.terminalUnmuteGrants?.description)
        compare("readiness.leadTimes", Self.leads(leadTimes), Self.leads(other.leadTimes))
        return changes
    }

    private static func leads(_ times: [LeadTime]) -> String {
        times.map { "\($0.minutesBefore) min (\($0.article))" }.joined(separator: ", ")
    }

    private static func people(_ contacts: [Contact]) -> String? {
        contacts.isEmpty ? nil : contacts.map(\.summary).joined(separator: "; ")
    }

    private static func microphonePresets(_ seats: [MicSeat]) -> [String: String] {
        Dictionary(seats.compactMap { seat in seat.preset.map { (seat.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    private static func otherPresets(_ cameras: [CameraBook]) -> [String: String] {
        var names: [String: String] = [:]
        for camera in cameras {
            for (name, slot) in camera.presets { names["\(camera.name).\(name)"] = String(slot) }
        }
        return names
    }
}
