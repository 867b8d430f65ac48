import Room

extension RoomConfiguration {
    /// What the room's rules need to know of the room: its identity, its
    /// microphones and the presets that frame them, its groups, the framing
    /// presets and the floor policy. The first camera is the main one; the
    /// others' preset books come too, so each microphone is framed by the
    /// camera that has its preset (R3).
    public var roomSetup: RoomSetup {
        RoomSetup(
            identity: EndpointIdentity(roomName: room.name, lead: room.lead, technicians: room.everyTechnician),
            microphones: microphones.map { MicSeat(name: $0.name, preset: $0.preset) },
            groups: groups ?? [:],
            presets: cameras.first?.presets ?? [:],
            otherCameras: cameras.dropFirst().map { CameraBook(name: $0.name, presets: $0.presets ?? [:]) },
            widePreset: framing?.wide,
            privacyPreset: framing?.privacy,
            unmutePolicy: floor?.allowUnmuteWithoutGrant == true ? .relaxed : .strict,
            terminalUnmuteGrants: floor?.terminalUnmuteGrants.map(floorTarget(named:)),
            leadTimes: readiness?.leadTimes ?? LeadTime.defaults
        )
    }

    /// `all`, a group's name or a microphone's (the reader checked it is one of them).
    private func floorTarget(named name: String) -> FloorTarget {
        if name == "all" { return .all }
        if groups?[name] != nil { return .group(name: name) }
        return .microphone(name: name)
    }
}
