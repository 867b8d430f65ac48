import DemoRoom
import Foundation
import PulseProbe
import Support

/// `daemon-bench`: the daemon as the room sees it, on the demo room.
/// - start to READY=1 over several starts;
/// - a mute sent by the MCU centre over TCP until PulseAudio reports the
///   source changed (`pactl subscribe`, a tool we did not write);
/// - the idle daemon's resident memory and its wake-ups per second.
///
/// Usage: daemon-bench <diemcaud> <room.json template> [rounds]; run
/// `eval "$(Scripts/pulse-up)"` first.
@main
enum DaemonBench {
    /// Control requests in the soak (the fifth argument).
    nonisolated(unsafe) static var soakRequests = 1_000_000

    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3 else {
            print("usage: daemon-bench <diemcaud executable> <room.json template> [rounds] [soak requests]")
            exit(64)
        }
        let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200
        soakRequests = arguments.count > 4 ? Int(arguments[4]) ?? 1_000_000 : 1_000_000
        do {
            try await run(daemon: arguments[1], template: arguments[2], rounds: rounds)
        } catch {
            print("daemon-bench: \(error)")
            exit(1)
        }
    }

    static func room(_ daemon: String, _ template: String, _ run: Int) -> DemoRoom {
        DemoRoom(DemoRoom.Options(
            runDirectory: NSTemporaryDirectory() + "diemcau-bench-\(getpid())-\(run)", daemon: daemon, template: template,
            alsaConfiguration: ProcessInfo.processInfo.environment["DIEMCAU_ALSA_CONF"]))
    }

    static func run(daemon: String, template: String, rounds: Int) async throws {
        guard ProcessInfo.processInfo.environment["DIEMCAU_ALSA_CONF"] != nil else {
            throw BenchFailure("no PulseAudio mixers: run  eval \"$(Scripts/pulse-up)\"  first")
        }

        // Start to READY.
        var starts: [Duration] = []
        for run in 1...10 {
            let room = room(daemon, template, run)
            try await room.start()
            if let seconds = await room.secondsToReady { starts.append(.seconds(seconds)) }
            await room.tearDown()
        }
        let ready = Figures(starts)
        print("start → READY=1 (n=\(starts.count)): p50 \(ready.p50), max \(String(format: "%.3f ms", ready.sorted.last ?? .nan))  [goal ≤ 150 ms]")

        // Mute over TCP → pactl: back to back (each command as soon as
        // PulseAudio showed the last one: a mixer set is a write and a
        // read-back, and the next command queues behind the read-back), then
        // spaced as people and the MCU send them.
        let room = room(daemon, template, 0)
        try await room.start()
        // Idle before any meeting: the daemon unmaps its start-up code 3 s
        // after READY=1.
        try await Task.sleep(for: .seconds(5))
        if let pid = await room.processIdentifier {
            let memory = memoryKilobytes(pid)
            print("idle daemon before any command: RSS \(memory.resident / 1024) MB (\(memory.resident) kB: \(memory.anonymous) kB anonymous, \(memory.resident - memory.anonymous) kB mapped from files)  [goal ≤ 12 MB]")
            print("  largest: " + residentByMapping(pid).prefix(8).map { "\($0.name) \($0.kilobytes) kB" }.joined(separator: ", "))
        }
        let source = await room.sources()["mic2"] ?? "mic2"
        var spacedMutes: Figures?
        let changes = try SourceChanges(sourceIndex: try Pulse.sourceIndex(source))
        // What the control path alone costs, to set the mute figures against:
        // a status asked and answered over the same TCP link.
        var statuses: [Duration] = []
        for _ in 0..<rounds {
            let asked = ContinuousClock.now
            guard case .ok = try await room.mcu("status") else { throw BenchFailure("status refused") }
            statuses.append(ContinuousClock.now - asked)
        }
        let status = Figures(statuses)
        print("MCU status over TCP, asked → answered (n=\(statuses.count)): p50 \(status.p50), p99 \(status.p99)")
        for (label, gap) in [("back to back", Duration.zero), ("20 ms apart", .milliseconds(20))] {
            var mutes: [Duration] = [], unmutes: [Duration] = [], answers: [Duration] = []
            let clock = ContinuousClock()
            for round in 0..<rounds {
                changes.reset()
                let granted = clock.now
                guard case .ok = try await room.mcu("floor grant mic2") else { throw BenchFailure("floor grant refused") }
                guard let opened = changes.next() else { throw BenchFailure("pactl saw no unmute (round \(round))") }
                unmutes.append(opened - granted)
                if gap > .zero { try await Task.sleep(for: gap) }
                let muted = clock.now
                guard case .ok = try await room.mcu("mute mic2") else { throw BenchFailure("mute refused") }
                let answered = clock.now
                guard let closed = changes.next() else { throw BenchFailure("pactl saw no mute (round \(round))") }
                mutes.append(closed - muted)
                answers.append(answered - muted)
                if gap > .zero { try await Task.sleep(for: gap) }
            }
            let mute = Figures(mutes), unmute = Figures(unmutes)
            print("MCU mute over TCP → pactl sees the source muted, \(label) (n=\(mutes.count)): p50 \(mute.p50), p99 \(mute.p99)  [goal p50 ≤ 2 ms]")
            print("MCU floor grant over TCP → pactl sees it unmuted, \(label) (n=\(unmutes.count)): p50 \(unmute.p50), p99 \(unmute.p99)")
            let answer = Figures(answers)
            print("MCU mute over TCP → OK (mixer read back, logbook entry fsynced), \(label) (n=\(answers.count)): p50 \(answer.p50), p99 \(answer.p99)  [goal p50 ≤ 3 ms]")
            if gap > .zero { spacedMutes = mute }
        }
        guard room.pulseSourceMuted(source) == true else { throw BenchFailure("pactl does not show \(source) muted at the end") }
        changes.stop()

        // The idle daemon: right after the burst, and once it has settled
        // (time-outs armed during the burst, cancelled or not, run out).
        guard let pid = await room.processIdentifier else { throw BenchFailure("the daemon is gone") }
        let idleSeconds = 20.0
        for (label, pause) in [("right after the mutes", 3.0), ("settled", 10.0)] {
            try await Task.sleep(for: .seconds(pause))
            let before = contextSwitches(pid)
            try await Task.sleep(for: .seconds(idleSeconds))
            let after = contextSwitches(pid)
            print(String(format: "idle daemon, %@: %.2f wake-ups/s over %.0f s (context switches of all its threads)  [goal: the watchdog only; here WATCHDOG_USEC=10 s → 0.2/s]",
                         label, Double(wakeUps(from: before, to: after)) / idleSeconds, idleSeconds))
            print("  by thread: " + wakeUpsByThread(pid, from: before, to: after))
        }
        let memory = memoryKilobytes(pid)
        print("idle daemon after the rounds: RSS \(memory.resident / 1024) MB (\(memory.resident) kB: \(memory.anonymous) kB anonymous, \(memory.resident - memory.anonymous) kB mapped from files)  [goal ≤ 12 MB]")
        print("  its own share: PSS \(memory.proportional) kB (shared pages divided among the processes that map them); private \(memory.private) kB")
        print("  largest: " + residentByMapping(pid).prefix(8).map { "\($0.name) \($0.kilobytes) kB" }.joined(separator: ", "))
        print("threads: \(threadCount(pid)) (\(threadNames(pid)))")
        if let port = await room.controlPort {
            // Four more control clients, connected and idle (not logged in).
            let clients = (0..<4).compactMap { _ in
                try? connectedSocket(host: "127.0.0.1", port: port, type: Int32(SOCK_STREAM.rawValue), timeout: 1000)
            }
            try await Task.sleep(for: .seconds(1))
            print("threads with \(clients.count) more control clients connected: \(threadCount(pid)) (\(threadNames(pid)))")
            for client in clients { client.close() }
        }
        await room.tearDown()

        // The same mute as a script would do it, with no daemon there to
        // revert an unmute nobody granted.
        if let daemonMutes = spacedMutes {
            let amixerChanges = try SourceChanges(sourceIndex: try Pulse.sourceIndex(source))
            let shell = try amixerRounds(source: source, changes: amixerChanges, rounds: min(rounds, 100))
            amixerChanges.stop()
            print("the same mute spawning amixer as a script would → pactl sees it (n=\(shell.sorted.count)): p50 \(shell.p50), p99 \(shell.p99)")
            print(String(format: "  ratio amixer/daemon (20 ms apart): p50 %.1fx  p99 %.1fx  [goal ≥ 5x]",
                         shell.p50Value / daemonMutes.p50Value, shell.p99Value / daemonMutes.p99Value))
        }

        try await Soak.run(daemon: daemon, template: template, requests: soakRequests)
        try await Detection.run(daemon: daemon, template: template)
    }

    /// The mute as a shell script would do it: `amixer sset Capture nocap`
    /// spawned, until pactl sees the change.
    static func amixerRounds(source: String, changes: SourceChanges, rounds: Int) throws -> Figures {
        guard let conf = ProcessInfo.processInfo.environment["DIEMCAU_ALSA_CONF"] else { throw BenchFailure("no DIEMCAU_ALSA_CONF") }
        var seen: [Duration] = []
        // The daemon left every microphone muted: the first round opens it.
        var mute = true
        for round in 0..<rounds {
            mute.toggle()
            changes.reset()
            let start = ContinuousClock.now
            let pid = try spawn(["/usr/bin/amixer", "-q", "-D", source, "sset", "Capture", mute ? "nocap" : "cap"],
                                environment: ["ALSA_CONFIG_PATH": "/usr/share/alsa/alsa.conf:\(conf)"])
            guard let changed = changes.next() else { throw BenchFailure("pactl saw no change after amixer (round \(round))") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            seen.append(changed - start)
        }
        return Figures(seen)
    }

    /// Voluntary and involuntary context switches per thread: each is a thread
    /// waking up or being preempted. Threads that come and go between two
    /// samples count from zero.
    static func contextSwitches(_ pid: Int32) -> [String: Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var counts: [String: Int] = [:]
        for task in tasks {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
            counts[task] = text.split(separator: "\n").filter { $0.contains("ctxt_switches:") }
                .compactMap { Int($0.split(separator: "\t").last?.trimmingCharacters(in: .whitespaces) ?? "") }.reduce(0, +)
        }
        return counts
    }

    /// The threads that woke, by name, with how often.
    static func wakeUpsByThread(_ pid: Int32, from before: [String: Int], to after: [String: Int]) -> String {
        var byName: [String: Int] = [:]
        for (task, count) in after {
            let woke = max(0, count - (before[task] ?? 0))
            guard woke > 0 else { continue }
            let name = ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/comm", encoding: .utf8)) ?? task)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            byName[name, default: 0] += woke
        }
        return byName.isEmpty ? "none" : byName.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// Resident memory by what it maps (a file, or [heap], [stack], or
    /// "anonymous"), largest first, from /proc/PID/smaps.
    static func residentByMapping(_ pid: Int32) -> [(name: String, kilobytes: Int)] {
        let text = procFile("/proc/\(pid)/smaps")
        var byName: [String: Int] = [:]
        var current = "anonymous"
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = fields.first else { continue }
            if first.contains("-"), fields.count >= 5 {
                current = fields.count >= 6 ? String(fields[5...].joined(separator: " ")).split(separator: "/").last.map(String.init) ?? "anonymous" : "anonymous"
            } else if first == "Rss:", fields.count >= 2 {
                byName[current, default: 0] += Int(fields[1]) ?? 0
            }
        }
        return byName.map { (name: $0.key, kilobytes: $0.value) }.sorted { $0.kilobytes > $1.kilobytes }
    }

    /// A /proc file read to its end: Foundation's String(contentsOfFile:)
    /// stops short on these files, whose size reads as 0.
    static func procFile(_ path: String) -> String {
        String(decoding: (try? WholeFile.read(path)) ?? [], as: UTF8.self)
    }

    static func wakeUps(from before: [String: Int], to after: [String: Int]) -> Int {
        after.reduce(0) { total, entry in total + max(0, entry.value - (before[entry.key] ?? 0)) }
    }

    /// VmRSS, and the anonymous part of it (heap, stacks, written data),
    /// from /proc/PID/smaps_rollup.
    static func memoryKilobytes(_ pid: Int32) -> (resident: Int, anonymous: Int, proportional: Int, private: Int) {
        let text = procFile("/proc/\(pid)/smaps_rollup")
        func field(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? 0
        }
        return (field("Rss"), field("Anonymous"), field("Pss"), field("Private_Clean") + field("Private_Dirty"))
    }

    /// Its threads' names, each with how many carry it.
    static func threadNames(_ pid: Int32) -> String {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let names = tasks.map { procFile("/proc/\(pid)/task/\($0)/comm").trimmingCharacters(in: .whitespacesAndNewlines) }
        return Dictionary(grouping: names, by: { $0 }).sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value.count)" }.joined(separator: ", ")
    }

    static func threadCount(_ pid: Int32) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []).count
    }
}
