import CSerialPort
import Glibc

/// A real serial port (RS-232 or RS-422 through a USB adapter, or a
/// motherboard port) opened through libserialport at 9600 or 38400 8N1, no
/// flow control.
///
/// libserialport refuses pseudo-terminals (it needs modem-control ioctls they
/// lack): open those with `TTYLink`.
public final class SerialPortLink: ByteLink {
    private let channel: DescriptorChannel

    /// The rates a VISCA camera's baud-rate switch offers.
    public static let baudRates = [9600, 38400]

    public init(path: String, baud: Int = 9600) throws {
        guard SerialPortLink.baudRates.contains(baud) else { throw LinkError.unsupportedBaudRate(baud) }
        // libserialport resolves the name first; a path that is not there
        // fails here with a message that hides errno, so look first.
        if access(path, F_OK) != 0 {
            throw LinkError.portMissing(path: path, message: errorText(errno))
        }
        var port: OpaquePointer?
        try SerialPortLink.check(sp_get_port_by_name(path, &port), path: path, operation: "sp_get_port_by_name")
        guard let port else {
            throw LinkError.portMissing(path: path, message: "libserialport found no port by that name")
        }
        let handle = PortHandle(port: port)
        do {
            try SerialPortLink.check(sp_open(port, SP_MODE_READ_WRITE), path: path, operation: "sp_open")
            do {
                try SerialPortLink.check(sp_set_baudrate(port, Int32(baud)), path: path, operation: "sp_set_baudrate")
                try SerialPortLink.check(sp_set_bits(port, 8), path: path, operation: "sp_set_bits")
                try SerialPortLink.check(sp_set_parity(port, SP_PARITY_NONE), path: path, operation: "sp_set_parity")
                try SerialPortLink.check(sp_set_stopbits(port, 1), path: path, operation: "sp_set_stopbits")
                try SerialPortLink.check(sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE), path: path, operation: "sp_set_flowcontrol")
                var fd: Int32 = -1
                try withUnsafeMutablePointer(to: &fd) { pointer in
                    try SerialPortLink.check(sp_get_port_handle(port, pointer), path: path, operation: "sp_get_port_handle")
                }
                // The pump reads with poll(2); writes wait in poll when the buffer is full.
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                channel = DescriptorChannel(descriptor: fd, endpoint: path) { handle.release() }
            } catch {
                sp_close(port)
                throw error
            }
        } catch {
            sp_free_port(port)
            throw error
        }
    }

    public var endpoint: String { channel.endpoint }
    public var incoming: AsyncStream<[UInt8]> { channel.incoming }

    public func send(_ bytes: [UInt8]) throws { try channel.send(bytes) }

    public func close() { channel.close() }

    /// Turns a libserialport result into a `LinkError` carrying its message and errno.
    static func check(_ result: sp_return, path: String, operation: String) throws {
        guard result.rawValue < 0 else { return }
        let code = result == SP_ERR_FAIL ? sp_last_error_code() : 0
        var message = "libserialport error \(result.rawValue)"
        if result == SP_ERR_FAIL, let text = sp_last_error_message() {
            message = String(cString: text)
            sp_free_error_message(text)
        } else if result == SP_ERR_ARG {
            message = "invalid argument"
        } else if result == SP_ERR_MEM {
            message = "out of memory"
        } else if result == SP_ERR_SUPP {
            message = "not supported by this port"
        }
        switch code {
        case ENOENT, ENODEV, ENXIO: throw LinkError.portMissing(path: path, message: message)
        case EACCES, EPERM: throw LinkError.permissionDenied(path: path, message: message)
        case EBUSY: throw LinkError.portBusy(path: path, message: message)
        case ENOTTY:
            throw LinkError.notASerialPort(path: path, message: message)
        case EINVAL where operation != "sp_open":
            throw LinkError.notASerialPort(path: path, message: message)
        default: throw LinkError.serialPort(path: path, operation: operation, message: message, errno: code)
        }
    }
}

/// The libserialport port structure, closed and freed exactly once.
///
/// `@unchecked Sendable` is safe here: the pointer is used by `SerialPortLink.init`
/// before the pump starts, and afterwards only by `release()`, which the pump
/// calls once, on its own thread, after its last read.
private struct PortHandle: @unchecked Sendable {
    let port: OpaquePointer

    func release() {
        sp_close(port)
        sp_free_port(port)
    }
}
