import Support
import Localization

/// What a device (or the disk) said to one piece of work the rules asked
/// for: the control reply waits for it, so an `OK` states what happened.
enum DeviceAnswer: Sendable, Equatable {
    /// Done, and confirmed: the mixer read back the state, the camera
    /// completed, the terminal answered.
    case done
    /// The camera acknowledged the order; it is still moving, and reports a
    /// failure to complete as a camera fault.
    case acknowledged
    /// A newer order for the same device replaced it before it was sent
    /// (the newer one's answer is this one's too, for a microphone).
    case superseded
    /// Not done: what went wrong, naming the device and what to check.
    case failed(Message)

    var problem: Message? {
        if case .failed(let text) = self { text } else { nil }
    }
}

/// A `DeviceAnswer` to come.
typealias PendingAnswer = Promise<DeviceAnswer>
