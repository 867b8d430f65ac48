import FoundationEssentials
import Glibc
import Support
import Synchronization

/// A thread blocked in poll() on the mixers' descriptors. When one of a
/// device's descriptors turns ready, the watch stops watching that device
/// and reports it on `readiness`; the actor handles the events with alsa-lib
/// (which must not be called from two threads at once) and arms the device
/// again. Nothing here wakes up unless a descriptor does.
///
/// Sendable: its mutable state is behind a Mutex, the wake pipe is a
/// constant, and the continuation is Sendable.
final class MixerWatch: Sendable {
    /// A device whose descriptors turned ready, with poll()'s `revents` filled in.
    struct Ready: Sendable {
        let device: String
        let generation: Int
        let descriptors: [pollfd]
    }

    let readiness: AsyncStream<Ready>
    private let continuation: AsyncStream<Ready>.Continuation
    private let pipe: WakePipe

    private struct Watched {
        var generation: Int
        var descriptors: [pollfd]
    }
    private struct State {
        var watched: [String: Watched] = [:]
        var stopping = false
    }
    private let state = Mutex(State())

    init() {
        (readiness, continuation) = AsyncStream.makeStream(of: Ready.self)
        guard let pipe = WakePipe() else {
            fatalError("MixerWatch: pipe failed: \(String(cString: strerror(errno)))")
        }
        self.pipe = pipe
        DetachedThread.start(name: "mixer-watch") { [self] in run() }
    }

    // The thread holds the watch until it ends, so no one can wake() a pipe
    // that is closed here.
    deinit {
        pipe.close()
    }

    /// Watches `descriptors` for `device` (replacing what was watched for it).
    func arm(_ device: String, generation: Int, descriptors: [pollfd]) {
        state.withLock { $0.watched[device] = Watched(generation: generation, descriptors: descriptors) }
        wake()
    }

    /// Stops watching `device`.
    func disarm(_ device: String) {
        state.withLock { _ = $0.watched.removeValue(forKey: device) }
        wake()
    }

    /// Ends the thread and the readiness stream.
    func stop() {
        state.withLock { $0.stopping = true }
        wake()
    }

    private func wake() {
        pipe.wake()
    }

    private func run() {
        defer { continuation.finish() }
        while true {
            let (stopping, snapshot) = state.withLock { ($0.stopping, $0.watched) }
            if stopping { return }
            var descriptors = [pollfd(fd: pipe.readEnd, events: Int16(POLLIN), revents: 0)]
            var owners: [(device: String, generation: Int, range: Range<Int>)] = []
            for (device, watched) in snapshot {
                let start = descriptors.count
                descriptors += watched.descriptors.map { pollfd(fd: $0.fd, events: $0.events, revents: 0) }
                owners.append((device, watched.generation, start..<descriptors.count))
            }
            let count = poll(&descriptors, nfds_t(descriptors.count), -1)
            if count < 0 {
                if errno == EINTR { continue }
                fatalError("MixerWatch: poll failed: \(String(cString: strerror(errno)))")
            }
            if descriptors[0].revents != 0 { pipe.drain() }
            for owner in owners {
                let ready = Array(descriptors[owner.range])
                guard ready.contains(where: { $0.revents != 0 }) else { continue }
                // Stop watching it until the actor has read its events, or
                // this level-triggered poll would spin.
                let current = state.withLock { state -> Bool in
                    guard state.watched[owner.device]?.generation == owner.generation else { return false }
                    state.watched.removeValue(forKey: owner.device)
                    return true
                }
                if current {
                    continuation.yield(Ready(device: owner.device, generation: owner.generation, descriptors: ready))
                }
            }
        }
    }
}
