import TestSupport
import Foundation
import Testing
@testable import Service

@Suite struct NotifyTests {
    @Test func readyStatusAndStoppingReachThePathSocket() async throws {
        let sink = DatagramSink()
        let (recorder, consumer) = Recorder.consuming(sink.messages())
        defer { consumer.cancel() }
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": sink.name])
        #expect(notifier.isActive)
        try notifier.send(.status("camera 1 up; waiting for the terminal"))
        try notifier.send(.ready, .status("room ready"))
        try notifier.send(.stopping)
        #expect(await recorder.wait { $0.count == 3 })
        #expect(await recorder.items.map(\.text) == [
            "STATUS=camera 1 up; waiting for the terminal",
            "READY=1\nSTATUS=room ready",
            "STOPPING=1",
        ])
    }

    @Test func anAbstractSocketIsAddressedWithoutItsAt() async throws {
        let sink = DatagramSink(abstract: true)
        let (recorder, consumer) = Recorder.consuming(sink.messages())
        defer { consumer.cancel() }
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": sink.name])
        try notifier.send(.ready)
        #expect(await recorder.wait { !$0.isEmpty })
        #expect(await recorder.items.map(\.text) == ["READY=1"])
    }

    @Test func reloadingCarriesTheMonotonicClock() async throws {
        let sink = DatagramSink()
        let (recorder, consumer) = Recorder.consuming(sink.messages())
        defer { consumer.cancel() }
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": sink.name])
        var before = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        try notifier.reloading()
        #expect(await recorder.wait { !$0.isEmpty })
        let lines = try #require(await recorder.items.first).text.split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let usec = try #require(lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
        #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
        let beforeUsec = UInt64(before.tv_sec) * 1_000_000 + UInt64(before.tv_nsec) / 1_000
        #expect(usec >= beforeUsec && usec < beforeUsec + 60_000_000)
    }

    @Test func withoutNotifySocketNothingHappens() throws {
        let notifier = try ServiceNotifier(environment: [:])
        #expect(!notifier.isActive)
        try notifier.send(.ready, .status("x"))  // no throw, nowhere to send
    }

    @Test func aBadOrDeadSocketIsReportedClearly() throws {
        #expect(throws: ServiceError.notifySocketInvalid("run/notify")) {
            try ServiceNotifier(environment: ["NOTIFY_SOCKET": "run/notify"])
        }
        let gone = "/tmp/diemcau-no-such-dir/notify"
        let notifier = try ServiceNotifier(environment: ["NOTIFY_SOCKET": gone])
        do {
            try notifier.send(.ready)
            Issue.record("sending to a missing socket succeeded")
        } catch {
            #expect(error == .notifyFailed(socket: gone, errno: ENOENT))
            #expect(error.description.hasPrefix("could not notify systemd on \(gone) (No such file or directory)"))
        }
    }
}
