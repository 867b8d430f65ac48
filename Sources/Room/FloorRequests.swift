import Localization
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

/// The room's requests to speak, oldest first, and the number the next one gets (R9).
public struct FloorRequestQueue: Sendable, Hashable, Codable, RandomAccessCollection {
    /// The requests still waiting, oldest first.
    public private(set) var waiting: [FloorRequest] = []
    /// The number the next request gets.
    public private(set) var nextNumber = 1

    public init() {}

    public var startIndex: Int { waiting.startIndex }
    public var endIndex: Int { waiting.endIndex }
    public subscript(position: Int) -> FloorRequest { waiting[position] }

    /// A new request, queued last.
    mutating func raise(microphone: String?, by: String, at time: Date) -> FloorRequest {
        let request = FloorRequest(number: nextNumber, microphone: microphone, raisedBy: by, raisedAt: time)
        nextNumber += 1
        waiting.append(request)
        return request
    }

    /// Marks the request at `index` as seen by `by`.
    mutating func acknowledge(at index: Int, by: String) { waiting[index].acknowledgedBy = by }

    mutating func remove(at index: Int) -> FloorRequest { waiting.remove(at: index) }

    /// Takes out the requests `answered` accepts, in queue order.
    mutating func take(where answered: (FloorRequest) -> Bool) -> [FloorRequest] {
        let taken = waiting.filter(answered)
        waiting.removeAll(where: answered)
        return taken
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
            return step.refuse(command, from: client, FloorTargetProblem.unknownMicrophone(microphone, setup.channelNames).message)
        }
        if let waiting = requests.first(where: { $0.microphone == microphone }) {
            let number = String(waiting.number)
            return step.refuse(command, from: client, microphone.map { microphone in
                Message(
                    "microphone {microphone} already asked for the floor: request {number} is waiting (withdraw it with 'hand withdraw {number}')",
                    ["microphone": microphone, "number": number])
            } ?? Message("the room already asked for the floor: request {number} is waiting (withdraw it with 'hand withdraw {number}')", ["number": number]))
        }
        let request = requests.raise(microphone: microphone, by: by, at: step.now)
        step.log(.floorRequested(number: request.number, microphone: microphone, by: by))
        step.emit(.floorRequest(request, outcome: nil, by: by))
    }

    mutating func answerRequest(_ number: Int, _ outcome: FloorRequestOutcome, from client: Client, command: RoomCommand, _ step: inout Step) {
        guard let index = requests.firstIndex(where: { $0.number == number }) else {
            let waiting = requests.map { String($0.number) }.joined(separator: ", ")
            return step.refuse(command, from: client, waiting.isEmpty
                ? Message("no request to speak {number} is waiting; none is", ["number": String(number)])
                : Message("no request to speak {number} is waiting; waiting: {waiting}", ["number": String(number), "waiting": waiting]))
        }
        let by = client.description
        if outcome == .acknowledged {
            guard requests[index].acknowledgedBy == nil else { return }
            requests.acknowledge(at: index, by: by)
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
    mutating func grantAnswersRequests(_ granted: [ChannelName], by: String, _ step: inout Step) {
        guard !granted.isEmpty else { return }
        let answered = requests.take { request in request.microphone.map { granted.contains(ChannelName($0)) } ?? true }
        for request in answered {
            step.log(.floorRequestAnswered(number: request.number, outcome: .granted, by: by))
            step.emit(.floorRequest(request, outcome: .granted, by: by))
        }
    }

    /// The meeting is over: what still waits lapses.
    mutating func lapseRequests(_ step: inout Step) {
        for request in requests.take(where: { _ in true }) {
            step.log(.floorRequestAnswered(number: request.number, outcome: .lapsed, by: "rules"))
            step.emit(.floorRequest(request, outcome: .lapsed, by: "rules"))
        }
    }
}
