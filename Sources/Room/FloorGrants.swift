/// Who holds the floor (R2): each granted channel and who granted it. Only
/// the rules change it; a channel holds the floor from one grantor at a time.
public struct FloorGrants: Sendable, Hashable, Codable {
    /// Each granted channel, with who granted it.
    public private(set) var holders: [ChannelName: FloorGrantor] = [:]

    public init() {}

    /// These channels granted by `grantor`.
    init(_ channels: [ChannelName], by grantor: FloorGrantor) {
        for channel in channels { holders[channel] = grantor }
    }

    /// The granted channels.
    public var channels: Set<ChannelName> { Set(holders.keys) }

    public var isEmpty: Bool { holders.isEmpty }

    public func contains(_ channel: ChannelName) -> Bool { holders[channel] != nil }

    /// Who granted `channel` the floor, or nil when it does not hold it.
    public func grantor(of channel: ChannelName) -> FloorGrantor? { holders[channel] }

    /// The granted channels among `order`, in that order (the room's configuration order).
    public func channels(in order: [ChannelName]) -> [ChannelName] { order.filter(contains) }

    /// The granted channels among `channels` that only the centre ends (R2).
    func centres(among channels: [ChannelName]) -> [ChannelName] {
        channels.filter { holders[$0]?.isTheCentres == true }
    }

    /// `channel` holds the floor from `grantor` now, whoever granted it before.
    mutating func grant(_ channel: ChannelName, by grantor: FloorGrantor) { holders[channel] = grantor }

    /// `channel`'s grant ends; whether it had one.
    @discardableResult
    mutating func end(_ channel: ChannelName) -> Bool { holders.removeValue(forKey: channel) != nil }

    /// Keeps only the grants of channels `keep` accepts.
    mutating func keep(where keep: (ChannelName) -> Bool) { holders = holders.filter { keep($0.key) } }
}

/// Who gave a channel the floor (R2).
public enum FloorGrantor: Sendable, Hashable, Codable {
    /// The MCU centre: a grant, or its unmute of the channel.
    case centre
    /// The MCU, by unmuting the room through the terminal, where the room's
    /// policy takes that for the chair's call (`floor.terminalUnmuteGrants`).
    case terminalUnmute
    /// The chair, by telephone or voice, recorded by the technician (002 Art. 6.3).
    case relayed(chair: String, via: FloorRelay)

    /// Whether only the centre may end the grant: the technician ends only
    /// what the technician recorded (R2).
    public var isTheCentres: Bool {
        switch self {
        case .centre, .terminalUnmute: true
        case .relayed: false
        }
    }
}
