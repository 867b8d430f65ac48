import Localization

/// A microphone channel's name as the room file spells it ("chair", "mic2",
/// "đại biểu 1"): the name the centre, the technician, the mixer and the
/// logbook use for one channel.
///
/// Kept in NFC (issue 15: names are stored and compared in NFC), so that a
/// name typed with combining marks and the same name typed precomposed are
/// one channel and reach the logbook and the mixer as the same bytes. Two
/// names are equal when their NFC texts are — which is also what Swift's
/// `String` equality (canonical equivalence) says, so nothing that compared
/// names as strings before compares differently now. The comparison is
/// case-sensitive, as the room file's names always were: "Mic2" and "mic2"
/// are two channels, and folding them would merge two configured channels.
public struct ChannelName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name in NFC.
    public let text: String

    public init(_ text: String) {
        self.text = text.nfc
    }

    public init(stringLiteral text: String) { self.init(text) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public static func < (lhs: ChannelName, rhs: ChannelName) -> Bool { lhs.text < rhs.text }

    public var description: String { text }
}

extension RoomSetup {
    /// Every microphone channel, in configuration order.
    public var channels: [ChannelName] { microphones.map { ChannelName($0.name) } }

    /// The microphone channel called `channel`, if the room has one.
    public func microphone(named channel: ChannelName) -> MicSeat? {
        microphones.first { ChannelName($0.name) == channel }
    }
}
