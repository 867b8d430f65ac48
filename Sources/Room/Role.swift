/// Who sent a command. The regulations give each party a different reach:
/// only the MCU centre (the main endpoint's control technician) may ask the
/// room to dial, hang up or reconnect (R1) or grant it the floor (R2).
public enum Role: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The MCU centre / main endpoint ("điểm cầu chính", "trung tâm điều khiển").
    case mcu
    /// The room's own technician ("cán bộ kỹ thuật điểm cầu"), at the keypad or the CLI.
    case technician
    /// Anyone allowed to watch the room's state and change nothing.
    case observer

    /// How far the role reaches: an observer < a technician < the MCU centre.
    public var rank: Int {
        switch self {
        case .observer: 0
        case .technician: 1
        case .mcu: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
