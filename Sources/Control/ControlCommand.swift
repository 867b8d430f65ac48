import FoundationEssentials
import Logbook
import Room

/// A command for the room, as a control client sent it: what the daemon
/// hands to the room's rules. The rules, not this target, decide whether it
/// is carried out (a `call` order, for one, goes through the R1 gate).
///
/// Session commands (`login`, `events`, `mode`, `help`, `quit`) never reach
/// the daemon: the server answers them itself.
public enum ControlCommand: Sendable, Hashable {
    /// The room's state in one line: phase, call, floor, microphones, camera.
    case status
    /// The room's name, its lead and its technician, as reported to the main endpoint (R8).
    case identity
    /// Give the floor to a microphone, a group of microphones, or everyone (R2, R3).
    case floorGrant(FloorTarget)
    /// The speaker has finished: microphones off again (R2), for everyone
    /// with the floor when the target is nil.
    case floorEnd(FloorTarget?)
    /// Switch a microphone, or every microphone, off.
    case mute(MicTarget)
    /// Switch a microphone, or every microphone, on (the rules check R2).
    case unmute(MicTarget)
    /// Turn the camera to a stored preset (R3).
    case cameraRecall(preset: String)
    /// Store the camera's present position under a preset (R3, during preparation).
    case cameraStore(preset: String)
    /// Ask the terminal to dial, hang up or answer: the MCU centre only (R1).
    case call(CallOrder)
    /// A line in the logbook (R4).
    case note(String)
    /// A fault found, for the logbook (R4, R11).
    case faultOpen(String)
    /// How a fault was fixed, for the logbook (R4, R11); `id` is the number
    /// the reply to `fault open` gave.
    case faultFixed(id: Int, remedy: String)
    /// When the room expects to be back from open fault `id` (R11), with what
    /// is being done; set again to update it.
    case faultExpect(id: Int, at: Date, note: String)
    /// Where the meeting stands: preparation, test session, official session, ended (R4, R5, R6).
    case phase(MeetingPhase)
    /// Register a request to speak with the chair (R9), for a microphone or the room.
    case handRaise(microphone: String?)
    /// The requests to speak that wait for the chair (R9).
    case handList
    /// The centre (or the technician) saw request `n` (R9).
    case handAcknowledge(Int)
    /// Take back request `n` (R9).
    case handWithdraw(Int)
    /// Record a grant of the floor the chair gave by telephone or voice
    /// (R2; 002 Art. 6.3): the technician's, during a session.
    case floorRelay(FloorTarget, via: FloorRelay, chair: String)
    /// Confirm an item of the end-of-meeting checklist (R6).
    case closingConfirm(ClosingItem)
    /// Run the readiness self-test now: equipment, sound, picture, line (R5).
    case checkReadiness
    /// Put a meeting on the room's schedule (R5, R10): the room runs its
    /// readiness test at the test time and one hour before the start.
    case scheduleAdd(Meeting)
    /// Take a meeting off the schedule.
    case scheduleCancel(id: String)
    /// The meetings on the schedule, with who entered them and their last readiness result (R5).
    case scheduleList
    /// The logbook's report for a quarter, half year or year (R4), as one
    /// document in the format asked: the reply carries it after its line.
    case report(ReportKind, ReportFormat)

    /// Who gets the floor: one microphone or a group of them, by name, or everyone.
    public enum FloorTarget: Sendable, Hashable {
        case all
        /// A microphone's or a group's name, as the room's configuration spells it.
        case named(String)
    }

    /// Which microphones a mute or unmute is for.
    public enum MicTarget: Sendable, Hashable {
        case all
        /// A microphone's name, as the room's configuration spells it.
        case mic(String)
    }

    /// The stages of a meeting the logbook records (R4, R5).
    public enum MeetingPhase: String, Sendable, Hashable, CaseIterable, Codable {
        case preparation
        case test
        case official
        case ended
    }
}

extension ControlCommand {
    /// Whether the command changes the room (and so is logged with its
    /// sender): every command above the observer's role, who only looks.
    public var changesState: Bool { minimumRole > .observer }

    /// The command as a protocol line (without the line end), quoted where
    /// needed: `ControlCommand(parsing: command.line)` gives the command back.
    /// The `diemcau` tool builds its lines with it.
    public var line: String {
        var words = verb.split(separator: " ").map(String.init)
        var text: String?
        switch self {
        case .status, .identity, .floorEnd(nil), .handRaise(nil), .handList, .scheduleList, .checkReadiness, .call(.answer):
            break
        case .handRaise(let microphone?):
            words.append(microphone)
        case .handAcknowledge(let number), .handWithdraw(let number):
            words.append(String(number))
        case .closingConfirm(let item):
            words.append(item.rawValue)
        case .floorRelay(let target, let via, let chair):
            switch target {
            case .all: words.append("all")
            case .named(let name): words.append(name)
            }
            words.append(via.rawValue)
            text = chair
        case .floorGrant(.all), .floorEnd(.all), .mute(.all), .unmute(.all):
            words.append("all")
        case .floorGrant(.named(let name)), .floorEnd(.named(let name)), .mute(.mic(let name)), .unmute(.mic(let name)):
            words.append(name)
        case .cameraRecall(let preset), .cameraStore(let preset):
            words.append(preset)
        case .call(.dial(let number, let signalling, let rate)):
            words.append(number)
            if let signalling { words.append(signalling.rawValue) }
            if let rate { words.append(String(rate)) }
        case .call(.hangUp(let callID)):
            if let callID { words.append(callID) }
        case .note(let body), .faultOpen(let body):
            text = body
        case .faultFixed(let id, let remedy):
            words.append(String(id))
            text = remedy
        case .faultExpect(let id, let at, let note):
            words += [String(id), ScheduleTime.text(at)]
            text = note.isEmpty ? nil : note
        case .phase(let phase):
            words.append(phase.rawValue)
        case .scheduleAdd(let meeting):
            words += [meeting.id, meeting.priority.rawValue, ScheduleTime.text(meeting.startsAt)]
            if let test = meeting.testAt { words += ["test", ScheduleTime.text(test)] }
            if let end = meeting.endsAt { words += ["end", ScheduleTime.text(end)] }
            text = meeting.title
        case .scheduleCancel(let id):
            words.append(id)
        case .report(let kind, let format):
            words += [kind.name, format.rawValue]
        }
        var rendered = words.map(WordQuoting.quotedIfNeeded).joined(separator: " ")
        if let text { rendered += " " + WordQuoting.quoted(text) }
        return rendered
    }
}

extension ControlCommand {
    /// The client's own words this command puts in the logbook, if any:
    /// what `LogbookBudget` counts.
    var logbookText: String? {
        switch self {
        case .note(let text), .faultOpen(let text): text
        case .faultFixed(_, let remedy), .faultExpect(_, _, let remedy): remedy
        default: nil
        }
    }
}
