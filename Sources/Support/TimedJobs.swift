/// Jobs waiting for their time, earliest first; two due at the same moment
/// keep the order they were scheduled in. A binary heap: the daemon has a
/// few dozen timers (time-outs, retries, the watchdog), so pushing and
/// popping stay a handful of comparisons.
struct TimedJobs {
    struct Entry {
        let deadline: ContinuousClock.Instant
        let order: UInt64
        let job: UnownedJob

        func isBefore(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : order < other.order
        }
    }

    private var heap: [Entry] = []
    private var scheduled: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var nextDeadline: ContinuousClock.Instant? { heap.first?.deadline }

    mutating func push(_ job: UnownedJob, at deadline: ContinuousClock.Instant) {
        heap.append(Entry(deadline: deadline, order: scheduled, job: job))
        scheduled &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].isBefore(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Moves every job due by `now` to `ready`, in deadline order.
    mutating func takeDue(by now: ContinuousClock.Instant, into ready: inout [UnownedJob]) {
        while let first = heap.first, first.deadline <= now {
            ready.append(first.job)
            removeFirst()
        }
    }

    private mutating func removeFirst() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var earliest = parent
            if left < heap.count, heap[left].isBefore(heap[earliest]) { earliest = left }
            if right < heap.count, heap[right].isBefore(heap[earliest]) { earliest = right }
            guard earliest != parent else { return }
            heap.swapAt(parent, earliest)
            parent = earliest
        }
    }
}
