import Testing
@testable import Support

@Suite struct DeadlinesTests {
    let start = ContinuousClock.now

    @Test func oneSleeperServesLaterTimeOutsAndAnEarlierOneGetsItsOwn() {
        var deadlines = Deadlines<Int>()
        #expect(deadlines.arm(1, at: start + .seconds(5), {}) == start + .seconds(5))
        #expect(deadlines.arm(2, at: start + .seconds(8), {}) == nil, "the 5 s sleeper serves it")
        #expect(deadlines.arm(3, at: start + .seconds(2), {}) == start + .seconds(2))
        #expect(deadlines.count == 3)
    }

    /// The point of it: answered commands leave nothing that wakes the daemon
    /// but the one sleeper, which then ends.
    @Test func disarmedTimeOutsNeitherRunNorKeepSleepersGoing() throws {
        var deadlines = Deadlines<Int>()
        var ran: [Int] = []
        let first = deadlines.arm(0, at: start + .seconds(1), { ran.append(0) })
        for key in 1...400 { _ = deadlines.arm(key, at: start + .seconds(1) + .milliseconds(key), { ran.append(key) }) }
        for key in 0...400 { deadlines.disarm(key) }
        let (actions, next) = deadlines.fire(sleeperFor: try #require(first), now: start + .seconds(1))
        #expect(actions.isEmpty && next == nil && deadlines.count == 0)
        #expect(ran.isEmpty)
    }

    @Test func dueActionsComeEarliestFirstAndTheRestGetTheNextSleeper() throws {
        var deadlines = Deadlines<String>()
        var ran: [String] = []
        let target = deadlines.arm("b", at: start + .seconds(2), { ran.append("b") })
        _ = deadlines.arm("c", at: start + .seconds(3), { ran.append("c") })
        _ = deadlines.arm("late", at: start + .seconds(9), { ran.append("late") })
        #expect(deadlines.arm("a", at: start + .seconds(1), { ran.append("a") }) == start + .seconds(1))
        // The 1 s sleeper wakes late, at 3 s: three are due.
        let (actions, next) = deadlines.fire(sleeperFor: start + .seconds(1), now: start + .seconds(3))
        actions.forEach { $0() }
        #expect(ran == ["a", "b", "c"])
        #expect(next == nil, "the 2 s sleeper is still coming and serves the 9 s one")
        let (more, after) = deadlines.fire(sleeperFor: try #require(target), now: start + .seconds(2))
        #expect(more.isEmpty)
        #expect(after == start + .seconds(9))
    }

    @Test func armingAgainReplacesTheTimeOut() throws {
        var deadlines = Deadlines<Int>()
        var ran: [String] = []
        let target = deadlines.arm(7, at: start + .seconds(1), { ran.append("old") })
        _ = deadlines.arm(7, at: start + .seconds(1), { ran.append("new") })
        let (actions, _) = deadlines.fire(sleeperFor: try #require(target), now: start + .seconds(1))
        actions.forEach { $0() }
        #expect(ran == ["new"])
    }
}
