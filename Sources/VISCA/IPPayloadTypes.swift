/// Which VISCA-over-IP payload type carries which VISCA message.
///
/// Sony's VISCA-over-IP guides (the SRG-300SE, BRC-X400 and BRC-H800
/// command lists) put a VISCA command in `0100`, an inquiry in `0110`, and
/// IF_Clear (`81 01 00 01 FF`), with the camera's network settings, in
/// `0120` "VISCA device setting command". Clients do not all agree: many
/// send IF_Clear as an ordinary command (`0100`), and widely used ones
/// (libvisca-ip, and obs-ptz through it) send the version inquiry
/// (`81 09 00 02 FF`) as `0120` too. So a controller sends the form Sony
/// documents, and a camera takes both forms clients send for these two.
extension PayloadType {
    /// The payload type Sony documents for `message` (one VISCA message, `8x` to `FF`):
    /// what a controller sends it as.
    public static func documented<C: Collection<UInt8>>(for message: C) -> PayloadType {
        switch IPMessageKind(message) {
        case .interfaceClear: .deviceSetting
        case .versionInquiry, .inquiry: .inquiry
        case .command: .command
        }
    }

    /// The payload types a camera takes `message` in: the documented one, and
    /// the other form widely used clients send IF_Clear and the version inquiry
    /// in. Other commands are taken as `0100` or `0120` (nothing in Sony's
    /// guides says a camera refuses them as `0120`); other inquiries only as
    /// `0110`. Anything else is answered `0F 02`, message type abnormal.
    public static func accepted<C: Collection<UInt8>>(for message: C) -> Set<PayloadType> {
        switch IPMessageKind(message) {
        case .interfaceClear, .command: [.command, .deviceSetting]
        case .versionInquiry: [.inquiry, .deviceSetting]
        case .inquiry: [.inquiry]
        }
    }

    /// The other form to try once when a camera refused `message` sent as
    /// `documented(for:)` with `0F 02`; nil when there is none to try.
    public static func fallback<C: Collection<UInt8>>(for message: C) -> PayloadType? {
        switch IPMessageKind(message) {
        case .interfaceClear: .command
        case .versionInquiry: .deviceSetting
        case .inquiry, .command: nil
        }
    }
}

/// What a VISCA message is, as far as the payload type goes.
private enum IPMessageKind {
    /// `8x 01 00 01 FF`.
    case interfaceClear
    /// `8x 09 00 02 FF`.
    case versionInquiry
    /// Any other `8x 09 ... FF`.
    case inquiry
    case command

    init<C: Collection<UInt8>>(_ message: C) {
        let body = Array(message.dropFirst())
        switch body {
        case [0x01, 0x00, 0x01, 0xFF]: self = .interfaceClear
        case [0x09, 0x00, 0x02, 0xFF]: self = .versionInquiry
        default: self = body.first == 0x09 ? .inquiry : .command
        }
    }
}
