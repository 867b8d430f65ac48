/// How long a simulated move takes: a fixed part plus a time per position
/// unit of the longest axis travel (zoom units count a quarter, as the zoom
/// range is about four times the pan range in units).
public struct MotionTiming: Hashable, Sendable {
    public var fixed: Duration
    public var perUnit: Duration

    public init(fixed: Duration = .zero, perUnit: Duration) {
        self.fixed = fixed
        self.perUnit = perUnit
    }

    /// A timing where a move across the model's whole pan range takes `duration`.
    public static func fullPan(_ duration: Duration, of model: CameraModel) -> MotionTiming {
        let span = max(1, model.panRange.upperBound - model.panRange.lowerBound)
        return MotionTiming(perUnit: duration / span)
    }

    /// Every move completes at once.
    public static let instant = MotionTiming(perUnit: .zero)

    /// The time of a move by these distances; zero when nothing moves.
    public func duration(pan: Int, tilt: Int, zoom: Int) -> Duration {
        let distance = max(abs(pan), abs(tilt), abs(zoom) / 4)
        return distance == 0 ? .zero : fixed + perUnit * distance
    }
}
