/// A line of the logbook that could not be read back, and why.
public struct DamagedLine: Sendable, Equatable, CustomStringConvertible {
    /// The month file's name.
    public var file: String
    /// Its line number, from 1.
    public var line: Int
    /// How many bytes the line has.
    public var length: Int
    /// The file ends in this line with no newline: a write the crash cut short.
    public var unterminated: Bool
    public var reason: Reason = .notAnEntry

    /// Why a line could not be read.
    public enum Reason: Error, Sendable, Equatable {
        /// Not a JSON object: a write cut short, or bytes damaged on the disk.
        case notAnEntry
        /// A JSON object, but not an entry of its format version: what does not fit.
        case doesNotFit(version: Int, problem: String)
        /// Written in a format version newer than this diemcau reads.
        case newerVersion(Int)
        /// An entry of a kind this diemcau does not know: a newer one wrote it.
        case unknownKind(String)
    }

    public var description: String {
        let what =
            if unterminated {
                "the last line, cut short by a crash"
            } else {
                switch reason {
                case .notAnEntry: "not a whole entry, skipped"
                case .doesNotFit(let version, let problem): "not an entry of logbook format \(version) (\(problem)), skipped"
                case .newerVersion(let version):
                    "written in logbook format \(version), newer than this diemcau reads (\(LogbookSchema.version)): "
                        + "skipped, update diemcau to read it"
                case .unknownKind(let kind):
                    "an entry of kind \"\(kind)\", which this diemcau does not know: skipped, update diemcau to read it"
                }
            }
        return "\(file) line \(line) (\(length) bytes): \(what)"
    }
}
