import Foundation

/// The names threads carry in /proc (the kernel keeps 15 bytes): what the
/// daemon's threads are called, and whether a thread is one of ours.
public enum ThreadNames {
    /// The calling thread's name.
    public static func current() -> String {
        read("/proc/thread-self/comm") ?? ""
    }

    /// The names of every thread of process `pid` (this process by default).
    public static func of(_ pid: Int32 = getpid()) -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { read("/proc/\(pid)/task/\($0)/comm") }
    }

    private static func read(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
