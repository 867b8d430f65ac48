import FoundationEssentials
import Room
import Support

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The room's logbook (R4): append-only JSON Lines, one file per month, in
/// `<state directory>/logbook/`. An entry `append` returns for is on the disk.
///
/// A line is one `LogEntry`, in the logbook's own schema (`LogbookSchema`):
/// its format version, the time in UTC, the kind of record and its fields.
///
///     {"v":1,"time":"2026-06-01T02:00:00.000Z","kind":"floor-granted","target":{"kind":"microphone","name":"chair"},"channels":["chair"],"by":"mcu 10.0.0.5"}
///
/// The actor runs on a dispatch queue of its own, so `fsync` blocks that
/// queue and never a thread of Swift's cooperative pool.
///
///     let logbook = try Logbook()                      // $STATE_DIRECTORY/logbook
///     let (next, effects) = reduce(state, input, at: Date())
///     try await logbook.record(effects)                // on disk before anything else is done
///     let report = try await logbook.report(DateInterval(start: from, end: to))
///     print(report.text(), report.csv())
public actor Logbook {
    /// The folder holding the month files.
    public nonisolated let directory: String
    /// The calendar months are the room's local months.
    public nonisolated let timeZone: TimeZone

    private let executor = LoopExecutor.onOwnThread(named: "logbook")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var file: (month: MonthFile, journal: JournalFile)?

    /// Opens (and if need be creates) the logbook in `directory`; by default
    /// `$STATE_DIRECTORY/logbook`, else `/var/lib/diemcau/logbook`.
    public init(directory: String = StateDirectory.logbookPath(), timeZone: TimeZone = .room) throws(LogbookError) {
        try Self.makeDirectory(directory)
        self.directory = directory
        self.timeZone = timeZone
    }

    /// Writes one entry; returns once it is on the disk.
    public func append(_ entry: LogEntry) throws(LogbookError) {
        try append([entry])
    }

    /// Writes entries in order; returns once all of them are on the disk.
    /// Entries of one month go out in one write and one `fsync`.
    public func append(_ entries: [LogEntry]) throws(LogbookError) {
        var written = 0
        try append(entries, written: &written)
    }

    /// Writes entries in order, one month's file at a time; `written` counts
    /// those on the disk so far, so that after a failure in a later month
    /// the caller retries only the rest (a retry of the whole would write
    /// the earlier month's lines twice).
    public func append(_ entries: [LogEntry], written: inout Int) throws(LogbookError) {
        written = 0
        var start = entries.startIndex
        while start < entries.endIndex {
            let month = MonthFile(containing: entries[start].time, timeZone: timeZone)
            var end = start + 1
            while end < entries.endIndex, MonthFile(containing: entries[end].time, timeZone: timeZone) == month { end += 1 }
            var bytes: [UInt8] = []
            for entry in entries[start..<end] { bytes += try LogbookSchema.line(for: entry) }
            try journal(for: month).append(bytes)
            written += end - start
            start = end
        }
    }

    /// Writes the logbook entries among the rules' effects; the other effects are left alone.
    public func record(_ effects: [Effect]) throws(LogbookError) {
        try append(effects.compactMap { if case .log(let entry) = $0 { entry } else { nil } })
    }

    /// Every entry whose time is in `period`, in the order written, and the lines that could not be read.
    public func read(_ period: DateInterval? = nil) throws(LogbookError) -> LogbookReading {
        try LogbookReader(directory: directory, timeZone: timeZone).read(period)
    }

    /// The report for a period (R4: every six months, or when asked).
    public func report(_ period: DateInterval) throws(LogbookError) -> LogbookReport {
        try LogbookReader(directory: directory, timeZone: timeZone).report(period)
    }

    /// The highest incident number in the logbook, so that numbering goes on after a restart.
    public func highestIncidentNumber() throws(LogbookError) -> Int {
        try LogbookReader(directory: directory, timeZone: timeZone).highestIncidentNumber()
    }

    /// Free bytes for the logbook on its file system (the readiness test's disk check, R5).
    public nonisolated func availableBytes() throws(LogbookError) -> Int64 {
        var status = statvfs()
        guard statvfs(directory, &status) == 0 else { throw .cannotMeasureSpace(path: directory, errno: errno) }
        return Int64(status.f_bavail) * Int64(status.f_frsize)
    }

    private func journal(for month: MonthFile) throws(LogbookError) -> JournalFile {
        if let file, file.month == month { return file.journal }
        file = nil
        let journal = try JournalFile(path: directory + "/" + month.fileName, directory: directory)
        file = (month, journal)
        return journal
    }

    private static func makeDirectory(_ path: String) throws(LogbookError) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o750) != 0, errno != EEXIST {
                throw .cannotCreateDirectory(path: prefix, errno: errno)
            }
        }
    }
}
