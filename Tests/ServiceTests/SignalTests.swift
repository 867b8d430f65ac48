import TestSupport
import Foundation
import Testing
@testable import Service

/// Signals are the process's: these tests run one at a time.
@Suite(.serialized) struct SignalTests {
    @Test func hangUpAndTerminateArriveOnTheStream() async throws {
        let (recorder, consumer) = Recorder.consuming(ServiceSignal.stream([.hangUp, .terminate]))
        // Sent to the process, as systemd's `kill -HUP $MAINPID` and `systemctl stop` do.
        kill(getpid(), SIGHUP)
        #expect(await recorder.wait { $0 == [.hangUp] })
        kill(getpid(), SIGTERM)
        #expect(await recorder.wait { $0 == [.hangUp, .terminate] })
        consumer.cancel()
    }

    @Test func everyListenerHearsItAndNoneLeftIsNotFatal() async throws {
        let (first, firstConsumer) = Recorder.consuming(ServiceSignal.stream([.hangUp]))
        let (second, secondConsumer) = Recorder.consuming(ServiceSignal.stream([.hangUp]))
        kill(getpid(), SIGHUP)
        #expect(await first.wait { $0 == [.hangUp] })
        #expect(await second.wait { $0 == [.hangUp] })
        secondConsumer.cancel()
        _ = await secondConsumer.value
        kill(getpid(), SIGHUP)
        #expect(await first.wait { $0 == [.hangUp, .hangUp] })
        #expect(await second.items == [.hangUp])
        firstConsumer.cancel()
        _ = await firstConsumer.value
        // Nobody listens: the signal does not end this process.
        kill(getpid(), SIGHUP)
        try await Task.sleep(for: .milliseconds(100))
        let (third, thirdConsumer) = Recorder.consuming(ServiceSignal.stream([.hangUp]))
        kill(getpid(), SIGHUP)
        // The pending one may be reported as well as the new one.
        #expect(await third.wait { !$0.isEmpty && $0.allSatisfy { $0 == .hangUp } })
        thirdConsumer.cancel()
    }
}
