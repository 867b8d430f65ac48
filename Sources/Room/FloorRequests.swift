import FoundationEssentials

/// A request to speak from this room, waiting for the chair (R9; 002 Art. 6.3).
public struct FloorRequest: Sendable, Hashable, Codable {
    public var number: Int
    /// The microphone the speaker will use, or nil for the room as a whole.
    public var microphone: String?
    /// Who raised it: the keypad, a technician, a control client.
    public var raisedBy: String
    public var raisedAt: Date
    /// Who at the centre (or the technician) said they saw it.
    public var acknowledgedBy: String?

    public init(number: Int, microphone: String?, raisedBy: String, raisedAt: Date, acknowledgedBy: String? = nil) {
        self.number = number
        self.microphone = microphone
        self.raisedBy = raisedBy
        self.raisedAt = raisedAt
        self.acknowledgedBy = acknowledgedBy
    }

    /// `3:mic2:raised`, `4:-:acknowledged`: one request in a `status` list.
    public var summary: String {
        "\(number):\(microphone ?? "-"):\(acknowledgedBy == nil ? "raised" : "acknowledged")"
    }
}

/// What became of a request to speak.
public enum FloorRequestOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case acknowledged
    case withdrawn
    /// A grant of the floor covered it.
    case granted
    /// The meeting ended with the request still waiting.
    case lapsed
}

/// R9: the room asks the chair for the floor; it never takes it. Requests
/// queue until a grant covers them, or they are withdrawn.
extension State {
    mutating func raiseHand(microphone: String?, by: String, command: RoomCommand, from client: Client, _ step: inout Step) {
        if let microphone, setup.microphone(named: microphone) == nil {
            return step.refuse(command, from: client, FloorTargetProblem.unknownMicrophone(microphone, setup.channelNames).description)
        }
        if let waiting = requests.first(where: { $0.microphone == microphone }) {
            let whose = microphone.map { "microphone \($0)" } ?? "the room"
            return step.refuse(command, from: client, "\(whose) already asked for the floor: request \(waiting.number) is waiting (withdraw it with 'hand withdraw \(waiting.number)')")
        }
        let request = FloorRequest(number: nextRequestNumber, microphone: microphone, raisedBy: by, raisedAt: step.now)
        nextRequestNumber += 1
        requests.append(request)
        step.log(.floorRequested(number: request.number, microphone: microphone, by: by))
        step.emit(.floorRequest(request, outcome: nil, by: by))
    }

    mutating func answerRequest(_ number: Int, _ outcome: FloorRequestOutcome, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard let index = requests.firstIndex(where: { $0.number == number }) else {
            let waiting = requests.map { String($0.number) }
            return step.refuse(
                command, from: client,
                "no request to speak \(number) is waiting; " + (waiting.isEmpty ? "none is" : "waiting: " + waiting.joined(separator: ", ")))
        }
        let by = client.description
        if outcome == .acknowledged {
            guard requests[index].acknowledgedBy == nil else { return }
            requests[index].acknowledgedBy = by
            step.log(.floorRequestAnswered(number: number, outcome: outcome, by: by))
            step.emit(.floorRequest(requests[index], outcome: outcome, by: by))
        } else {
            let request = requests.remove(at: index)
            step.log(.floorRequestAnswered(number: number, outcome: outcome, by: by))
            step.emit(.floorRequest(request, outcome: outcome, by: by))
        }
    }

    /// A grant to these channels answers the requests it covers: one for a
    /// granted microphone, and one for the room as a whole.
    mutating func grantAnswersRequests(_ granted: [String], by: String, _ step: inout Step) {
        guard !granted.isEmpty else { return }
        let answered = requests.filter { request in request.microphone.map(granted.contains) ?? true }
        requests.removeAll { request in answered.contains { $0.number == request.number } }
        for request in answered {
            step.log(.floorRequestAnswered(number: request.number, outcome: .granted, by: by))
            step.emit(.floorRequest(request, outcome: .granted, by: by))
        }
    }

    /// The meeting is over: what still waits lapses.
    mutating func lapseRequests(_ step: inout Step) {
        let waiting = requests
        requests = []
        for request in waiting {
            step.log(.floorRequestAnswered(number: request.number, outcome: .lapsed, by: "rules"))
            step.emit(.floorRequest(request, outcome: .lapsed, by: "rules"))
        }
    }
}
