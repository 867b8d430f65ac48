/// A two-way byte pipe to a camera: a serial port, a pseudo-terminal or serial
/// server, a UDP or TCP socket. The camera driver speaks VISCA over any of them
/// and never knows which.
///
/// Bytes arrive on `incoming` in whatever chunks the operating system hands
/// over; framing is the reader's business. The stream finishes when the link
/// is closed or lost (the USB adapter unplugged, the peer gone): the reader
/// then knows to reconnect.
public protocol ByteLink: Sendable {
    /// Where the bytes go, as a technician would name it: `/dev/ttyUSB0`,
    /// `udp 192.168.1.20:52381`.
    var endpoint: String { get }

    /// The bytes as they arrive. Finishes when the link is closed or lost.
    var incoming: AsyncStream<[UInt8]> { get }

    /// Writes all of `bytes`, or throws a `LinkError` that says why not.
    func send(_ bytes: [UInt8]) async throws

    /// Stops reading, releases the device or socket and finishes `incoming`.
    /// Closing twice is harmless.
    func close() async
}
