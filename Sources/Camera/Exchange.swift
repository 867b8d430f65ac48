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
    ///
    /// A broadcast (IF_Clear `88 01 00 01 FF`, AddressSet `88 30 01 FF`) is
    /// answered only by what comes back round the whole chain with the
    /// header `88`, never by one camera's `y0 50 ..`: after an outage a
    /// camera that catches up answers inquiries asked long ago, and such a
    /// late `90 50 02 FF` (power on) once passed for AddressSet's reply and
    /// numbered a one-camera chain "2 cameras".
    func isAnswered(by sender: Sender) -> Bool {
        switch (recipient, sender) {
        case (.broadcast, .broadcast): return true
        case (.broadcast, .camera): return false
        case (.camera(let address), .camera(let from)): return address == from
        case (.camera, .broadcast): return false
        }
    }

    /// "camera 2", or "the cameras" for a broadcast, for messages.
    var cameraName: String {
        if case .camera(let address) = recipient { return address.description }
        return "the cameras"
    }
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
    /// AddressSet's reply `88 30 0w FF`: the chain numbered w − 1 cameras.
    case numbered(cameras: Int)
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
