/// Collects what a stream delivers and lets a test wait, with a generous
/// time-out, until what it expects has arrived. No polling: a waiter is
/// resumed by the append that satisfies it.
public actor Recorder<Item: Sendable> {
    public private(set) var items: [Item] = []
    private var waiters: [Int: (predicate: @Sendable ([Item]) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = [:]
    private var nextWaiter = 0

    public init() {}

    public func append(_ item: Item) {
        items.append(item)
        for (id, waiter) in waiters where waiter.predicate(items) {
            waiters[id] = nil
            waiter.continuation.resume(returning: true)
        }
    }

    /// True once `predicate` holds; false if `timeout` passes first.
    public func wait(timeout: Duration = .seconds(20), until predicate: @escaping @Sendable ([Item]) -> Bool) async -> Bool {
        if predicate(items) { return true }
        let id = nextWaiter
        nextWaiter += 1
        return await withCheckedContinuation { continuation in
            waiters[id] = (predicate, continuation)
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
    }

    private func expire(_ id: Int) {
        waiters.removeValue(forKey: id)?.continuation.resume(returning: false)
    }

    /// Consumes a stream into a new recorder, in a task the caller cancels.
    public static func consuming(_ stream: AsyncStream<Item>) -> (Recorder<Item>, Task<Void, Never>) {
        let recorder = Recorder<Item>()
        let task = Task {
            for await item in stream { await recorder.append(item) }
        }
        return (recorder, task)
    }
}
