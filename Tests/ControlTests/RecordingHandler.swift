import Control
import Room

/// The daemon's side, as the tests need it: it records every request and
/// every access note, and answers as a room would.
actor RecordingHandler: ControlHandler {
    typealias Condition = @Sendable ([ControlAccess]) -> Bool

    private(set) var requests: [ControlRequest] = []
    private(set) var notes: [ControlAccess] = []
    private var waiters: [Int: (condition: Condition, continuation: CheckedContinuation<Bool, Never>)] = [:]
    private var nextWaiter = 0

    func handle(_ request: ControlRequest) async -> ControlReply {
        requests.append(request)
        switch request.command {
        case .status:
            return .ok("status", ["phase": "preparation", "call": "idle", "floor": "none", "muted": ["chair", "mic2"]])
        case .report(let kind, let format):
            // A document four times a client's allowance of unread replies, of numbered lines.
            let document = (1...16_384).map { "line \($0) of the \(kind.name) report, as \(format.rawValue): 0123456789abcdef\n" }.joined()
            return .document(ControlMessage("report", ["period": .text(kind.name), "format": .text(format.rawValue)]), document)
        case .mute(.mic("nosuch")):
            return .error(.notFound, "no microphone 'nosuch': the room has chair, mic2")
        default:
            let topic = String(request.command.verb.split(separator: " ")[0])
            return .ok(ControlMessage(topic: topic, fields: [
                ControlField("done", .text(request.command.verb)),
                ControlField("by", .text(request.sender.role.rawValue)),
            ]))
        }
    }

    func note(_ access: ControlAccess) async {
        notes.append(access)
        for (id, waiter) in waiters where waiter.condition(notes) {
            waiters[id] = nil
            waiter.continuation.resume(returning: true)
        }
    }

    /// Waits until the notes satisfy `condition`, at most `limit`.
    func waitForNotes(within limit: Duration = .seconds(10), _ condition: @escaping Condition) async -> Bool {
        if condition(notes) { return true }
        let id = nextWaiter
        nextWaiter += 1
        Task {
            try? await Task.sleep(for: limit)
            self.expire(id)
        }
        return await withCheckedContinuation { continuation in
            waiters[id] = (condition, continuation)
        }
    }

    private func expire(_ id: Int) {
        waiters.removeValue(forKey: id)?.continuation.resume(returning: false)
    }
}
