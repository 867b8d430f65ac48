import Room

extension RoomConfiguration {
    /// What the room's rules need to know of the room: its identity, its
    /// microphones and the presets that frame them, its groups, the framing
    /// presets and the floor policy. The presets are the first camera's:
    /// that camera follows the floor (R3).
    public var roomSetup: RoomSetup {
        RoomSetup(
            identity: EndpointIdentity(roomName: room.name, lead: room.lead, technician: room.technician),
            microphones: microphones.map { MicSeat(name: $0.name, preset: $0.preset) },
            groups: groups ?? [:],
            presets: cameras.first?.presets ?? [:],
            widePreset: framing?.wide,
            privacyPreset: framing?.privacy,
            unmutePolicy: floor?.allowUnmuteWithoutGrant == true ? .relaxed : .strict
        )
    }
}
