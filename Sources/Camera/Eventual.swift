/// A result that arrives once, possibly before anyone waits for it: the ACK or
/// Completion of a command may come in before the caller gets round to
/// waiting. Used only inside the `CameraDriver` actor, never shared.
final class Eventual<Value: Sendable> {
    private(set) var result: Result<Value, CameraError>?
    private var waiter: CheckedContinuation<Value, any Error>?

    var isResolved: Bool { result != nil }

    func resolve(_ outcome: Result<Value, CameraError>) {
        guard result == nil else { return }
        result = outcome
        if let waiter {
            self.waiter = nil
            waiter.resume(with: outcome.mapError { $0 as any Error })
        }
    }

    /// Registers the caller; resumed at once if the result is already there.
    func wait(_ continuation: CheckedContinuation<Value, any Error>) {
        if let result {
            continuation.resume(with: result.mapError { $0 as any Error })
        } else {
            waiter = continuation
        }
    }
}
