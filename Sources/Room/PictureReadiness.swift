import Localization

/// The picture (R5: "hình ảnh", 001 Art. 8.2a; 004 Appendix steps 5–7):
/// the terminal reports its camera input plugged in with a usable signal.
public struct PictureObservation: Sendable, Hashable, Codable {
    /// The first video input (the camera's, by the terminals' convention):
    /// nil when the terminal's API reports no video inputs.
    public var connected: Bool?
    /// `OK`, `Unsupported` or `Unknown`, as the terminal says.
    public var signal: String?
    /// The terminal's API tells video inputs at all.
    public var reported: Bool
    /// Why the terminal could not be asked.
    public var problem: String?

    public init(connected: Bool? = nil, signal: String? = nil, reported: Bool, problem: String? = nil) {
        self.connected = connected
        self.signal = signal
        self.reported = reported
        self.problem = problem
    }
}

extension ReadinessCheck {
    /// The camera's picture reaches the terminal.
    public static func picture(_ seen: PictureObservation) -> ReadinessCheck {
        let name = "picture"
        if let problem = seen.problem {
            return ReadinessCheck(name: name, passed: false, said: Message("{problem}: the terminal's video inputs could not be read", ["problem": problem]))
        }
        guard seen.reported else {
            return ReadinessCheck(name: name, passed: true, said: Message("not measured: this terminal's API tells no video input; look at the picture on the screen"))
        }
        switch (seen.connected, seen.signal) {
        case (false?, _):
            return ReadinessCheck(name: name, passed: false, said: Message("the camera input is not connected: check the camera's video cable at the terminal"))
        case (_, "OK"?):
            return ReadinessCheck(name: name, passed: true, said: Message("camera input connected, signal OK"))
        case (_, let signal):
            return ReadinessCheck(name: name, passed: false, said: Message("the camera input's signal is {signal}: check the camera's power and its output format", ["signal": signal ?? "unknown"]))
        }
    }
}
