import VISCA

/// The camera's side of Sony's VISCA over IP for one controller: sequence
/// numbers, RESET, the payload types a camera takes each message in
/// (`PayloadType.accepted(for:)`), and the control errors.
///
/// After start-up and after RESET any sequence number is taken; from then on
/// a packet must carry a number after the last one taken (gaps are allowed,
/// UDP loses datagrams). A repeated or older number gets `0F 01` and is not
/// executed — which is how a controller that resent after a time-out learns
/// that the first copy arrived.
public struct IPSession: Hashable, Sendable {
    public private(set) var lastSequenceNumber: UInt32?

    public init() {}

    public enum Verdict: Hashable, Sendable {
        /// Hand the VISCA message to the camera; wrap its replies with this sequence number.
        case deliver(message: [UInt8], sequenceNumber: UInt32)
        /// Answer at once with this packet (control reply or error) and do nothing else.
        case answer(IPPacket)
    }

    public mutating func accept(_ packet: IPPacket) -> Verdict {
        let sequence = packet.sequenceNumber
        switch packet.payloadType {
        case .controlCommand:
            guard packet.control == .reset else {
                return .answer(.control(.messageTypeAbnormal, sequenceNumber: sequence))
            }
            lastSequenceNumber = nil
            return .answer(.control(.resetAcknowledged, sequenceNumber: sequence))
        case .reply, .controlReply:
            return .answer(.control(.messageTypeAbnormal, sequenceNumber: sequence))
        case .command, .inquiry, .deviceSetting:
            guard PayloadType.accepted(for: packet.payload).contains(packet.payloadType) else {
                return .answer(.control(.messageTypeAbnormal, sequenceNumber: sequence))
            }
            if let last = lastSequenceNumber {
                // "After" in 32-bit serial-number arithmetic, so the counter may wrap.
                let ahead = sequence &- last
                guard ahead != 0, ahead < 0x8000_0000 else {
                    return .answer(.control(.sequenceNumberAbnormal, sequenceNumber: sequence))
                }
            }
            lastSequenceNumber = sequence
            return .deliver(message: packet.payload, sequenceNumber: sequence)
        }
    }
}
