#if canImport(Glibc)
import Glibc
#endif
import Dispatch
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
    /// Their default action (ending the process) is switched off first, then
    /// a Dispatch signal source reports each one; nothing runs in a signal
    /// handler of ours. Several streams may listen at once; each gets every
    /// signal.
    ///
    /// Once taken, a signal stays with Dispatch for the life of the process:
    /// on Linux libdispatch installs its own handler the first time a signal
    /// gets a source (it re-raises the signal to its manager thread, where a
    /// signalfd reads it) and never removes it, so the default action cannot
    /// be given back. A signal that arrives while no stream listens does not
    /// end the process; it stays pending and the next stream may report it.
    ///
    /// Only signals sent to the process reach the stream (`kill`, systemd,
    /// the terminal); `raise()` from a Dispatch worker thread does not,
    /// because libdispatch blocks signals on its threads.
    ///
    /// Returns once every source is in Dispatch's event loop, so a signal
    /// sent after `await` returns is not missed.
    public static func stream(_ signals: [ServiceSignal] = ServiceSignal.allCases) async -> AsyncStream<ServiceSignal> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServiceSignal.self)
        let queue = DispatchQueue(label: "diemcau.signals")
        var sources: [any DispatchSourceProtocol] = []
        for signal in signals {
            // Until libdispatch's handler is in place, the signal must not end the process.
            let firstTime = Taken.signals.withLock { $0.insert(signal.number).inserted }
            if firstTime { Glibc.signal(signal.number, SIG_IGN) }
            let source = DispatchSource.makeSignalSource(signal: signal.number, queue: queue)
            source.setEventHandler { continuation.yield(signal) }
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.resume()
            }
            sources.append(source)
        }
        let handle = SourceHandle(sources)
        continuation.onTermination = { _ in handle.cancel() }
        return stream
    }
}

/// The signals already handed to Dispatch in this process: setting SIG_IGN
/// again would undo libdispatch's handler.
private enum Taken {
    static let signals = Mutex<Set<Int32>>([])
}
