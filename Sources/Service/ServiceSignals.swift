#if canImport(Glibc)
import Glibc
#endif
import Support
import Synchronization

/// The signals systemd and a technician send the daemon.
public enum ServiceSignal: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SIGTERM: `systemctl stop`. Mute the mics, close the logbook, exit 0.
    case terminate
    /// SIGINT: Ctrl-C in a terminal; treated like SIGTERM.
    case interrupt
    /// SIGHUP: `systemctl reload` (the unit's ExecReload). Reload the configuration.
    case hangUp

    public var number: Int32 {
        switch self {
        case .terminate: SIGTERM
        case .interrupt: SIGINT
        case .hangUp: SIGHUP
        }
    }

    public var description: String {
        switch self {
        case .terminate: "SIGTERM"
        case .interrupt: "SIGINT"
        case .hangUp: "SIGHUP"
        }
    }

    /// Delivers the signals as a stream, in the order they arrive.
    ///
    /// The first time a signal is taken, a handler replaces its default
    /// action (ending the process); the handler only writes the signal's
    /// number to a pipe, and a thread asleep on the pipe's other end hands
    /// it to every stream that listens. Several streams may listen at once.
    ///
    /// A signal stays taken for the life of the process. One that arrives
    /// while no stream listens for it does not end the process: it is kept,
    /// and the next stream to listen for it reports it first.
    ///
    /// The handler is in place when this returns, so a signal sent after it
    /// returns is not missed.
    public static func stream(_ signals: [ServiceSignal] = ServiceSignal.allCases) -> AsyncStream<ServiceSignal> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServiceSignal.self)
        SignalPost.shared.listen(for: Set(signals), with: continuation)
        return stream
    }
}

/// The one place signals arrive: a pipe written by the handler, read by a
/// thread of its own, and the streams listening.
///
/// The pipe is the one descriptor the daemon reads that is not on the
/// reactor, on purpose: SIGTERM starts `Shutdown`, which mutes every
/// microphone first, and that must not wait behind a reactor handler that is
/// slow or stuck (a write to a full socket, a mixer that does not answer).
/// A thread asleep in `read` costs nothing while no signal comes.
final class SignalPost: Sendable {
    static let shared = SignalPost()

    private struct Listener {
        let signals: Set<ServiceSignal>
        let continuation: AsyncStream<ServiceSignal>.Continuation
    }

    private struct State {
        var taken: Set<ServiceSignal> = []
        var listeners: [Int: Listener] = [:]
        var nextListener = 0
        /// Signals that came while nobody listened for them, in order.
        var unheard: [ServiceSignal] = []
    }

    private let state = Mutex(State())
    private let readEnd: Int32

    private init() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            fatalError("signals: no descriptors left for the signal pipe; raise LimitNOFILE")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        // The handler must never block: a full pipe drops the signal, which
        // would take 64 KiB of signals nobody read.
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        readEnd = ends[0]
        signalPipeWriteEnd = ends[1]
        DetachedThread.start(name: "signals") { [self] in deliver() }
    }

    func listen(for signals: Set<ServiceSignal>, with continuation: AsyncStream<ServiceSignal>.Continuation) {
        let (key, unheard) = state.withLock { state in
            for signal in signals where state.taken.insert(signal).inserted {
                Glibc.signal(signal.number, forwardSignal)
            }
            let unheard = state.unheard.filter { signals.contains($0) }
            state.unheard.removeAll { signals.contains($0) }
            let key = state.nextListener
            state.nextListener += 1
            state.listeners[key] = Listener(signals: signals, continuation: continuation)
            return (key, unheard)
        }
        for signal in unheard { continuation.yield(signal) }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.listeners.removeValue(forKey: key) }
        }
    }

    /// The thread: reads each signal's number and hands the signal on.
    ///
    /// It takes the signals itself: whoever started the daemon may have had
    /// them blocked (a program's worker thread often does), and a blocked
    /// mask is inherited, by the daemon and by every thread it starts. The
    /// kernel gives a process's signal to a thread that does not block it:
    /// this one.
    private func deliver() {
        var taken = sigset_t()
        sigemptyset(&taken)
        for signal in ServiceSignal.allCases { sigaddset(&taken, signal.number) }
        pthread_sigmask(SIG_UNBLOCK, &taken, nil)
        var number: UInt8 = 0
        while true {
            guard (try? retryingOnInterrupt({ read(readEnd, &number, 1) })) == 1 else { return }
            guard let signal = ServiceSignal.allCases.first(where: { $0.number == Int32(number) }) else { continue }
            // Yielded outside the lock: a listener's stream being cancelled
            // at this moment holds its task's lock and calls onTermination,
            // which takes this one (the two threads would wait on each other).
            let listening = state.withLock { state in
                let listening = state.listeners.values.filter { $0.signals.contains(signal) }
                if listening.isEmpty { state.unheard.append(signal) }
                return listening.map(\.continuation)
            }
            for continuation in listening { continuation.yield(signal) }
        }
    }
}

/// The signal pipe's write end, for the handler: a handler can reach only
/// globals, and may call only async-signal-safe functions such as `write`.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

private let forwardSignal: @convention(c) (Int32) -> Void = { number in
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd, &byte, 1)
    errno = saved
}
