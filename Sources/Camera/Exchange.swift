import VISCA

/// One command on its way: sent, waiting for its first reply (ACK, error,
/// answer), then — for acknowledged commands — executing in a socket until its
/// Completion. Lives only inside the `CameraDriver` actor.
final class Exchange {
    let id: Int
    let command: Command
    let recipient: Recipient
    /// The ACK (with its socket), the answer, or the error.
    let firstReply = Eventual<FirstReply>()
    /// The Completion of an acknowledged command.
    let completion = Eventual<Void>()
    var socket: Int?
    var times = ExchangeTimes()

    init(id: Int, command: Command, recipient: Recipient) {
        self.id = id
        self.command = command
        self.recipient = recipient
    }

    /// Whether `sender` is who should answer this exchange.
    func isAnswered(by sender: Sender) -> Bool {
        switch (recipient, sender) {
        case (.broadcast, _): return true
        case (.camera(let address), .camera(let from)): return address == from
        case (.camera, .broadcast): return false
        }
    }

    /// "camera 2", for messages.
    var cameraName: String { recipient.description }
}

/// The first reply to a command.
enum FirstReply: Sendable {
    /// ACK: the command is executing in this socket.
    case acknowledged(socket: Int)
    /// `y0 50 ... FF`: an inquiry's data (empty for IF_Clear to one camera, `y0 50 FF`).
    case answer([UInt8])
    /// AddressSet came back: this many cameras on the chain.
    case numbered(cameras: Int)
    /// IF_Clear broadcast came back round the chain; or Cancel was confirmed.
    case done
}

/// What a command gave back.
public enum Outcome: Sendable, Equatable {
    /// An acknowledged command's Completion.
    case completed
    /// An inquiry's data (the bytes between `y0 50` and `FF`).
    case answer([UInt8])
}

/// When a command went out and its replies came in.
public struct ExchangeTimes: Sendable {
    public var sent = ContinuousClock.now
    /// ACK, answer or error.
    public var firstReply = ContinuousClock.now
    /// Completion (the first reply's time for commands without one).
    public var completed = ContinuousClock.now

    /// Command to ACK (or answer).
    public var toFirstReply: Duration { firstReply - sent }
    /// Command to Completion.
    public var toCompletion: Duration { completed - sent }
}
