/// Work for one device, carried out in the order it was asked for, one item
/// at a time, without holding up the room's rules: a preset recall that takes
/// three seconds to complete must not delay a mute.
final class SerialWork: Sendable {
    typealias Item = @Sendable () async -> Void

    private let items: AsyncStream<Item>.Continuation
    private let worker: Task<Void, Never>

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Item.self)
        items = continuation
        worker = Task {
            for await item in stream { await item() }
        }
    }

    /// Queues `item` behind the work already asked for.
    func enqueue(_ item: @escaping Item) {
        items.yield(item)
    }

    /// Waits until every item queued so far has been carried out.
    func drain() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            items.yield { done.resume() }
        }
    }

    deinit {
        items.finish()
    }
}
