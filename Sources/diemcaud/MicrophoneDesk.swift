import Microphones
import Synchronization
import Localization

/// Microphone changes on their way to the mixer. Per channel the latest
/// state the rules want wins: changes that wait are merged, never replayed,
/// so after any flood of commands each channel reaches the last one asked
/// for within one mixer round trip of the one under way. Mutes go before
/// unmutes: a microphone the rules closed never waits behind one they opened.
///
/// Each change's answer is kept once the mixer read back the state, or once
/// the change failed. A change merged into a later, opposite one is
/// answered `superseded`: it never reached the mixer, so no event says it did.
final class MicrophoneDesk: Sendable {
    let bank: MicrophoneBank
    /// A change that did not take on a mixer that is still there: the rules hear of it.
    private let refused: @Sendable (_ channel: String, _ reason: String) -> Void

    private struct Wanted {
        var muted: Bool
        /// Each change merged here, with the state it asked for.
        var answers: [(muted: Bool, answer: PendingAnswer)]
    }
    private struct State {
        /// Changes not yet sent, by channel; `order` says which came first.
        var wanted: [String: Wanted] = [:]
        var order: [String] = []
        var working = false
        /// Changes sent, for the benchmark and the tests: merged ones are not.
        var sent = 0
    }
    private let state = Mutex(State())

    init(bank: MicrophoneBank, refused: @escaping @Sendable (_ channel: String, _ reason: String) -> Void) {
        self.bank = bank
        self.refused = refused
    }

    /// Asks for `channel` to be muted or opened; the answer is kept once the mixer has it.
    func set(_ channel: String, muted: Bool) -> PendingAnswer {
        let answer = PendingAnswer()
        let start = state.withLock { state -> Bool in
            if var waiting = state.wanted[channel] {
                waiting.muted = muted
                waiting.answers.append((muted, answer))
                state.wanted[channel] = waiting
            } else {
                state.wanted[channel] = Wanted(muted: muted, answers: [(muted, answer)])
                state.order.append(channel)
            }
            guard !state.working else { return false }
            state.working = true
            return true
        }
        if start { Task { await self.work() } }
        return answer
    }

    /// Changes sent to the mixer so far (merged ones are not sent).
    var sentCount: Int { state.withLock { $0.sent } }

    private func work() async {
        while let (channel, wanted) = next() {
            let answer: DeviceAnswer
            do throws(MicError) {
                try await bank.set(channel, to: wanted.muted ? .muted : .live)
                answer = .done
            } catch {
                answer = .failed(Message("microphone {channel}: {fault}", ["channel": channel], parts: ["fault": .about(error)]))
                switch error {
                case .unavailable, .writeFailed: break  // the bank reports the mixer lost
                case .duplicateChannel, .unknownChannel, .configurationFile, .unknownDevice, .deviceUnavailable, .unknownElement,
                    .noSuchControl, .verificationFailed, .noLevelToRestore, .captureFailed:
                    refused(channel, error.description)
                }
            }
            for waiting in wanted.answers {
                waiting.answer.fulfil(waiting.muted == wanted.muted || answer != .done ? answer : .superseded)
            }
        }
    }

    /// The next change to send: the first mute waiting, else the first change.
    private func next() -> (String, Wanted)? {
        state.withLock { state in
            guard !state.order.isEmpty else {
                state.working = false
                return nil
            }
            let index = state.order.firstIndex { state.wanted[$0]?.muted == true } ?? state.order.startIndex
            let channel = state.order.remove(at: index)
            guard let wanted = state.wanted.removeValue(forKey: channel) else {
                state.working = false  // not reached: every channel in `order` has a change waiting
                return nil
            }
            state.sent += 1
            return (channel, wanted)
        }
    }
}
