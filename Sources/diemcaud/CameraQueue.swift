import Camera
import Room
import Synchronization
import Localization

/// Camera orders on their way to the camera, one at a time, each sent once
/// the one before it has completed. A recall replaces the recalls still
/// waiting (only the last framing matters), so a burst of floor changes
/// never leaves the camera touring old presets after the fact.
///
/// Each order's answer is kept when the camera acknowledged it (a recall or
/// a store: moving takes seconds, its completion or failure follows), when
/// it completed (the other orders), when a newer recall replaced it, or when
/// it failed.
final class CameraQueue: Sendable {
    let camera: RoomCamera
    /// An order that failed: the rules hear of it as a camera fault.
    private let failed: @Sendable (_ order: CameraOrder, _ reason: String) -> Void

    private struct Item {
        var order: CameraOrder
        var answer: PendingAnswer
    }
    private struct State {
        var waiting: [Item] = []
        var working = false
    }
    private let state = Mutex(State())

    init(camera: RoomCamera, failed: @escaping @Sendable (_ order: CameraOrder, _ reason: String) -> Void) {
        self.camera = camera
        self.failed = failed
    }

    /// Queues `order`; the answer is kept as the type's comment says.
    func send(_ order: CameraOrder) -> PendingAnswer {
        let answer = PendingAnswer()
        let (start, replaced) = state.withLock { state -> (Bool, [Item]) in
            var replaced: [Item] = []
            if case .recall = order {
                replaced = state.waiting.filter { if case .recall = $0.order { true } else { false } }
                state.waiting.removeAll { if case .recall = $0.order { true } else { false } }
            }
            state.waiting.append(Item(order: order, answer: answer))
            guard !state.working else { return (false, replaced) }
            state.working = true
            return (true, replaced)
        }
        for item in replaced { item.answer.fulfil(.superseded) }
        if start { Task { await self.work() } }
        return answer
    }

    private func work() async {
        while let item = next() {
            do {
                try await CameraOrders.carryOut(item.order, on: camera) { item.answer.fulfil(.acknowledged) }
                item.answer.fulfil(.done)
            } catch {
                item.answer.fulfil(.failed(Message("camera {endpoint}: {order}: {fault}", ["endpoint": "\(camera.endpoint)", "order": "\(item.order)"], parts: ["fault": .about(error)])))
                failed(item.order, "\(error)")
            }
        }
    }

    private func next() -> Item? {
        state.withLock { state in
            guard !state.waiting.isEmpty else {
                state.working = false
                return nil
            }
            return state.waiting.removeFirst()
        }
    }
}
