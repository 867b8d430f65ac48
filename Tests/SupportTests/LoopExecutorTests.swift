import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Support

/// The daemon's executors, on real threads: order, timers, the thread's
/// name and end, and that an idle loop does not wake.
@Suite struct LoopExecutorTests {
    actor Counter {
        let executor: LoopExecutor
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        var seen: [Int] = []
        var threads: Set<String> = []

        init(_ executor: LoopExecutor) { self.executor = executor }

        func add(_ value: Int) {
            seen.append(value)
            threads.insert(ThreadNames.current())
        }

        func threadID() -> Int32 { ThreadFacts.id() }
    }

    @Test func anActorsJobsRunOnItsThreadInTheOrderSent() async {
        let name = Self.uniqueName()
        let counter = Counter(LoopExecutor.onOwnThread(named: name))
        for value in 0..<500 { await counter.add(value) }
        #expect(await counter.seen == Array(0..<500))
        #expect(await counter.threads == [name])
    }

    @Test func jobsSentFromManyTasksAllRun() async {
        let counter = Counter(LoopExecutor.onOwnThread(named: Self.uniqueName()))
        await withTaskGroup(of: Void.self) { group in
            for sender in 0..<8 {
                group.addTask { for value in 0..<100 { await counter.add(sender * 1000 + value) } }
            }
        }
        let seen = await counter.seen
        #expect(seen.count == 800)
        // Each sender's values arrive in its own order.
        for sender in 0..<8 {
            #expect(seen.filter { $0 / 1000 == sender } == (0..<100).map { sender * 1000 + $0 })
        }
    }

    @Test func anIdleThreadDoesNotWake() async throws {
        let counter = Counter(LoopExecutor.onOwnThread(named: Self.uniqueName()))
        let thread = await counter.threadID()
        try await Task.sleep(for: .milliseconds(50))
        let before = try #require(ThreadFacts.contextSwitches(of: thread))
        try await Task.sleep(for: .milliseconds(400))
        let after = try #require(ThreadFacts.contextSwitches(of: thread))
        #expect(after == before, "the thread woke \(after - before) times with nothing to do")
        // A job wakes it; the switch is counted when it sleeps again.
        await counter.add(1)
        let deadline = ContinuousClock.now + .seconds(2)
        while ThreadFacts.contextSwitches(of: thread) == after, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(try #require(ThreadFacts.contextSwitches(of: thread)) > after, "a job wakes it")
    }

    @Test func theThreadEndsWhenTheExecutorIsReleased() async throws {
        let name = Self.uniqueName()
        var counter: Counter? = Counter(LoopExecutor.onOwnThread(named: name))
        await counter?.add(1)
        #expect(ThreadNames.of().count(where: { $0 == name }) == 1)
        counter = nil
        let deadline = ContinuousClock.now + .seconds(2)
        while ThreadNames.of().count(where: { $0 == name }) > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(ThreadNames.of().count(where: { $0 == name }) == 0)
    }

    /// The main loop also keeps `Task.sleep`'s timed jobs: sleepers wake in
    /// the order of their deadlines, never early, on the loop's thread.
    @Test func sleepersWakeInDeadlineOrderOnTheLoop() async throws {
        let name = Self.uniqueName()
        let loop = MainLoopExecutor(name: name)
        DetachedThread.start(name: name) { try? loop.run() }
        defer { loop.stop() }
        let woke = Shared<[(Int, String)]>([])
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for milliseconds in [90, 30, 60, 10] {
                group.addTask(executorPreference: loop) {
                    try? await Task.sleep(for: .milliseconds(milliseconds))
                    let late = ContinuousClock.now - start
                    #expect(late >= .milliseconds(milliseconds), "woke early, after \(late)")
                    woke.value.withLock { $0.append((milliseconds, ThreadNames.current())) }
                }
            }
        }
        let order = woke.value.withLock { $0 }
        #expect(order.map(\.0) == [10, 30, 60, 90])
        #expect(order.allSatisfy { $0.1 == name })
    }

    @Test func aLoopWithOnlyAFarTimerSleepsUntilIt() async throws {
        let name = Self.uniqueName()
        let loop = MainLoopExecutor(name: name)
        let thread = Shared<Int32>(0)
        DetachedThread.start(name: name) {
            thread.value.withLock { $0 = ThreadFacts.id() }
            try? loop.run()
        }
        defer { loop.stop() }
        let sleeper = Task(executorPreference: loop) { try? await Task.sleep(for: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        let id = thread.value.withLock { $0 }
        let before = try #require(ThreadFacts.contextSwitches(of: id))
        try await Task.sleep(for: .milliseconds(400))
        #expect(ThreadFacts.contextSwitches(of: id) == before)
        sleeper.cancel()
        await sleeper.value
    }

    @Test func stopEndsRun() async throws {
        let loop = MainLoopExecutor(name: Self.uniqueName())
        let ended = Shared(false)
        DetachedThread.start(name: "stopper") {
            try? loop.run()
            ended.value.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(20))
        loop.stop()
        let deadline = ContinuousClock.now + .seconds(2)
        while !ended.value.withLock({ $0 }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(ended.value.withLock { $0 })
    }

    @Test func pollTimeOutsRoundUpSoNoTimerFiresEarly() {
        let now = ContinuousClock.now
        #expect(WakePipe.timeout(until: nil, now: now) == -1)
        #expect(WakePipe.timeout(until: now, now: now) == 0)
        #expect(WakePipe.timeout(until: now - .seconds(1), now: now) == 0)
        #expect(WakePipe.timeout(until: now + .microseconds(1), now: now) == 1)
        #expect(WakePipe.timeout(until: now + .microseconds(1200), now: now) == 2)
        #expect(WakePipe.timeout(until: now + .milliseconds(3), now: now) == 3)
        #expect(WakePipe.timeout(until: now + .seconds(86_400 * 365), now: now) == Int32.max)
    }

    private static func uniqueName() -> String {
        "loop-\(UInt16.random(in: 1000...9999))"
    }
}

/// A value tasks and threads share, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
}

/// What /proc says about a thread of this process.
enum ThreadFacts {
    /// The calling thread's id: /proc/thread-self links to "PID/task/TID".
    static func id() -> Int32 {
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
        return Int32(link.split(separator: "/").last ?? "") ?? 0
    }

    /// Voluntary context switches: each time the thread went to sleep.
    static func contextSwitches(of thread: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/task/\(thread)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
        return line.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
    }
}
