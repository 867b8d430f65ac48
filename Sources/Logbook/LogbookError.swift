#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Support

/// What can go wrong with the logbook, each with what the technician can do about it.
public enum LogbookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The logbook's directory could not be made.
    case cannotCreateDirectory(path: String, errno: Int32)
    /// A month's file could not be opened for appending.
    case cannotOpen(path: String, errno: Int32)
    /// An entry could not be written (the disk is full, the file system went read-only, ...).
    case writeFailed(path: String, errno: Int32)
    /// An entry was written but could not be flushed to the disk: it is not acknowledged.
    case syncFailed(path: String, errno: Int32)
    /// A month's file could not be read.
    case cannotRead(path: String, reason: String)
    /// The free space of the logbook's file system could not be read.
    case cannotMeasureSpace(path: String, errno: Int32)
    /// A report's period ends before it starts.
    case emptyPeriod
    /// An entry could not be turned into JSON.
    case cannotEncode(String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let code):
            "the logbook cannot create \(path): \(Self.explain(code)); give the daemon a writable state directory "
                + "(StateDirectory=diemcau in its unit, or STATE_DIRECTORY)"
        case .cannotOpen(let path, let code):
            "the logbook cannot open \(path) for appending: \(Self.explain(code)); check the file's owner and mode "
                + "(the daemon's user must be able to write it)"
        case .writeFailed(let path, let code):
            "the logbook could not write to \(path): \(Self.explain(code)); free space on its file system "
                + "(df -h \(path)) and check that it is mounted read-write"
        case .syncFailed(let path, let code):
            "the logbook wrote to \(path) but could not flush it to the disk: \(Self.explain(code)); the entry is not "
                + "safe: check the disk (dmesg) before the meeting"
        case .cannotRead(let path, let reason):
            "the logbook cannot read \(path): \(reason); check the file's owner and mode"
        case .cannotMeasureSpace(let path, let code):
            "the logbook cannot measure the free space under \(path): \(Self.explain(code))"
        case .emptyPeriod:
            "a report's period must end after it starts: give the later date as the end"
        case .cannotEncode(let reason):
            "the logbook could not encode an entry: \(reason)"
        }
    }

    static func explain(_ code: Int32) -> String {
        "\(Errno(rawValue: code).description) (errno \(code))"
    }
}
