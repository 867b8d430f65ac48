import FoundationEssentials
import Room

extension LogbookReading {
    /// The sổ theo dõi of one meeting (002 Art. 4.1): every entry from the
    /// first session started for it (the technical test, usually) to the last
    /// session of it that ended, or to the end of the reading when one is
    /// still open. Nil when no session names the meeting.
    public func meeting(_ id: String) -> LogbookReading? {
        var first: Int?, last: Int?
        for (index, entry) in entries.enumerated() {
            switch entry.record {
            case .sessionStarted(_, let meeting) where meeting == id:
                if first == nil { first = index }
                last = nil
            case .sessionEnded(_, let meeting) where meeting == id:
                last = index
            default:
                continue
            }
        }
        guard let first else { return nil }
        return LogbookReading(entries: Array(entries[first...(last ?? entries.count - 1)]), damaged: damaged)
    }
}
