import Localization

/// What the readiness test asks of the transmission line during the test
/// call (R5: "đường truyền", 001 Art. 8.2a; 003 Art. 7.1b; 004 Appendix
/// steps 5–7), from the terminal's own network statistics.
public struct LineThresholds: Sendable, Hashable, Codable {
    /// Packet loss above this fails, in per cent.
    public var maxLossPercent: Double
    /// Jitter above this fails, in milliseconds.
    public var maxJitterMs: Int
    /// A call rate below this fails, in kbit/s (either direction).
    public var minimumRateKbps: Int

    /// The defaults: 1 % loss and 40 ms jitter are where a picture starts
    /// to break up; 384 kbit/s is the lowest rate a meeting's picture takes.
    public init(maxLossPercent: Double = 1, maxJitterMs: Int = 40, minimumRateKbps: Int = 384) {
        self.maxLossPercent = maxLossPercent
        self.maxJitterMs = maxJitterMs
        self.minimumRateKbps = minimumRateKbps
    }
}

/// The call's network statistics as the terminal reported them, or that no
/// call was up to measure.
public struct LineObservation: Sendable, Hashable, Codable {
    /// Nil when no call was up: there is no line to measure.
    public var callID: String?
    public var lossPercent: Double?
    /// Packets lost over the call, when the terminal counts rather than rates loss.
    public var packetsLost: Int?
    public var jitterMs: Int?
    public var receiveRateKbps: Int?
    public var transmitRateKbps: Int?
    /// Why the terminal could not be asked.
    public var problem: String?

    public init(
        callID: String?, lossPercent: Double? = nil, packetsLost: Int? = nil, jitterMs: Int? = nil,
        receiveRateKbps: Int? = nil, transmitRateKbps: Int? = nil, problem: String? = nil
    ) {
        self.callID = callID
        self.lossPercent = lossPercent
        self.packetsLost = packetsLost
        self.jitterMs = jitterMs
        self.receiveRateKbps = receiveRateKbps
        self.transmitRateKbps = transmitRateKbps
        self.problem = problem
    }
}

extension ReadinessCheck {
    /// The line during the test call: loss, jitter and rate within the room file's thresholds.
    public static func line(_ seen: LineObservation, thresholds: LineThresholds) -> ReadinessCheck {
        let name = "transmission line"
        if let problem = seen.problem {
            return ReadinessCheck(name: name, passed: false, said: Message("{problem}: the terminal's call statistics could not be read", ["problem": problem]))
        }
        guard let call = seen.callID else {
            return ReadinessCheck(
                name: name, passed: true,
                said: Message("not measured: no call is up; the line is measured when the test runs during the test call with the centre"))
        }
        var figures: [Message] = []
        var faults: [Message] = []
        if let loss = seen.lossPercent {
            figures.append(Message("loss {loss} %", ["loss": "\(loss)"]))
            if loss > thresholds.maxLossPercent {
                faults.append(Message("loss {loss} % is above {limit} %", ["loss": "\(loss)", "limit": "\(thresholds.maxLossPercent)"]))
            }
        } else if let lost = seen.packetsLost {
            figures.append(Message("{lost} packets lost", ["lost": "\(lost)"]))
        }
        if let jitter = seen.jitterMs {
            figures.append(Message("jitter {jitter} ms", ["jitter": "\(jitter)"]))
            if jitter > thresholds.maxJitterMs {
                faults.append(Message("jitter {jitter} ms is above {limit} ms", ["jitter": "\(jitter)", "limit": "\(thresholds.maxJitterMs)"]))
            }
        }
        let limit = "\(thresholds.minimumRateKbps)"
        if let rate = seen.receiveRateKbps {
            figures.append(Message("receive {rate} kbit/s", ["rate": "\(rate)"]))
            if rate < thresholds.minimumRateKbps {
                faults.append(Message("receive rate {rate} kbit/s is below {limit} kbit/s", ["rate": "\(rate)", "limit": limit]))
            }
        }
        if let rate = seen.transmitRateKbps {
            figures.append(Message("transmit {rate} kbit/s", ["rate": "\(rate)"]))
            if rate < thresholds.minimumRateKbps {
                faults.append(Message("transmit rate {rate} kbit/s is below {limit} kbit/s", ["rate": "\(rate)", "limit": limit]))
            }
        }
        guard figures.isEmpty == false else {
            return ReadinessCheck(
                name: name, passed: false,
                said: Message("call {call}: the terminal reported no loss, jitter or rate: check its API account's rights", ["call": call]))
        }
        guard faults.isEmpty else {
            return ReadinessCheck(
                name: name, passed: false,
                said: Message(
                    "call {call}: {faults}: tell the centre, check the room's network (cable, switch, the line's bandwidth) and test again",
                    ["call": call], parts: ["faults": .list(faults)]))
        }
        return ReadinessCheck(name: name, passed: true, said: Message("call {call}: {figures}", ["call": call], parts: ["figures": .series(figures)]))
    }
}
