import Camera

/// The room's camera: the driver of the line it is on (a serial daisy chain
/// of up to 7 cameras, or one camera over IP) and its address there,
/// `cameras[].address` in the room file (1, the camera nearest the PC, when
/// the field is absent). Every order for the room's camera goes to that
/// address; the line itself is started, watched and closed once.
struct RoomCamera: Sendable {
    /// The driver of the whole line.
    let chain: CameraDriver
    /// 1 to 7 on a daisy chain; always 1 over IP.
    let address: Int

    /// Where the line is, for messages: `/dev/diemcau-camera1`, `udp 10.0.0.5:52381`.
    var endpoint: String { chain.endpoint }

    /// Whether the chain, numbered with `cameras` cameras by AddressSet,
    /// reaches this camera; if not, why, for the log and the rules.
    func reached(byChainOf cameras: Int) -> CameraError? {
        guard address > cameras else { return nil }
        return CameraError.notOnChain(address: address, endpoint: endpoint, cameras: cameras)
    }
}
