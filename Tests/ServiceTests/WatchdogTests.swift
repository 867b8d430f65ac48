import TestSupport
import Foundation
import Testing
@testable import Service

@Suite struct WatchdogTests {
    @Test func theTimeOutComesFromTheEnvironment() throws {
        let me = getpid()
        #expect(try ServiceWatchdog.timeout(environment: ["WATCHDOG_USEC": "30000000"], pid: me) == .seconds(30))
        #expect(try ServiceWatchdog.timeout(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(me)"], pid: me) == .seconds(30))
        #expect(try ServiceWatchdog.timeout(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(me + 1)"], pid: me) == nil)
        #expect(try ServiceWatchdog.timeout(environment: [:], pid: me) == nil)
        #expect(try ServiceWatchdog.timeout(environment: ["WATCHDOG_USEC": "0"], pid: me) == nil)
        #expect(throws: ServiceError.watchdogSettingInvalid(variable: "WATCHDOG_USEC", value: "30s")) {
            try ServiceWatchdog.timeout(environment: ["WATCHDOG_USEC": "30s"], pid: me)
        }
    }

    @Test func pingsArriveAtHalfTheInterval() async throws {
        let sink = DatagramSink()
        let (recorder, consumer) = Recorder.consuming(sink.messages())
        defer { consumer.cancel() }
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": sink.name])
        let watchdog = try #require(try ServiceWatchdog(notifier: notifier, environment: ["WATCHDOG_USEC": "400000"]))
        #expect(watchdog.interval == .milliseconds(200))
        let started = ContinuousClock.now
        watchdog.start()
        #expect(await recorder.wait { $0.count >= 3 })
        watchdog.stop()
        let pings = await recorder.items
        #expect(pings.allSatisfy { $0.text == "WATCHDOG=1" })
        // The ticks are due 200, 400 and 600 ms after the start, and a timer
        // is never early (a loaded machine may make it late, and bunch the
        // late ones together, so the gaps between arrivals prove nothing).
        #expect(pings[0].at - started >= .milliseconds(195))
        #expect(pings[1].at - started >= .milliseconds(395))
        #expect(pings[2].at - started >= .milliseconds(595))
        // Stopped: no more pings in three more intervals.
        let count = await recorder.items.count
        try await Task.sleep(for: .milliseconds(600))
        #expect(await recorder.items.count <= count + 1)  // at most one already in flight
    }

    @Test func noWatchdogForAnotherProcess() async throws {
        let sink = DatagramSink()
        let (recorder, consumer) = Recorder.consuming(sink.messages())
        defer { consumer.cancel() }
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": sink.name])
        let watchdog = try ServiceWatchdog(notifier: notifier, environment: ["WATCHDOG_USEC": "100000", "WATCHDOG_PID": "\(getpid() + 1)"])
        #expect(watchdog == nil)
        watchdog?.start()
        #expect(await recorder.wait(timeout: .milliseconds(500)) { !$0.isEmpty } == false)
    }

    @Test func aDaemonThatPassesItsProbeIsKeptAlive() async throws {
        let sink = DatagramSink()
        let (recorder, consumer) = Recorder.consuming(sink.messages())
        defer { consumer.cancel() }
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": sink.name])
        let watchdog = try #require(try ServiceWatchdog(notifier: notifier, environment: ["WATCHDOG_USEC": "100000"]))
        let asked = Recorder<Bool>()
        watchdog.start(probe: {
            await asked.append(true)
            return true
        })
        #expect(await recorder.wait { $0.count >= 2 })
        watchdog.stop()
        #expect(await recorder.items.allSatisfy { $0.text == "WATCHDOG=1" })
        #expect(await asked.items.count >= 2)
    }

    @Test func aDaemonThatFailsItsProbeIsNotKeptAlive() async throws {
        let sink = DatagramSink()
        let (recorder, consumer) = Recorder.consuming(sink.messages())
        defer { consumer.cancel() }
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": sink.name])
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let log = ServiceLog(fileDescriptor: ends[1])
        let watchdog = try #require(try ServiceWatchdog(notifier: notifier, environment: ["WATCHDOG_USEC": "100000"], log: log))
        watchdog.start(probe: { false })
        #expect(await recorder.wait(timeout: .milliseconds(500)) { !$0.isEmpty } == false)
        watchdog.stop()
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = read(ends[0], &buffer, buffer.count)
        #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self)
            .hasPrefix("<4>watchdog: the daemon did not answer its health probe; not pinging systemd\n"))
    }
}
