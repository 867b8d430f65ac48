import FoundationEssentials
import Localization

/// The incidents the technician has not yet noted a fix for, oldest first,
/// and the number the next one gets (R4, R11): numbers continue the
/// logbook's after a restart and are never given twice.
public struct IncidentBook: Sendable, Hashable, Codable, RandomAccessCollection {
    /// The open incidents, oldest first.
    public private(set) var open: [Incident] = []
    /// The number the next incident gets.
    public private(set) var nextNumber: Int

    init(nextNumber: Int) { self.nextNumber = Swift.max(1, nextNumber) }

    public var startIndex: Int { open.startIndex }
    public var endIndex: Int { open.endIndex }
    public subscript(position: Int) -> Incident { open[position] }

    /// Whether `id` was ever given to an incident, open or fixed.
    func numbered(_ id: Int) -> Bool { id >= 1 && id < nextNumber }

    /// A new incident, numbered and open.
    mutating func record(_ kind: IncidentKind, _ detail: Message, at time: Date) -> Incident {
        let incident = Incident(id: nextNumber, kind: kind, detail: detail.description, openedAt: time, said: detail)
        nextNumber += 1
        open.append(incident)
        return incident
    }

    /// The technician noted a fix: the incident is no longer open.
    mutating func fixed(_ id: Int) { open.removeAll { $0.id == id } }
}
