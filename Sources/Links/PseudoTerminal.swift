import Glibc

/// A pseudo-terminal pair: what a simulated camera sits behind, and what
/// `socat` or a serial server hands the driver. The master side is a
/// descriptor (adopt it with `TTYLink(adopting:name:)`); the slave side is a
/// path the driver opens like any serial device.
public struct PseudoTerminal: Sendable {
    public let master: Int32
    public let slavePath: String

    /// `TIOCSPTLCK` = `_IOW('T', 0x31, int)` and `TIOCGPTN` = `_IOR('T', 0x30, unsigned int)`
    /// in the generic ioctl encoding (x86-64, arm64); macros Swift does not import.
    static let setLock: UInt = 0x4004_5431
    static let getNumber: UInt = 0x8004_5430

    /// Opens `/dev/ptmx` and unlocks the slave. (Glibc's `posix_openpt`,
    /// `unlockpt` and `ptsname` are not visible to Swift; these are the ioctls
    /// they wrap. `grantpt` is a no-op on devpts.)
    public static func open() throws -> PseudoTerminal {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw LinkError.opening("/dev/ptmx", errno: errno) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        let unlocked = withUnsafeMutablePointer(to: &unlock) { ioctl(master, PseudoTerminal.setLock, $0) } == 0
        let numbered = withUnsafeMutablePointer(to: &number) { ioctl(master, PseudoTerminal.getNumber, $0) } == 0
        guard unlocked, numbered else {
            let code = errno
            Glibc.close(master)
            throw LinkError.configurationFailed(path: "/dev/ptmx", step: "unlock", message: errorText(code), errno: code)
        }
        return PseudoTerminal(master: master, slavePath: "/dev/pts/\(number)")
    }
}
