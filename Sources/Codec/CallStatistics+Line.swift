import Room

extension CallStatistics {
    /// The statistics as the readiness test judges the line (R5).
    public var lineObservation: LineObservation {
        LineObservation(
            callID: callID, lossPercent: lossPercent, packetsLost: packetsLost, jitterMs: jitterMilliseconds,
            receiveRateKbps: receiveRateKbps, transmitRateKbps: transmitRateKbps)
    }
}
