import Foundation

/// Medians and 99th percentiles of a set of durations.
public struct Figures {
    public let sorted: [Double]  // milliseconds

    public init(_ samples: [Duration]) {
        sorted = samples.map { Double($0.components.seconds) * 1e3 + Double($0.components.attoseconds) / 1e15 }.sorted()
    }

    public func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    public var p50Value: Double { percentile(50) }
    public var p99Value: Double { percentile(99) }
    public var p50: String { String(format: "%.3f ms", p50Value) }
    public var p99: String { String(format: "%.3f ms", p99Value) }
}
