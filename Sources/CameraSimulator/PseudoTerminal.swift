#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The Unix 98 pseudo-terminal calls. Glibc declares them only under
/// _XOPEN_SOURCE, which the Swift Glibc module does not define, so they are
/// looked up in the C library by name.
private enum PTYCalls {
    typealias OpenPT = @convention(c) (Int32) -> Int32
    typealias OnMaster = @convention(c) (Int32) -> Int32
    typealias NameR = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }

    static func openMaster() -> Int32 {
        guard let call = symbol("posix_openpt", as: OpenPT.self) else { return open("/dev/ptmx", O_RDWR | O_NOCTTY) }
        return call(O_RDWR | O_NOCTTY)
    }

    static func grant(_ fd: Int32) -> Int32 { symbol("grantpt", as: OnMaster.self)?(fd) ?? 0 }
    static func unlock(_ fd: Int32) -> Int32 { symbol("unlockpt", as: OnMaster.self)?(fd) ?? -1 }

    static func slaveName(_ fd: Int32) -> String? {
        guard let call = symbol("ptsname_r", as: NameR.self) else { return nil }
        var name = [CChar](repeating: 0, count: 128)
        guard call(fd, &name, name.count) == 0 else { return nil }
        let bytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A pseudo-terminal pair: the simulator holds the master side, a controller
/// opens the slave path (`/dev/pts/N`) as if it were a serial port.
///
/// The simulator also keeps the slave open itself, so the master never sees
/// a hang-up while no controller has the port open (poll would otherwise
/// report it continuously). The slave is put in raw mode, 8N1.
final class PseudoTerminal: Sendable {
    let slavePath: String
    /// A stable path (symlink) to the slave, if one was asked for.
    let linkPath: String?
    let master: Descriptor
    private let slaveKeeper: Descriptor
    private let watcher: DescriptorWatcher

    /// The path a controller should open: the link if there is one.
    var path: String { linkPath ?? slavePath }

    init(linkPath: String?, rate: BaudRate?) throws(SimulatorError) {
        let master = PTYCalls.openMaster()
        guard master >= 0 else { throw .failed("posix_openpt", "cannot create a pseudo-terminal for the camera simulator") }
        guard PTYCalls.grant(master) == 0, PTYCalls.unlock(master) == 0 else {
            let error = SimulatorError.failed("grantpt/unlockpt", "cannot unlock the pseudo-terminal")
            _ = close(master)
            throw error
        }
        guard let slavePath = PTYCalls.slaveName(master) else {
            let error = SimulatorError.failed("ptsname_r", "cannot name the pseudo-terminal's slave side")
            _ = close(master)
            throw error
        }
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            let error = SimulatorError.failed("open", "cannot open \(slavePath)")
            _ = close(master)
            throw error
        }
        var settings = termios()
        tcgetattr(slave, &settings)
        cfmakeraw(&settings)
        let speed = rate == .b38400 ? speed_t(B38400) : speed_t(B9600)
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
        tcsetattr(slave, TCSANOW, &settings)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        if let linkPath {
            _ = unlink(linkPath)
            guard symlink(slavePath, linkPath) == 0 else {
                let error = SimulatorError.failed("symlink", "cannot link \(linkPath) to \(slavePath); is the directory writable?")
                _ = close(slave)
                _ = close(master)
                throw error
            }
        }
        self.slavePath = slavePath
        self.linkPath = linkPath
        self.master = Descriptor(master)
        self.slaveKeeper = Descriptor(slave)
        self.watcher = try DescriptorWatcher(self.master)
    }

    /// Starts the reading thread; chunks go to `deliver` in order.
    func start(deliver: @escaping @Sendable ([UInt8]) -> Void, onEnd: @escaping @Sendable () -> Void) {
        watcher.start(name: "visca-sim pty \(slavePath)", onReadable: { fd in
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                deliver(Array(buffer[0..<count]))
                return true
            }
            return count < 0 && (errno == EAGAIN || errno == EINTR)
        }, onEnd: onEnd)
    }

    func write(_ bytes: [UInt8]) { master.write(bytes) }

    /// Closes both sides and removes the link: to a controller, the port vanishes.
    func stop() {
        if let linkPath { _ = unlink(linkPath) }
        watcher.stop()
        slaveKeeper.close()
    }
}
