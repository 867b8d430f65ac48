import VISCA
import Localization

/// Setting the chain up: empty the cameras' command buffers (IF_Clear) and
/// number them (AddressSet), as the cameras on the line allow.
extension CameraDriver {
    /// IF_Clear and AddressSet; returns how many cameras answered. Over IP
    /// the one camera is cleared with IF_Clear to camera 1 (`81 01 00 01 FF`).
    func setUpChain() async throws -> Int {
        guard connection.isDaisyChain else {
            _ = try await perform(.interfaceClear, to: .camera(try CameraAddress(1)), duringSetup: true)
            return 1
        }
        if chainEchoesInterfaceClear {
            do {
                _ = try await perform(.interfaceClear, to: .broadcast, duringSetup: true)
            } catch let error as CameraError {
                guard case .noAnswer = error else { throw error }
                return try await setUpWithoutEcho(orElse: error)
            }
            return try await numberCameras()
        }
        return try await setUpWithoutEcho(orElse: nil)
    }

    /// The broadcast IF_Clear (`88 01 00 01 FF`) did not come back. Sony's
    /// cameras pass it round the chain; cheap PTZ clones swallow it, yet
    /// answer AddressSet and every addressed command. So the chain is
    /// numbered, and each camera cleared with an IF_Clear of its own
    /// (`8x 01 00 01 FF` → `x0 50 FF`). A chain that answers AddressSet no
    /// more than IF_Clear is silent: `silence`, IF_Clear's time-out, is what
    /// is reported then. Once seen, the driver goes this way straight away
    /// when it sets the chain up again, and says so once.
    private func setUpWithoutEcho(orElse silence: CameraError?) async throws -> Int {
        let cameras = try await numberCameras(orIfSilent: silence)
        for number in 1...cameras {
            do {
                _ = try await perform(.interfaceClear, to: .camera(try CameraAddress(number)), duringSetup: true)
            } catch CameraError.rejected {
                // An answer all the same: the camera is there.
            }
        }
        if chainEchoesInterfaceClear {
            chainEchoesInterfaceClear = false
            statistics.interfaceClearEchoesMissing += 1
            note(cameras == 1
                ? Message("camera 1 on {endpoint} does not send the broadcast IF_Clear (88 01 00 01 FF) back round the chain, as cheap PTZ clones do; it answers AddressSet, so each camera is cleared with an IF_Clear of its own (8x 01 00 01 FF) instead", ["endpoint": "\(endpoint)"])
                : Message("one of cameras 1-{cameras} on {endpoint} does not send the broadcast IF_Clear (88 01 00 01 FF) back round the chain, as cheap PTZ clones do; it answers AddressSet, so each camera is cleared with an IF_Clear of its own (8x 01 00 01 FF) instead", ["cameras": "\(cameras)", "endpoint": "\(endpoint)"]))
        }
        return cameras
    }

    /// AddressSet: `88 30 01 FF` comes back as `88 30 0w FF`, w − 1 cameras.
    /// The count is what the chain reports, never anything else. When nothing
    /// comes back at all, `silence` is thrown if given, else AddressSet's time-out.
    func numberCameras(orIfSilent silence: CameraError? = nil) async throws -> Int {
        statistics.addressSets += 1
        let outcome: Outcome
        do {
            outcome = try await perform(.addressSet, to: .broadcast, duringSetup: true)
        } catch let error as CameraError {
            guard case .noAnswer = error, let silence else { throw error }
            throw silence
        }
        guard case .numbered(let count) = outcome, count > 0 else {
            throw CameraError.noAnswer(command: "AddressSet", camera: "the cameras", endpoint: endpoint,
                                       milliseconds: timing.chainSetup.milliseconds,
                                       hint: Message("AddressSet came back unnumbered: no camera is on the chain; check VISCA IN/OUT cabling"))
        }
        return count
    }
}
