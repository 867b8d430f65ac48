/// One motor of the camera (pan, tilt or zoom) in simulated time: where it
/// was at the last change, and how it has been moving since.
struct Axis: Hashable, Sendable {
    let range: ClosedRange<Int>
    private var anchor: Int
    private var anchorTime: Duration
    /// Units per second; 0 when still.
    private var velocity: Double = 0
    /// Where a targeted move stops; nil for a drive that runs to the end stop.
    private var target: Int?

    init(range: ClosedRange<Int>, position: Int) {
        self.range = range
        self.anchor = position
        self.anchorTime = .zero
    }

    func position(at now: Duration) -> Int {
        guard velocity != 0 else { return anchor }
        let elapsed = (now - anchorTime) / .seconds(1)
        let travelled = anchor + Int((velocity * max(0, elapsed)).rounded())
        if let target {
            return velocity > 0 ? min(travelled, target) : max(travelled, target)
        }
        return min(max(travelled, range.lowerBound), range.upperBound)
    }

    /// Travel to `destination`, arriving after `duration`.
    mutating func move(to destination: Int, at now: Duration, taking duration: Duration) {
        let start = position(at: now)
        let goal = min(max(destination, range.lowerBound), range.upperBound)
        anchorTime = now
        target = goal
        let seconds = duration / .seconds(1)
        if seconds <= 0 || goal == start {
            anchor = goal
            velocity = 0
        } else {
            anchor = start
            velocity = Double(goal - start) / seconds
        }
    }

    /// Run at `unitsPerSecond` (negative: towards the lower end) until stopped or at the end stop.
    mutating func drive(unitsPerSecond: Double, at now: Duration) {
        anchor = position(at: now)
        anchorTime = now
        target = nil
        velocity = unitsPerSecond
    }

    mutating func stop(at now: Duration) {
        anchor = position(at: now)
        anchorTime = now
        velocity = 0
        target = nil
    }
}
