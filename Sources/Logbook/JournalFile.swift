#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Support

/// One month's file, open for appending. A line is acknowledged only once
/// `write` has put all of it in the file and `fsync` has put it on the disk.
///
/// If the previous writer died in the middle of a line, the file ends
/// without a newline: the first append then starts with one, so the torn
/// line stays on its own (and is skipped on reading) and the new entry is whole.
final class JournalFile {
    let path: String
    private let descriptor: Int32
    /// The file does not end with a newline (a torn line from a crash, or a
    /// write that failed half-way): the next line must start with one.
    private var endsTorn: Bool

    init(path: String, directory: String) throws(LogbookError) {
        self.path = path
        let existed = access(path, F_OK) == 0
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        descriptor = fd
        endsTorn = Self.endsWithoutNewline(path: path)
        if !existed {
            // The new file's name must survive a crash too.
            Self.syncDirectory(directory)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends whole lines and flushes them to the disk; returns only when
    /// they are there. All or nothing: when the write or the flush fails, the
    /// file is cut back to where it ended, so a later try of the same lines
    /// does not write some of them twice.
    func append(_ line: [UInt8]) throws(LogbookError) {
        var bytes = line
        let tornBefore = endsTorn
        if endsTorn { bytes.insert(UInt8(ascii: "\n"), at: 0) }
        let end = lseek(descriptor, 0, SEEK_END)
        var written = 0
        do {
            try writeFully(descriptor, bytes, written: &written)
        } catch {
            cutBack(to: end, tornBefore: tornBefore, wrote: written, of: bytes)
            throw .writeFailed(path: path, errno: error.rawValue)
        }
        do {
            _ = try retryingOnInterrupt { fsync(descriptor) }
        } catch {
            cutBack(to: end, tornBefore: tornBefore, wrote: written, of: bytes)
            throw .syncFailed(path: path, errno: error.rawValue)
        }
        endsTorn = false
    }

    /// Undoes a failed append. Where the file cannot be cut back, whatever
    /// went out stays, and `endsTorn` says whether it ended mid-line, so the
    /// next line starts fresh.
    private func cutBack(to end: off_t, tornBefore: Bool, wrote: Int, of bytes: [UInt8]) {
        if end >= 0, ftruncate(descriptor, end) == 0 {
            endsTorn = tornBefore
        } else if wrote > 0 {
            endsTorn = bytes[wrote - 1] != UInt8(ascii: "\n")
        }
    }

    private static func endsWithoutNewline(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0 else { return false }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, off_t(status.st_size - 1)) == 1 else { return false }
        return last != UInt8(ascii: "\n")
    }

    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
