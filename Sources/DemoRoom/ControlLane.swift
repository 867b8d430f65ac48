import Control
import Dispatch

/// A control session with the daemon, driven from async code. `ControlLink`
/// blocks while it waits for the daemon, so every call runs on this lane's
/// own serial queue, never on the cooperative pool the simulators need.
///
/// `@unchecked Sendable`: the link is created, used and released only on
/// `queue`, one call at a time, so it is never touched from two threads.
final class ControlLane: @unchecked Sendable {
    private let queue: DispatchQueue
    private var link: ControlLink?

    init(name: String) {
        queue = DispatchQueue(label: "diemcau.demo.\(name)")
    }

    /// Runs `body` with the link on the lane's queue.
    func run<T: Sendable>(_ body: @escaping @Sendable (inout ControlLink?) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(&self.link) })
            }
        }
    }
}
