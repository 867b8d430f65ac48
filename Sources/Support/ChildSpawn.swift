#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Starting a child program with posix_spawn, in the signal state of a
/// fresh process: an empty signal mask (the daemon's threads and
/// Dispatch's block signals, and a child inherits the mask: it would ignore
/// SIGTERM) and default dispositions for the signals it must feel (an
/// ignored SIGPIPE is inherited too).
public enum ChildSpawn {
    public struct Failure: Error, Sendable {
        public let errno: Int32
    }

    /// Starts `arguments[0]` with `environment` (`NAME=value` each) and the
    /// file actions `actions` (its standard input, output and error).
    public static func start(
        _ arguments: [String], environment: [String], actions: UnsafePointer<posix_spawn_file_actions_t>
    ) -> Result<pid_t, Failure> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, arguments[0], actions, &attributes, argv, envp)
        return code == 0 ? .success(pid) : .failure(Failure(errno: code))
    }
}

/// A child process that is reaped once and never signalled after that
/// (its number could then belong to another process).
public final class ChildProcess: Sendable {
    private let pid: pid_t
    private let reaped = Mutex(false)

    public init(pid: pid_t) { self.pid = pid }

    /// Waits for the process to exit, then reaps it; its exit status.
    public func waitForExit() -> Int32 {
        var info = siginfo_t()
        _ = try? retryingOnInterrupt { waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) }
        return reaped.withLock { reaped in
            var status: Int32 = 0
            if !reaped { waitpid(pid, &status, 0) }
            reaped = true
            return (status >> 8) & 0xFF
        }
    }

    public func terminate() {
        reaped.withLock { reaped in
            if !reaped { kill(pid, SIGTERM) }
        }
    }
}
