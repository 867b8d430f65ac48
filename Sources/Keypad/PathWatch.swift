#if canImport(Glibc)
import Glibc
#endif

/// What inotify saw happen to the keypad's path.
enum PathChange: Sendable, Equatable {
    /// A file of the watched name appeared (created, or renamed into place the
    /// way udev makes its by-id links): worth opening even if it looks old.
    case appeared
    /// The file was touched (closed by another program, its permissions
    /// changed, removed) or a directory on the way moved: look again.
    case changed
}

/// Watches, with inotify, for a path to appear or change.
///
/// The directory a by-id link lives in may itself be missing (udev removes
/// /dev/input/by-id when its last device goes), so the watch sits on the
/// deepest directory of the path that exists now and reports when the next
/// step toward the path appears there. The caller makes a new watch after
/// each change: watch first, then look, so nothing falls in between.
struct PathWatch {
    private var chunks: AsyncStream<ReadChunk>.Iterator
    private var pending: [PathChange] = []
    private let directoryWatch: Int32
    private let child: String

    /// Starts watching; dropping the watch closes its inotify descriptor.
    init(toward path: String) throws(KeypadError) {
        var (directory, child) = Self.deepestExistingDirectory(toward: path)
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw .watchFailed(directory: directory, errno: errno) }

        let directoryMask = UInt32(IN_CREATE) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
        var directoryWatch = inotify_add_watch(fd, directory, directoryMask)
        // udev may remove the directory between the look and the watch (the
        // last device of its kind unplugged): look again, one level up.
        var attempts = 1
        while directoryWatch < 0, errno == ENOENT || errno == ENOTDIR, attempts < 64 {
            (directory, child) = Self.deepestExistingDirectory(toward: path)
            directoryWatch = inotify_add_watch(fd, directory, directoryMask)
            attempts += 1
        }
        guard directoryWatch >= 0 else {
            let code = errno
            close(fd)
            throw .watchFailed(directory: directory, errno: code)
        }
        // The file itself, when it is there: another program opening it (the
        // writer of a FIFO) or letting go of it (IN_CLOSE_*: a grab released),
        // new permissions (IN_ATTRIB), or its removal.
        if directory == Self.parent(of: path) {
            let fileMask = UInt32(IN_OPEN) | UInt32(IN_ATTRIB) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CLOSE_NOWRITE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
            _ = inotify_add_watch(fd, path, fileMask)  // fails harmlessly if the file is not there
        }
        self.directoryWatch = directoryWatch
        self.child = child
        // inotify hands out whole records per read, so each chunk parses alone.
        self.chunks = ByteReader.chunks(from: fd, label: "diemcau.keypad.watch").makeAsyncIterator()
    }

    /// The next change that concerns the path; nil when the task is cancelled.
    mutating func nextChange() async -> PathChange? {
        while pending.isEmpty {
            guard case .bytes(let bytes)? = await chunks.next() else { return nil }
            pending = Self.parse(bytes[...], directoryWatch: directoryWatch, child: child)
        }
        return pending.removeFirst()
    }

    /// Turns raw `struct inotify_event` records into changes that concern us.
    static func parse(_ bytes: ArraySlice<UInt8>, directoryWatch: Int32, child: String) -> [PathChange] {
        let data = Array(bytes)
        var changes: [PathChange] = []
        var offset = 0
        func word(_ at: Int) -> UInt32 {
            UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
        }
        while offset + 16 <= data.count {
            let watch = Int32(bitPattern: word(offset))
            let mask = word(offset + 4)
            let nameLength = Int(word(offset + 12))
            let nameBytes = data[(offset + 16)..<min(data.count, offset + 16 + nameLength)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += 16 + nameLength

            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                changes.append(.changed)
            } else if watch == directoryWatch {
                if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                    if name == child { changes.append(.appeared) }
                } else if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
                    changes.append(.changed)
                }
            } else if mask & UInt32(IN_IGNORED) == 0 {
                changes.append(.changed)
            }
        }
        return changes
    }

    /// The deepest directory on the way to `path` that exists, and the name
    /// of the next step from it toward `path`.
    static func deepestExistingDirectory(toward path: String) -> (directory: String, child: String) {
        var current = path
        while true {
            let up = parent(of: current)
            let child = String(current.split(separator: "/").last ?? "")
            if up == current || isDirectory(up) { return (up, child) }
            current = up
        }
    }

    static func parent(of path: String) -> String {
        var components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !components.isEmpty else { return "/" }
        components.removeLast()
        let joined = components.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
