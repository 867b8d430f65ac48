import FoundationEssentials

extension LogRecord: CustomStringConvertible {
    /// The entry as a line of the printed logbook.
    public var description: String {
        switch self {
        case .started(let room): "daemon started for \(room); every microphone muted"
        case .sessionStarted(let kind, let meeting): "\(kind.rawValue) session started" + Self.meeting(meeting)
        case .sessionEnded(let kind, let meeting): "\(kind.rawValue) session ended" + Self.meeting(meeting)
        case .phaseChanged(let from, let to, let by): "phase \(from.rawValue) → \(to.rawValue) by \(by)"
        case .floorGranted(let target, let channels, let by):
            "floor granted to \(target) (\(channels.joined(separator: ", "))) by \(by)"
        case .floorEnded(let channels, let by):
            "floor ended" + (channels.isEmpty ? "" : " for \(channels.joined(separator: ", "))") + " by \(by)"
        case .microphone(let channel, let muted, let by, let reason):
            "microphone \(channel) \(muted ? "muted" : "unmuted") by \(by): \(reason)"
        case .camera(let order, let by, let reason):
            "camera \(order) by \(by)" + (reason.isEmpty ? "" : ": \(reason)")
        case .callOrder(let order, let by): "call order passed to the terminal: \(Self.describe(order)), asked by \(by) (R1)"
        case .callState(let change):
            "call \(change.state.rawValue)" + (change.remote.map { " (\($0))" } ?? "") + (change.cause.map { ", cause: \($0)" } ?? "")
        case .callQuality(let q):
            "call quality: loss \(q.lossPercent) %, jitter \(q.jitterMs) ms" + (q.rateKbps.map { ", \($0) kbit/s" } ?? "")
        case .registration(let state): "terminal \(state.registered ? "registered" : "not registered"): \(state.detail)"
        case .nearMute(let muted): "terminal near end \(muted ? "muted" : "unmuted")"
        case .incident(let incident): "INCIDENT #\(incident.id) \(incident.kind.rawValue): \(incident.detail)"
        case .fixed(let id, let note, let by): "incident #\(id) fixed by \(by): \(note)"
        case .refused(let command, let by, let reason): "REFUSED \(command) from \(by): \(reason)"
        case .readinessRequested(let trigger): "readiness test requested: \(trigger)"
        case .readiness(let report):
            "readiness test \(report.passed ? "passed" : "FAILED") (\(report.trigger)): "
                + report.checks.map { "\($0.name) \($0.passed ? "ok" : "FAIL: \($0.detail)")" }.joined(separator: "; ")
        case .scheduled(let meeting, let by):
            "meeting \(meeting.id) (\(meeting.priority.rawValue)) scheduled by \(by), starts \(meeting.startsAt)"
        case .cancelled(let meeting, let by): "meeting \(meeting) cancelled by \(by)"
        case .scheduleConflict(let preferred, let other): "meetings overlap: \(preferred) outranks \(other) (R10)"
        case .hourBeforeStart(let meeting, let inCall):
            "one hour before meeting \(meeting): the room is \(inCall ? "in the call" : "NOT in the call") (R5)"
        case .floorRequested(let number, let microphone, let by):
            "floor requested from the chair"
                + (number.map { " (request \($0))" } ?? "") + (microphone.map { " for microphone \($0)" } ?? "")
                + " by \(by) (R9)"
        case .closingConfirmed(let item, let by): "closing checklist: \(item.task) — confirmed by \(by) (R6)"
        case .configurationChanged(let field, let was, let now, let by):
            "configuration: \(field) \(was ?? "(none)") → \(now ?? "(none)"), by \(by) (R7)"
        case .floorRequestAnswered(let number, let outcome, let by): "request to speak \(number) \(outcome.rawValue) by \(by) (R9)"
        case .floorRelayed(let target, let channels, let chair, let via, let by):
            "floor given to \(target) by \(chair) by \(via == .phone ? "telephone" : "voice") (recorded by \(by)): "
                + channels.joined(separator: ", ") + " (R2)"
        case .identityReported(let to): "identity reported to \(to) (R8)"
        case .settingChanged(let change, let by): "setting changed by \(by): \(change)"
        case .note(let text, let by): "note by \(by): \(text)"
        case .cameraOnline: "camera answers again"
        case .health(let change): "\(change.healthy ? "" : "DEVICE ")\(change)"
        }
    }

    private static func meeting(_ id: String?) -> String { id.map { " (meeting \($0))" } ?? "" }

    private static func describe(_ order: CallOrder) -> String {
        switch order {
        case .dial(let number, let proto, let rate):
            "dial \(number)" + (proto.map { " over \($0.rawValue)" } ?? "") + (rate.map { " at \($0) kbit/s" } ?? "")
        case .hangUp(let id): "hang up" + (id.map { " call \($0)" } ?? " every call")
        case .answer: "answer"
        }
    }
}
