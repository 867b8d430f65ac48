import Localization

/// What the technician checks when a meeting ends (R6), as the regulations
/// list it: the whole system checked before the room is disconnected and
/// powered down (001 Art. 9.2e; 003 Art. 8.4; 004 step 8), the call ended
/// by the centre (the room never hangs up on its own, R1), the camera's
/// lens cap on (003 Art. 5.4d), the equipment switched off and its power cut.
public enum ClosingItem: String, Sendable, Hashable, Codable, CaseIterable {
    case systemCheck = "system-check"
    case callEnded = "call-ended"
    case lensCap = "lens-cap"
    case powerOff = "power-off"

    /// What the technician does, in the regulations' words.
    public func task(in language: Language) -> String {
        switch self {
        case .systemCheck: language.say("check the whole system before disconnecting (001 Art. 9.2e)")
        case .callEnded: language.say("the centre has ended the call (R1)")
        case .lensCap: language.say("put the lens cap on the camera (003 Art. 5.4d)")
        case .powerOff: language.say("switch the equipment off and cut its power (004 step 8)")
        }
    }
}

/// The end-of-meeting checklist (R6): which items the technician confirmed.
public struct ClosingChecklist: Sendable, Hashable, Codable {
    /// The items confirmed so far.
    public private(set) var confirmed: Set<ClosingItem> = []

    public init() {}

    /// The items still to confirm, in the regulations' order.
    public var left: [ClosingItem] { ClosingItem.allCases.filter { !confirmed.contains($0) } }

    mutating func confirm(_ item: ClosingItem) { confirmed.insert(item) }
}

/// R6: the checklist opens when the meeting ends; the technician confirms
/// each item, and each confirmation is logged with who made it.
extension State {
    /// The items still to confirm, in the regulations' order.
    public var closingItemsLeft: [ClosingItem] {
        closingChecklist?.left ?? []
    }

    mutating func openClosingChecklist(_ step: inout Step) {
        closingChecklist = ClosingChecklist()
        step.emit(.closingChecklist(items: ClosingItem.allCases))
    }

    mutating func confirmClosing(_ item: ClosingItem, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard let checklist = closingChecklist else {
            return step.refuse(command, from: client, Message("the closing checklist opens when the meeting ends (phase ended)"))
        }
        guard !checklist.confirmed.contains(item) else {
            let left = closingItemsLeft.map(\.rawValue).joined(separator: ", ")
            return step.refuse(command, from: client, left.isEmpty
                ? Message("{item} is already confirmed; still to confirm: nothing", ["item": item.rawValue])
                : Message("{item} is already confirmed; still to confirm: {left}", ["item": item.rawValue, "left": left]))
        }
        if item == .callEnded, [.connected, .connecting, .ringing].contains(call) {
            return step.refuse(command, from: client, Message(
                "the call is still {state}: the centre ends it; the room never hangs up on its own (R1, R6)", ["state": call.rawValue]))
        }
        closingChecklist?.confirm(item)
        step.log(.closingConfirmed(item: item, by: client.description))
        step.emit(.closingConfirmed(item: item, left: closingItemsLeft, by: client.description))
    }
}
