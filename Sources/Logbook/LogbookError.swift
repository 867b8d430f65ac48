#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Localization
import Support

/// What can go wrong with the logbook, each with what the technician can do about it.
public enum LogbookError: Error, Sendable, Equatable, CustomStringConvertible, Sayable {
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

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .cannotCreateDirectory(let path, let code):
            Message("the logbook cannot create {path}: {reason}; give the daemon a writable state directory (StateDirectory=diemcau in its unit, or STATE_DIRECTORY)",
                    ["path": path, "reason": Self.explain(code)])
        case .cannotOpen(let path, let code):
            Message("the logbook cannot open {path} for appending: {reason}; check the file's owner and mode (the daemon's user must be able to write it)",
                    ["path": path, "reason": Self.explain(code)])
        case .writeFailed(let path, let code):
            Message("the logbook could not write to {path}: {reason}; free space on its file system (df -h {path}) and check that it is mounted read-write",
                    ["path": path, "reason": Self.explain(code)])
        case .syncFailed(let path, let code):
            Message("the logbook wrote to {path} but could not flush it to the disk: {reason}; the entry is not safe: check the disk (dmesg) before the meeting",
                    ["path": path, "reason": Self.explain(code)])
        case .cannotRead(let path, let reason):
            Message("the logbook cannot read {path}: {reason}; check the file's owner and mode", ["path": path, "reason": reason])
        case .cannotMeasureSpace(let path, let code):
            Message("the logbook cannot measure the free space under {path}: {reason}", ["path": path, "reason": Self.explain(code)])
        case .emptyPeriod:
            Message("a report's period must end after it starts: give the later date as the end")
        case .cannotEncode(let reason):
            Message("the logbook could not encode an entry: {reason}", ["reason": reason])
        }
    }

    static func explain(_ code: Int32) -> String {
        "\(Errno(rawValue: code).description) (errno \(code))"
    }
}
