import FoundationEssentials
import Glibc
import Support
import Synchronization

/// Watches the mixers' descriptors on the daemon's `Reactor`. When one of a
/// device's descriptors turns ready, the watch stops watching that device
/// and reports it on `readiness`; the actor handles the events with alsa-lib
/// (which must not be called from two threads at once) and arms the device
/// again. Nothing here wakes up unless a descriptor does.
///
/// alsa-lib owns its descriptors and closes them with the device, on the
/// actor. The reactor watches duplicates instead (the same open file, so
/// the same readiness), which are closed on its thread once it has let them
/// go: a device closed and a number reused never reach its epoll set.
///
/// Sendable: its mutable state is behind a Mutex, the continuation is Sendable.
final class MixerWatch: Sendable {
    /// A device whose descriptors turned ready, with poll()'s `revents` filled in.
    struct Ready: Sendable {
        let device: String
        let generation: Int
        let descriptors: [pollfd]
    }

    let readiness: AsyncStream<Ready>
    private let continuation: AsyncStream<Ready>.Continuation

    /// One device's descriptors on the reactor (one-shot watches).
    private struct Watched: Sendable {
        let generation: Int
        /// alsa-lib's descriptors, as it gave them.
        let descriptors: [pollfd]
        let watches: [Reactor.Watch]
        /// Reported and not armed again yet: later readiness is left for the next arm.
        var reported = false
        /// Which `Watched` this is, so a readiness of one replaced is dropped.
        let serial: Int
    }

    private struct State: Sendable {
        var watched: [String: Watched] = [:]
        var serials = 0
        var stopped = false
    }

    private let state = Mutex(State())

    init() {
        (readiness, continuation) = AsyncStream.makeStream(of: Ready.self)
    }

    /// Watches `descriptors` for `device` (replacing what was watched for it).
    func arm(_ device: String, generation: Int, descriptors: [pollfd]) {
        let replaced: Watched? = state.withLock { state in
            guard !state.stopped else { return nil }
            // Armed again after its events were handled: the same device, the same descriptors.
            if var same = state.watched[device], same.generation == generation,
               same.descriptors.map(\.fd) == descriptors.map(\.fd), same.descriptors.map(\.events) == descriptors.map(\.events) {
                same.reported = false
                state.watched[device] = same
                for watch in same.watches { watch.resume() }
                return nil
            }
            state.serials += 1
            let serial = state.serials
            let watches = descriptors.enumerated().compactMap { index, descriptor in
                watch(descriptor, index: index, of: device, serial: serial)
            }
            defer {
                state.watched[device] = Watched(generation: generation, descriptors: descriptors, watches: watches, serial: serial)
            }
            return state.watched[device]
        }
        if let replaced { release(replaced) }
    }

    /// Stops watching `device`.
    func disarm(_ device: String) {
        if let watched = state.withLock({ $0.watched.removeValue(forKey: device) }) { release(watched) }
    }

    /// Stops watching every device and ends the readiness stream.
    func stop() {
        let all = state.withLock { state in
            state.stopped = true
            defer { state.watched = [:] }
            return Array(state.watched.values)
        }
        for watched in all { release(watched) }
        continuation.finish()
    }

    // MARK: Private

    /// A one-shot watch on a duplicate of `descriptor` (closed on the reactor when cancelled).
    private func watch(_ descriptor: pollfd, index: Int, of device: String, serial: Int) -> Reactor.Watch? {
        let duplicate = fcntl(descriptor.fd, F_DUPFD_CLOEXEC, 0)
        guard duplicate >= 0 else { return nil }
        do throws(Errno) {
            return try Reactor.shared.watch(duplicate, for: UInt32(UInt16(bitPattern: descriptor.events)), oneShot: true) { [self] events in
                ready(device, serial: serial, index: index, events: events)
            }
        } catch {
            close(duplicate)
            return nil
        }
    }

    private func release(_ watched: Watched) {
        for watch in watched.watches {
            watch.cancel { [number = watch.number] in _ = close(number) }
        }
    }

    /// On the reactor's thread: one of a device's descriptors is ready.
    private func ready(_ device: String, serial: Int, index: Int, events: UInt32) {
        let report: Ready? = state.withLock { state in
            guard var watched = state.watched[device], watched.serial == serial, !watched.reported else { return nil }
            watched.reported = true
            state.watched[device] = watched
            var descriptors = watched.descriptors.map { pollfd(fd: $0.fd, events: $0.events, revents: 0) }
            descriptors[index].revents = Int16(truncatingIfNeeded: events)
            return Ready(device: device, generation: watched.generation, descriptors: descriptors)
        }
        if let report { continuation.yield(report) }
    }
}
