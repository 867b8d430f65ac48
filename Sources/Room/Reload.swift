extension State {
    /// A configuration read again takes over the rules' part of the room:
    /// identity, groups, presets and the presets of each microphone, framing,
    /// floor policy. The microphones themselves are the drivers' part: when
    /// their names changed, the new file waits for a restart, and the
    /// logbook says so. The floor, the call and the phase are kept.
    ///
    /// R7: during an official session the room's settings are locked, so a
    /// file read again then waits for the session's end; each applied change
    /// is logged field by field, with who made it.
    mutating func reload(_ newSetup: RoomSetup, by: String, _ step: inout Step) {
        guard newSetup != setup else {
            pendingSetup = nil
            step.log(.note(text: "configuration read again: nothing changed", by: by))
            return
        }
        guard Set(newSetup.channelNames) == Set(setup.channelNames) else {
            let was = setup.channelNames.joined(separator: ", "), now = newSetup.channelNames.joined(separator: ", ")
            step.log(.note(
                text: "configuration not applied: the microphones changed (\(was) → \(now)); restart diemcaud to use them",
                by: by))
            return
        }
        guard phase != .official else {
            pendingSetup = PendingSetup(setup: newSetup, by: by)
            step.log(.note(
                text: "configuration read again during the official session: it applies when the session ends (R7)", by: by))
            return
        }
        apply(newSetup, by: by, &step)
    }

    /// A configuration that waited for the official session's end.
    mutating func applyPendingSetup(_ step: inout Step) {
        guard let pending = pendingSetup else { return }
        pendingSetup = nil
        guard pending.setup != setup else { return }
        apply(pending.setup, by: pending.by, &step)
    }

    private mutating func apply(_ newSetup: RoomSetup, by: String, _ step: inout Step) {
        pendingSetup = nil
        var incoming = newSetup
        // The book's names stored since the file was read stay (the daemon
        // merges them in; the slots are the camera model's).
        incoming.presetSlots = setup.presetSlots
        let changes = setup.changes(to: incoming)
        let identityChanged = incoming.identity != setup.identity
        setup = incoming
        floor.keep { incoming.microphone(named: $0) != nil }
        step.log(.note(text: "configuration reloaded: \(changes.count) change\(changes.count == 1 ? "" : "s")", by: by))
        for change in changes {
            step.log(.configurationChanged(field: change.field, was: change.was, now: change.now, by: by))
        }
        // R8: the centre hears of a new identity at once.
        if identityChanged {
            step.emit(.identity(room: incoming.identity))
            step.log(.identityReported(to: "the centre (the identity changed)"))
        }
    }
}

/// A configuration read again that waits for the official session's end (R7).
public struct PendingSetup: Sendable, Hashable, Codable {
    public var setup: RoomSetup
    public var by: String
}
