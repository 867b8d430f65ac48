import Localization
import FoundationEssentials

/// The meeting's phases, its end (R6), the schedule (R5, R10) and readiness (R5).
extension State {
    mutating func setPhase(_ target: Phase, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard target != phase else {
            return step.refuse(command, from: client, Message("the room is already in {phase}", ["phase": phase.rawValue]))
        }
        // R7 (001 Art. 3; 004 Art. 5.6): an official session is the centre's;
        // going back to preparation or a test, where settings may change, is its call.
        if phase == .official, target == .preparation || target == .technicalTest, client.role != .mcu {
            return step.refuse(
                command, from: client,
                Message(
                    "leaving the official session for {phase} is the MCU centre's decision (R7): ask the centre; to end the meeting, send phase ended",
                    ["phase": target.rawValue]))
        }
        let by = client.description
        let from = phase
        if let open = session {
            step.log(.sessionEnded(kind: open.kind, meeting: open.meeting))
            session = nil
        }
        phase = target
        step.log(.phaseChanged(from: from, to: target, by: by))
        step.emit(.phaseChanged(phase: target, by: by))
        if from == .official { applyPendingSetup(&step) }
        if target == .ended {
            endMeeting(by: by, &step)
            warnIfTheCallIsUp(&step)
            openClosingChecklist(&step)
            return
        }
        // A new meeting begins: the last one's checklist is over.
        if target != .idle { closingChecklist = nil }
        if cameraInStandby, target != .idle {
            cameraInStandby = false
            step.camera(.powerOn, by: by, reason: Message("the room leaves standby for {phase}", ["phase": target.rawValue]))
        }
        if let kind = target.session {
            let meeting = currentMeeting(at: step.now)?.id
            session = OpenSession(kind: kind, meeting: meeting, startedAt: step.now)
            step.log(.sessionStarted(kind: kind, meeting: meeting))
        }
    }

    /// R6 and R1 (001 Art. 9.2c and e): the room checks everything before it is
    /// disconnected, but never hangs up on its own: a call still up at the
    /// end is for the centre to end, and the centre and the technician are told.
    mutating func warnIfTheCallIsUp(_ step: inout Step) {
        guard [.connected, .connecting, .ringing].contains(call) else { return }
        let remote = connectedRemote ?? "the MCU"
        step.log(.note(text: "the meeting ended with the call to \(remote) still \(call.rawValue): the centre ends the call, the room does not hang up on its own (R1, R6)", by: "rules"))
        step.emit(.callStillUp(state: call, remote: remote))
    }

    /// R6: every microphone muted, the floor ended, the camera to its privacy
    /// preset and standby. The session was closed by the phase change.
    mutating func endMeeting(by: String, _ step: inout Step) {
        endWholeFloor(by: by, &step)
        lapseRequests(&step)
        for channel in setup.channels {
            close(channel, by: by, reason: Message("end of the meeting (R6)"), force: true, &step)
        }
        closedByTerminal = []
        for privacy in setup.presets(named: setup.privacyPreset) {
            step.camera(.recall(preset: privacy), by: by, reason: Message("end of the meeting: privacy (R6)"))
        }
        cameraInStandby = true
        step.camera(.standby, by: by, reason: Message("end of the meeting (R6)"))
        schedule.removeAll { $0.meeting.startsAt <= step.now && $0.pendingLeads.isEmpty }
    }

    /// The centre sends a meeting (R5); an overlap flags the higher-priority one (R10).
    /// The centre's entry, or the technician's from the paper invitation
    /// (the invitation reaches the room before any DiemCau client at the
    /// centre does); the centre's entries take precedence: a technician may
    /// not replace one, and a centre's meeting displaces an overlapping
    /// invitation whatever their priorities.
    mutating func schedule(_ meeting: Meeting, from client: Client, _ step: inout Step) {
        let fromInvitation = client.role != .mcu
        if fromInvitation, let existing = schedule.first(where: { $0.meeting.id == meeting.id }), !existing.fromInvitation {
            return step.refuse(
                .schedule(meeting), from: client,
                Message("the centre scheduled meeting {meeting}: its entry stands; ask the centre to change it", ["meeting": meeting.id]))
        }
        schedule.removeAll { $0.meeting.id == meeting.id }
        for index in schedule.indices where schedule[index].displacedBy == meeting.id {
            schedule[index].displacedBy = nil
        }
        var entry = ScheduledMeeting(meeting: meeting, pendingLeads: setup.leadTimes)
        entry.fromInvitation = fromInvitation
        // A meeting sent after its start has nothing left to check.
        if meeting.startsAt <= step.now {
            entry.testCheckDone = true
            entry.pendingLeads = []
        }
        step.log(.scheduled(meeting: meeting, by: client.description))
        for index in schedule.indices where schedule[index].meeting.span.overlaps(meeting.span) {
            let other = schedule[index].meeting
            let otherFromInvitation = schedule[index].fromInvitation
            let newWins = fromInvitation != otherFromInvitation
                ? otherFromInvitation
                : meeting.priority > other.priority || (meeting.priority == other.priority && meeting.startsAt < other.startsAt)
            let (preferred, displaced) = newWins ? (meeting.id, other.id) : (other.id, meeting.id)
            if newWins { schedule[index].displacedBy = meeting.id } else { entry.displacedBy = other.id }
            step.log(.scheduleConflict(preferred: preferred, other: displaced))
            step.emit(.scheduleConflict(preferred: preferred, other: displaced))
        }
        schedule.append(entry)
        schedule.sort { ($0.meeting.startsAt, $0.meeting.id) < ($1.meeting.startsAt, $1.meeting.id) }
    }

    mutating func cancelMeeting(_ id: String, from client: Client, command: RoomCommand, _ step: inout Step) {
        if client.role != .mcu, let entry = schedule.first(where: { $0.meeting.id == id }), !entry.fromInvitation {
            return step.refuse(command, from: client, Message("the centre scheduled meeting {meeting}: only the centre takes it off the schedule", ["meeting": id]))
        }
        guard schedule.contains(where: { $0.meeting.id == id }) else {
            let known = schedule.map(\.meeting.id).joined(separator: ", ")
            return step.refuse(command, from: client, known.isEmpty
                ? Message("no meeting \"{meeting}\" on the schedule", ["meeting": id])
                : Message("no meeting \"{meeting}\" on the schedule; scheduled: {known}", ["meeting": id, "known": known]))
        }
        schedule.removeAll { $0.meeting.id == id }
        for index in schedule.indices where schedule[index].displacedBy == id {
            schedule[index].displacedBy = nil
        }
        step.log(.cancelled(meeting: id, by: client.description))
    }

    /// R5: the readiness test at the test time and at each of the room's lead
    /// times before the start, and one hour before a note of whether the
    /// room was in the call. The room never dials (R1): joining is the centre's to ask.
    mutating func tick(_ step: inout Step) {
        // A meeting over for a day has nothing left to do on the schedule.
        schedule.removeAll { $0.meeting.span.upperBound.addingTimeInterval(86_400) < step.now }
        for index in schedule.indices {
            let meeting = schedule[index].meeting
            if !schedule[index].testCheckDone, let test = meeting.testAt, test <= step.now {
                schedule[index].testCheckDone = true
                let trigger = ReadinessTrigger.testTime(meeting: meeting.id)
                step.effects.append(.runReadinessCheck(trigger))
                step.log(.readinessRequested(trigger: trigger))
            }
            let due = schedule[index].takeDueLeads(at: step.now)
            if let latest = due.last {
                let trigger = latest.isHourBefore
                    ? ReadinessTrigger.hourBeforeStart(meeting: meeting.id)
                    : ReadinessTrigger.beforeStart(meeting: meeting.id, minutes: latest.minutesBefore, article: latest.article)
                step.effects.append(.runReadinessCheck(trigger))
                step.log(.readinessRequested(trigger: trigger))
            }
            if due.contains(where: \.isHourBefore) {
                let inCall = call == .connected
                step.log(.hourBeforeStart(meeting: meeting.id, inCall: inCall))
                step.emit(.hourBeforeStart(meeting: meeting.id, inCall: inCall))
            }
        }
    }

    mutating func readinessReported(_ report: ReadinessReport, _ step: inout Step) {
        if let meeting = report.trigger.meeting, let index = schedule.firstIndex(where: { $0.meeting.id == meeting }) {
            schedule[index].readinessPassed = report.passed
        }
        step.log(.readiness(report: report))
        step.emit(.readiness(report: report))
        if !report.passed {
            let failed = report.checks.filter { !$0.passed }
            // Each failed check's detail is said in the reader's language; its name stays the daemon's word.
            let checks = Message.list(failed.map { Message("{check}: {detail}", ["check": $0.name], parts: ["detail": $0.said]) })
            let detail = failed.isEmpty
                ? Message("the readiness test ran no checks ({trigger})", parts: ["trigger": report.trigger.message])
                : Message("readiness test failed ({trigger}): {checks}", parts: ["trigger": report.trigger.message, "checks": checks])
            openIncident(.readinessFailed, detail, &step)
        }
    }

    /// The technician's note on how an incident was fixed, passed to the centre (R4, R11).
    mutating func noteFix(
        _ id: Int, note: String, expectedBack: Date?, from client: Client, command: RoomCommand, _ step: inout Step
    ) {
        guard openIncidents.numbered(id) else {
            let open = openIncidents.map { String($0.id) }.joined(separator: ", ")
            return step.refuse(command, from: client, open.isEmpty
                ? Message("no incident {id}; no incident is open", ["id": String(id)])
                : Message("no incident {id}; open incidents: {open}", ["id": String(id), "open": open]))
        }
        openIncidents.fixed(id)
        step.log(.fixed(incident: id, note: note, by: client.description))
        step.emit(.incidentUpdate(id: id, note: note, expectedBack: expectedBack))
    }

    /// When the room expects to be back from an open incident (R11): logged,
    /// and sent to the centre as an `incident` event with `expected-back`.
    mutating func expectRecovery(
        _ id: Int, at time: Date, note: String, from client: Client, command: RoomCommand, _ step: inout Step
    ) {
        guard openIncidents.contains(where: { $0.id == id }) else {
            let open = openIncidents.map { String($0.id) }.joined(separator: ", ")
            return step.refuse(command, from: client, open.isEmpty
                ? Message("incident {id} is not open: no incident is open", ["id": String(id)])
                : Message("incident {id} is not open; open incidents: {open}", ["id": String(id), "open": open]))
        }
        step.log(.expectedBack(incident: id, at: time, note: note, by: client.description))
        step.emit(.incidentUpdate(id: id, note: note, expectedBack: time))
    }

    /// Numbers an incident, logs it and alerts the centre.
    mutating func openIncident(_ kind: IncidentKind, _ detail: Message, _ step: inout Step) {
        let incident = openIncidents.record(kind, detail, at: step.now)
        step.log(.incident(incident: incident))
        step.emit(.alert(incident: incident))
    }

    mutating func handle(_ event: CameraEvent, _ step: inout Step) {
        switch event {
        case .fault(let detail):
            openIncident(.cameraFault, .verbatim(detail), &step)
        case .offline(let detail):
            guard cameraOnline else { return }
            cameraOnline = false
            healthChanged(
                .init(part: .camera, healthy: false, state: "offline", detail: detail, said: Message("camera offline: {detail}", ["detail": detail])),
                &step)
            openIncident(.cameraOffline, .verbatim(detail), &step)
        case .online:
            guard !cameraOnline else { return }
            cameraOnline = true
            healthChanged(
                .init(part: .camera, healthy: true, state: "online", detail: "the camera answers again",
                      said: Message("camera online: the camera answers again")),
                &step)
            reframe(&step)
        }
    }
}
