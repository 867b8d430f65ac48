import DemoRoom
import Foundation
import PulseProbe

/// How long the room takes to notice a silent camera and a silent terminal
/// (a `codec-sim` process stopped with SIGSTOP), idle and in a meeting: from
/// the moment each goes quiet to `EVENT device ... state=offline|silent`.
enum Detection {
    static func run(daemon: String, template: String) async throws {
        let simulator = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("codec-sim").path
        guard FileManager.default.isExecutableFile(atPath: simulator) else {
            print("silent devices: skipped, \(simulator) is not built (swift build -c release --product codec-sim)")
            return
        }
        for phase in ["preparation", "idle"] {
            let terminal = try startSimulator(simulator)
            var options = DemoRoom.Options(
                runDirectory: NSTemporaryDirectory() + "diemcau-bench-\(getpid())-detect-\(phase)", daemon: daemon, template: template,
                alsaConfiguration: ProcessInfo.processInfo.environment["DIEMCAU_ALSA_CONF"])
            options.terminalPort = terminal.port
            let room = DemoRoom(options)
            try await room.start()
            if phase != "idle" { _ = try await room.technician("phase \(phase)") }
            try await Task.sleep(for: .seconds(2))

            let quiet = Date()
            await room.camera.setSilent(true)
            let camera = try await room.event(timeout: 60) { $0.topic == "device" && $0.value("part") == "camera" && $0.value("state") == "offline" }
            let cameraSeconds = Date().timeIntervalSince(quiet)
            await room.camera.setSilent(false)
            _ = try await room.event(timeout: 60) { $0.topic == "device" && $0.value("part") == "camera" && $0.value("state") == "online" }

            let stopped = Date()
            kill(terminal.pid, SIGSTOP)
            let silent = try await room.event(timeout: 60) { $0.topic == "device" && $0.value("part") == "terminal" && $0.value("state") == "silent" }
            let terminalSeconds = Date().timeIntervalSince(stopped)
            kill(terminal.pid, SIGCONT)
            let bound = phase == "idle" ? "≤ 35 s" : "≤ 2 s"
            print(String(format: "silent camera noticed, %@: %@  [goal %@]", phase, camera == nil ? "never (60 s)" : String(format: "%.2f s", cameraSeconds), bound))
            print(String(format: "silent terminal (SIGSTOP) noticed, %@: %@  [goal %@]", phase, silent == nil ? "never (60 s)" : String(format: "%.2f s", terminalSeconds), bound))
            await room.tearDown()
            kill(terminal.pid, SIGKILL)
            var status: Int32 = 0
            waitpid(terminal.pid, &status, 0)
        }
    }

    static func startSimulator(_ path: String) throws -> (pid: pid_t, port: UInt16) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw BenchFailure("pipe failed") }
        let pid = try spawn([path, "--dialect", "poly", "--port", "0", "--password", "demo-password-7"], stdout: ends[1])
        close(ends[1])
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 512)
        while !text.contains("\n") {
            let count = read(ends[0], &buffer, buffer.count)
            guard count > 0 else { break }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        // The read end stays open: a simulator writing to a closed pipe would die of SIGPIPE.
        guard let range = text.range(of: "127.0.0.1:"), let port = UInt16(text[range.upperBound...].prefix { $0.isNumber }) else {
            throw BenchFailure("codec-sim did not say where it listens: \(text)")
        }
        return (pid, port)
    }
}
