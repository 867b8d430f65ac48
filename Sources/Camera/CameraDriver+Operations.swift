import VISCA

/// What the technician and the daemon ask of a camera, checked against the
/// camera's profile before anything goes on the wire.
extension CameraDriver {
    /// Turns the camera to a stored preset; returns when it has arrived.
    /// `acknowledged` hears of the camera's ACK, before it moves.
    public func recall(preset number: Int, camera: Int = 1, acknowledged: (@Sendable () -> Void)? = nil) async throws {
        try profile.checkPreset(number)
        _ = try await execute(.preset(.recall, number), camera: camera, acknowledged: acknowledged)
        recalled[camera] = number
    }

    /// Stores where the camera points now as preset `number`.
    public func store(preset number: Int, camera: Int = 1, acknowledged: (@Sendable () -> Void)? = nil) async throws {
        try profile.checkPreset(number)
        _ = try await execute(.preset(.set, number), camera: camera, acknowledged: acknowledged)
    }

    /// Clears preset `number` in the camera.
    public func reset(preset number: Int, camera: Int = 1) async throws {
        try profile.checkPreset(number)
        _ = try await execute(.preset(.reset, number), camera: camera)
        if recalled[camera] == number { recalled[camera] = nil }
    }

    /// The preset this driver last recalled on `camera` (no VISCA inquiry tells it).
    public func lastRecalledPreset(camera: Int = 1) -> Int? { recalled[camera] }

    /// Drives pan and tilt until `stopMoving`. Speeds are checked against the
    /// profile; a stopped axis gets the profile's `stoppedAxisSpeed` (01 on a
    /// BRC-300, which refuses 00 there).
    public func move(pan: PanDirection, tilt: TiltDirection, panSpeed: Int, tiltSpeed: Int, camera: Int = 1) async throws {
        let speeds = try profile.driveSpeeds(panMoving: pan != .stop, tiltMoving: tilt != .stop,
                                             panSpeed: panSpeed, tiltSpeed: tiltSpeed)
        _ = try await execute(.panTiltDrive(pan: pan, tilt: tilt, panSpeed: speeds.pan, tiltSpeed: speeds.tilt), camera: camera)
        recalled[camera] = nil
    }

    /// Stops pan and tilt.
    public func stopMoving(camera: Int = 1) async throws {
        try await move(pan: .stop, tilt: .stop, panSpeed: 0, tiltSpeed: 0, camera: camera)
    }

    /// Pans and tilts home.
    public func home(camera: Int = 1) async throws {
        _ = try await execute(.home, camera: camera)
        recalled[camera] = nil
    }

    public func zoom(_ drive: ZoomDrive, camera: Int = 1) async throws {
        _ = try await execute(.zoom(drive), camera: camera)
    }

    /// Zooms to a position inside the profile's range (0 = wide).
    public func zoom(to position: Int, camera: Int = 1) async throws {
        try profile.checkZoom(position)
        _ = try await execute(.zoomDirect(position: position), camera: camera)
    }

    public func focus(_ mode: FocusMode, camera: Int = 1) async throws {
        _ = try await execute(.focus(mode), camera: camera)
    }

    /// Powers the camera on or to standby; returns when it has finished (seconds for power on).
    public func power(_ state: PowerState, camera: Int = 1) async throws {
        _ = try await execute(.power(state), camera: camera)
    }

    /// Asks the camera something; asked again once if no answer came.
    public func inquire(_ inquiry: Inquiry, camera: Int = 1) async throws -> InquiryAnswer {
        guard case .answer(let data) = try await execute(.inquiry(inquiry), camera: camera) else {
            throw CameraError.unexpectedAnswer("the camera acknowledged the \(inquiry) inquiry instead of answering it")
        }
        do {
            return try inquiry.answer(from: data)
        } catch {
            throw CameraError.unexpectedAnswer(error.description)
        }
    }

    /// Command Cancel (`8x 2y FF`) on one socket: the command there fails with
    /// `.rejected(.cancelled)`; an empty socket gives `.rejected(.noSocket)`.
    public func cancel(socket: Int, camera: Int = 1) async throws {
        _ = try await execute(.cancel(socket: socket), camera: camera)
    }

    /// The commands executing in `camera` now, by socket.
    public func executingCommands(camera: Int = 1) -> [Int: Command] {
        guard let address = try? CameraAddress(camera) else { return [:] }
        return (executing[address.rawValue] ?? [:]).mapValues(\.command)
    }
}
