import FoundationEssentials
import Room
import Support

/// What reading the logbook found: the entries, and the lines it had to skip.
public struct LogbookReading: Sendable, Equatable {
    public var entries: [LogEntry]
    /// Lines that could not be read: torn by a crash, damaged, or written by a newer diemcau.
    public var damaged: [DamagedLine]

    public init(entries: [LogEntry], damaged: [DamagedLine]) {
        self.entries = entries
        self.damaged = damaged
    }
}

/// Reads month files without holding the logbook open for writing (the CLI
/// reads while the daemon writes).
public struct LogbookReader: Sendable {
    public let directory: String
    public let timeZone: TimeZone

    public init(directory: String = StateDirectory.logbookPath(), timeZone: TimeZone = .room) {
        self.directory = directory
        self.timeZone = timeZone
    }

    /// Every entry whose time is in `period` (all of them when nil), in the order written.
    public func read(_ period: DateInterval? = nil) throws(LogbookError) -> LogbookReading {
        var reading = LogbookReading(entries: [], damaged: [])
        for month in try months(overlapping: period) {
            let path = directory + "/" + month.fileName
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .cannotRead(path: path, reason: SystemReason.of(error))
            }
            var lineNumber = 0
            var lineStart = data.startIndex
            while lineStart < data.endIndex {
                lineNumber += 1
                let newline = data[lineStart...].firstIndex(of: UInt8(ascii: "\n"))
                let lineEnd = newline ?? data.endIndex
                let line = data[lineStart..<lineEnd]
                if !line.isEmpty {
                    do {
                        let entry = try LogbookSchema.entry(from: line)
                        if period.map({ $0.start <= entry.time && entry.time < $0.end }) ?? true {
                            reading.entries.append(entry)
                        }
                    } catch {
                        reading.damaged.append(DamagedLine(
                            file: month.fileName, line: lineNumber, length: line.count, unterminated: newline == nil, reason: error))
                    }
                }
                lineStart = newline.map { data.index(after: $0) } ?? data.endIndex
            }
        }
        return reading
    }

    /// How far before a period the schedule is looked up: the centre
    /// schedules a meeting days or weeks ahead, maybe in the period before.
    public static let scheduleLookBack: TimeInterval = 62 * 86_400

    /// The report for a period (R4). Meetings the centre scheduled in the two
    /// months before it are known too, so that a meeting held early in the
    /// period is counted under its chairing body.
    ///
    /// The files are read once for both (the period's first month would
    /// otherwise be read twice); the damaged lines counted are those of the
    /// period's files, as `read(period)` counts them.
    public func report(_ period: DateInterval) throws(LogbookError) -> LogbookReport {
        guard period.duration > 0 else { throw .emptyPeriod }
        let reading = try read(DateInterval(start: period.start.addingTimeInterval(-Self.scheduleLookBack), end: period.end))
        var entries: [LogEntry] = [], scheduled: [Meeting] = []
        entries.reserveCapacity(reading.entries.count)
        for entry in reading.entries {
            if entry.time >= period.start {
                entries.append(entry)
            } else if case .scheduled(let meeting, _) = entry.record {
                scheduled.append(meeting)
            }
        }
        let periodFiles = Set(try months(overlapping: period).map(\.fileName))
        let damaged = reading.damaged.filter { periodFiles.contains($0.file) }.count
        return LogbookReport(entries: entries, period: period, damagedLines: damaged, scheduledBefore: scheduled)
    }

    /// The highest incident number written so far (0 when none).
    public func highestIncidentNumber() throws(LogbookError) -> Int {
        try read().entries.reduce(0) { highest, entry in
            if case .incident(let incident) = entry.record { max(highest, incident.id) } else { highest }
        }
    }

    /// The month files present, oldest first, limited to those that can hold
    /// entries of `period` (a month either side, for clocks near midnight).
    func months(overlapping period: DateInterval?) throws(LogbookError) -> [MonthFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .cannotRead(path: directory, reason: SystemReason.of(error))
        }
        var months = names.compactMap(MonthFile.init(fileName:)).sorted()
        if let period {
            let first = MonthFile(containing: period.start, timeZone: timeZone)
            let last = MonthFile(containing: period.end, timeZone: timeZone)
            months = months.filter { $0.monthsAfter(first) >= -1 && last.monthsAfter($0) >= -1 }
        }
        return months
    }
}

extension MonthFile {
    func monthsAfter(_ other: MonthFile) -> Int {
        (year - other.year) * 12 + (month - other.month)
    }
}
