import Glibc

/// A serial line opened through termios: pseudo-terminals (the simulator, a
/// `socat` bridge), serial servers such as ser2net exposing a tty, and any real
/// port when libserialport is not wanted. Raw mode, 8N1, no flow control.
public final class TTYLink: ByteLink {
    private let channel: DescriptorChannel

    /// Opens `path` (a device or a symlink to one) at `baud` 8N1.
    public init(path: String, baud: Int = 9600) throws {
        guard let speed = TTYLink.speed(baud) else { throw LinkError.unsupportedBaudRate(baud) }
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw LinkError.opening(path, errno: errno) }
        do {
            try TTYLink.configure(fd, path: path, speed: speed)
        } catch {
            Glibc.close(fd)
            throw error
        }
        channel = DescriptorChannel(descriptor: fd, endpoint: path) { Glibc.close(fd) }
    }

    /// Takes over an open descriptor, e.g. the master side of a pseudo-terminal
    /// pair; closing the link closes it. `baud` configures it when given.
    public init(adopting fd: Int32, name: String, baud: Int? = nil) throws {
        if let baud {
            guard let speed = TTYLink.speed(baud) else { throw LinkError.unsupportedBaudRate(baud) }
            try TTYLink.configure(fd, path: name, speed: speed)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        channel = DescriptorChannel(descriptor: fd, endpoint: name) { Glibc.close(fd) }
    }

    public var endpoint: String { channel.endpoint }
    public var incoming: AsyncStream<[UInt8]> { channel.incoming }

    public func send(_ bytes: [UInt8]) throws { try channel.send(bytes) }

    public func close() { channel.close() }

    /// The termios speed constant for the rates VISCA cameras offer.
    static func speed(_ baud: Int) -> speed_t? {
        switch baud {
        case 9600: return speed_t(B9600)
        case 19200: return speed_t(B19200)
        case 38400: return speed_t(B38400)
        default: return nil
        }
    }

    /// Raw mode, 8 data bits, no parity, 1 stop bit, no hardware or software flow control.
    static func configure(_ fd: Int32, path: String, speed: speed_t) throws {
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else {
            let code = errno
            if code == ENOTTY { throw LinkError.notASerialPort(path: path, message: errorText(code)) }
            throw LinkError.configurationFailed(path: path, step: "tcgetattr", message: errorText(code), errno: code)
        }
        cfmakeraw(&settings)
        settings.c_cflag &= ~(tcflag_t(PARENB | CSTOPB | CSIZE) | tcflag_t(CRTSCTS))
        settings.c_cflag |= tcflag_t(CS8 | CLOCAL | CREAD)
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard cfsetispeed(&settings, speed) == 0, cfsetospeed(&settings, speed) == 0 else {
            let code = errno
            throw LinkError.configurationFailed(path: path, step: "cfsetspeed", message: errorText(code), errno: code)
        }
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else {
            let code = errno
            throw LinkError.configurationFailed(path: path, step: "tcsetattr", message: errorText(code), errno: code)
        }
        tcflush(fd, TCIOFLUSH)
    }
}
