import Foundation
import Glibc
import Support
import Synchronization

/// `pactl subscribe`, read on a thread of its own: the moment PulseAudio
/// tells its clients that a source changed is the moment the mute took
/// effect as anyone outside our process sees it.
///
/// Sendable: the arrivals are behind a Mutex; the semaphore and the pipe's
/// descriptor are thread-safe / constant.
public final class SourceChanges: Sendable {
    private let arrivals = Mutex<[ContinuousClock.Instant]>([])
    private let signal = DispatchSemaphore(value: 0)
    private let pid: pid_t

    /// Watches `change` events on source number `index`.
    public init(sourceIndex index: Int) throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw BenchFailure("pipe: \(Errno.current.description)") }
        pid = try spawn(["/usr/bin/pactl", "subscribe"], stdout: ends[1], quiet: true)
        close(ends[1])
        let input = ends[0]
        let wanted = "Event 'change' on source #\(index)"
        let thread = Thread { [self] in
            var pending = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(input, &buffer, buffer.count)
                if count <= 0 { return }
                let now = ContinuousClock.now
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    if line == wanted {
                        arrivals.withLock { $0.append(now) }
                        signal.signal()
                    }
                }
            }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.5)  // let pactl connect and subscribe
    }

    /// Forgets what arrived so far.
    public func reset() {
        arrivals.withLock { $0.removeAll() }
        while signal.wait(timeout: .now()) == .success {}
    }

    /// The arrival time of the next change, or nil after two seconds.
    public func next() -> ContinuousClock.Instant? {
        guard signal.wait(timeout: .now() + 2) == .success else { return nil }
        return arrivals.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    public func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// Starts a program the way a shell script would (fork and exec, here
/// posix_spawn), with the current environment.
public func spawn(_ arguments: [String], stdout: Int32? = nil, quiet: Bool = false, environment extra: [String: String] = [:]) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdout { posix_spawn_file_actions_adddup2(&actions, stdout, 1) }
    let devnull = open("/dev/null", O_WRONLY)
    defer { close(devnull) }
    if stdout == nil { posix_spawn_file_actions_adddup2(&actions, devnull, 1) }
    if quiet { posix_spawn_file_actions_adddup2(&actions, devnull, 2) }
    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { $1 }
    switch ChildSpawn.start(arguments, environment: environment.map { "\($0)=\($1)" }, actions: &actions) {
    case let .success(pid): return pid
    case let .failure(failure): throw BenchFailure("cannot start \(arguments[0]): \(Errno(rawValue: failure.errno).description)")
    }
}

public struct BenchFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
