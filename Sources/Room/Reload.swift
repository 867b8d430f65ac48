extension State {
    /// A configuration read again takes over the rules' part of the room:
    /// identity, groups, presets and the presets of each microphone, framing,
    /// floor policy. The microphones themselves are the drivers' part: when
    /// their names changed, the new file waits for a restart, and the
    /// logbook says so. The floor, the call and the phase are kept.
    mutating func reload(_ newSetup: RoomSetup, _ step: inout Step) {
        guard newSetup != setup else {
            step.log(.note(text: "configuration read again: nothing changed", by: "administrator (SIGHUP)"))
            return
        }
        guard Set(newSetup.channelNames) == Set(setup.channelNames) else {
            let was = setup.channelNames.joined(separator: ", "), now = newSetup.channelNames.joined(separator: ", ")
            step.log(.note(
                text: "configuration not applied: the microphones changed (\(was) → \(now)); restart diemcaud to use them",
                by: "administrator (SIGHUP)"))
            return
        }
        setup = newSetup
        floor = floor.filter { newSetup.microphone(named: $0) != nil }
        step.log(.note(text: "configuration reloaded", by: "administrator (SIGHUP)"))
    }
}
