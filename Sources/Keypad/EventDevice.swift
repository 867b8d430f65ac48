#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the evdev calls a keypad needs: open, grab, name.
enum EventDevice {
    /// `EVIOCGRAB` = `_IOW('E', 0x90, int)`: with 1, only this file
    /// descriptor receives the device's records (not the desktop, not the
    /// console), until it is closed.
    static let grabRequest: UInt = 0x4004_4590

    /// `EVIOCGNAME(len)` = `_IOC(_IOC_READ, 'E', 0x06, len)`: the device's name.
    static func nameRequest(length: Int) -> UInt {
        (2 << 30) | (UInt(length) << 16) | (0x45 << 8) | 0x06
    }

    /// Opens a device (or a pipe, or a file) for non-blocking reading.
    static func open(_ path: String) -> Result<Int32, KeypadError> {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd < 0 else { return .success(fd) }
        switch errno {
        case ENOENT, ENOTDIR, ENODEV, ENXIO: return .failure(.deviceMissing(path: path))
        case EACCES, EPERM: return .failure(.permissionDenied(path: path))
        case let code: return .failure(.cannotOpen(path: path, errno: code))
        }
    }

    /// What `EVIOCGRAB` said.
    enum Grab: Equatable {
        case grabbed
        /// A pipe, a FIFO, a regular file: no such ioctl.
        case notAnEventDevice
        case busy
        case failed(Int32)
    }

    static func grab(_ fd: Int32) -> Grab {
        if ioctl(fd, grabRequest, CInt(1)) == 0 { return .grabbed }
        switch errno {
        case ENOTTY, EINVAL: return .notAnEventDevice
        case EBUSY: return .busy
        case let code: return .failed(code)
        }
    }

    /// The name the device gives itself ("SEM USB Keyboard"), nil for a non-device.
    static func name(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { raw in
            ioctl(fd, nameRequest(length: raw.count - 1), raw.baseAddress!)
        }
        guard count > 0 else { return nil }
        let bytes = buffer.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Makes a caller's file descriptor non-blocking, for the reader's `poll` loop.
    static func makeNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }
}

/// Which file a path leads to now (after symlinks): a by-id link that points
/// at a new device node after a replug is a different file.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
