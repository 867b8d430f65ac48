import Camera
import Links

extension CameraSetup {
    /// The camera driver's line for this camera: the room file's link, with
    /// what it leaves out (baud rate, port) taken from the model's profile.
    /// Cameras whose lines are equal share one driver (a daisy chain).
    /// `LinkSetup` stays the file's own: its fields are optional as written,
    /// and the driver's line also has kinds no room file names (a test's link).
    public func connection(profile: CameraProfile) -> CameraConnection {
        switch link.kind {
        case .serial:
            .serial(link.path ?? "", baud: link.baud ?? profile.defaultBaud)
        case .tty:
            .tty(link.path ?? "", baud: link.baud ?? profile.defaultBaud)
        case .udp:
            .udp(HostAndPort(host: link.host ?? "", port: link.port.map { UInt16($0) } ?? profile.udpPort ?? 52381))
        case .tcp:
            .tcp(HostAndPort(host: link.host ?? "", port: link.port.map { UInt16($0) } ?? profile.tcpPort ?? 5678))
        }
    }

    /// The camera's address on its line: `address`, or 1 (the camera
    /// nearest the PC, and every camera over IP) when the field is absent.
    public var chainAddress: Int { address ?? 1 }
}
