import Synchronization

/// A value that arrives once, from any thread, and that any number of tasks
/// may wait for, before or after it came: the answer a device or the disk
/// gives to one piece of work, which the control reply then waits for.
///
///     let written = Promise<String?>()
///     worker.start { written.fulfil(nil) }      // from the worker's thread
///     if let problem = await written.value { ... }
public final class Promise<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [CheckedContinuation<Value, Never>] = []
    }
    private let state: Mutex<State>

    public init() {
        state = Mutex(State())
    }

    /// A promise that already holds its value.
    public init(_ value: Value) {
        state = Mutex(State(value: value))
    }

    /// Gives the promise its value; the first call wins, later ones are ignored.
    public func fulfil(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value, Never>] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// The value, once it is there.
    public var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Value? in
                    if let value = state.value { return value }
                    state.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }

    /// The value if it is already there.
    public var current: Value? {
        state.withLock { $0.value }
    }
}
