#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX thread that runs one closure and ends with it: the blocking
/// readers (`poll(2)` on a serial port, a mixer, a socket) each have one.
///
/// Foundation's `Thread` would do the same, but linking Foundation costs the
/// daemon about 5 MB of resident memory; `FoundationEssentials` has no
/// threads, so this is the part of it the drivers need.
public enum DetachedThread {
    /// Starts `body` on a new detached thread named `name` (the kernel keeps
    /// 15 bytes of it: what `top -H` and `/proc/PID/task/*/comm` show).
    /// The daemon's own threads (the reactor, signals, the logbook) start
    /// with it: without them it cannot run, and it stops saying why.
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        if let failure = startIfPossible(name: name, body) {
            fatalError("DetachedThread: pthread_create for \(name) failed: \(failure.description)")
        }
    }

    /// Starts `body` on a new thread, or says why the system would not
    /// (EAGAIN: the unit's TasksMax, or memory): for a thread a request
    /// asks for (a report, a connection attempt), whose failure is that
    /// request's, not the room's.
    public static func startIfPossible(name: String, _ body: @escaping @Sendable () -> Void) -> Errno? {
        let context = Unmanaged.passRetained(Body(name: name, run: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let created = spawn(&attributes, context)
        pthread_attr_destroy(&attributes)
        guard created == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return Errno(rawValue: created)
        }
        return nil
    }

    private static func spawn(_ attributes: UnsafePointer<pthread_attr_t>, _ context: UnsafeMutableRawPointer) -> Int32 {
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        return pthread_create(&thread, attributes, entry, context)
    }

    private static let entry: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
        guard let context else { return nil }
        let body = Unmanaged<Body>.fromOpaque(context).takeRetainedValue()
        nameThisThread(body.name)
        body.run()
        return nil
    }

    /// `pthread_setname_np` is not in Swift's Glibc module (it wants
    /// `_GNU_SOURCE`); writing the thread's `comm` file does the same.
    private static func nameThisThread(_ name: String) {
        #if os(Linux)
        let file = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard file >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        #endif
    }

    private final class Body: Sendable {
        let name: String
        let run: @Sendable () -> Void
        init(name: String, run: @escaping @Sendable () -> Void) {
            self.name = name
            self.run = run
        }
    }
}
