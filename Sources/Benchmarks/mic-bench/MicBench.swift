import Foundation
import Glibc
import Microphones
import PulseProbe

/// Mute latency: from the call to the switch changed as PulseAudio's other
/// clients see it (`pactl subscribe` reports the source's change), for the
/// driver and for what a shell-script controller does — spawning
/// `amixer -D <device> sset <element> nocap` — in the same run, on the same
/// null source behind the same alsa-lib pulse ctl device.
///
///     eval "$(Scripts/pulse-up)"
///     swift build -c release --product mic-bench && .build/release/mic-bench
@main
enum MicBench {
    static let driverRounds = 400
    static let amixerRounds = 100
    static let warmUp = 10

    static func main() async {
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("mic-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let conf = environment["DIEMCAU_ALSA_CONF"], environment["PULSE_SERVER"] != nil else {
            throw BenchFailure("no PulseAudio mixers: run  eval \"$(Scripts/pulse-up)\"  first")
        }
        let source = "mic1"
        let index = try Pulse.sourceIndex(source)
        let changes = try SourceChanges(sourceIndex: index)
        defer { changes.stop() }

        // The driver.
        let bank = try MicrophoneBank(channels: [MicChannel(name: "chair", device: source, element: "Capture")],
                                      alsaConfiguration: conf)
        let problems = await bank.start()
        guard problems.isEmpty else { throw BenchFailure("\(problems)") }
        var driverSeen: [Duration] = []
        var driverReturned: [Duration] = []
        var state = MicState.muted
        for round in 0..<(warmUp + driverRounds) {
            state = state == .muted ? .live : .muted
            changes.reset()
            let start = ContinuousClock.now
            try await bank.set("chair", to: state)
            let returned = ContinuousClock.now
            guard let seen = changes.next() else { throw BenchFailure("pactl saw no change after the driver's \(state) (round \(round))") }
            try check(source, state)
            if round >= warmUp {
                driverSeen.append(seen - start)
                driverReturned.append(returned - start)
            }
        }
        await bank.stop()

        // amixer, spawned as a shell script would.
        let amixer = ["/usr/bin/amixer", "-q", "-D", source, "sset", "Capture"]
        var amixerSeen: [Duration] = []
        var amixerExited: [Duration] = []
        for round in 0..<(warmUp + amixerRounds) {
            state = state == .muted ? .live : .muted
            changes.reset()
            let start = ContinuousClock.now
            let pid = try spawn(amixer + [state == .muted ? "nocap" : "cap"],
                                environment: ["ALSA_CONFIG_PATH": "/usr/share/alsa/alsa.conf:\(conf)"])
            guard let seen = changes.next() else { throw BenchFailure("pactl saw no change after amixer (round \(round))") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            let exited = ContinuousClock.now
            guard status == 0 else { throw BenchFailure("amixer failed with status \(status)") }
            try check(source, state)
            if round >= warmUp {
                amixerSeen.append(seen - start)
                amixerExited.append(exited - start)
            }
        }

        let driver = Figures(driverSeen), returned = Figures(driverReturned)
        let shell = Figures(amixerSeen), shellExit = Figures(amixerExited)
        print("mic-bench: mute/unmute of '\(source)' (PulseAudio null source via alsa-lib's pulse ctl plugin)")
        print("latency from the call to the change as pactl subscribe sees it:")
        print("  driver  MicrophoneBank.set   n=\(driverSeen.count)  p50 \(driver.p50)  p99 \(driver.p99)")
        print("  shell   amixer sset nocap    n=\(amixerSeen.count)  p50 \(shell.p50)  p99 \(shell.p99)")
        print(String(format: "  ratio amixer/driver: p50 %.1fx  p99 %.1fx", shell.p50Value / driver.p50Value, shell.p99Value / driver.p99Value))
        print("until the call is done:")
        print("  driver  set, read back, verified  p50 \(returned.p50)  p99 \(returned.p99)")
        print("  shell   amixer process exited     p50 \(shellExit.p50)  p99 \(shellExit.p99)")
        let goal = driver.p50Value <= 2.0 && shell.p50Value / driver.p50Value >= 5
        print("goal (p50 <= 2 ms and >= 5x faster than amixer): \(goal ? "met" : "NOT met")")
    }

    /// Checks the source's mute with pactl, outside the timed part.
    static func check(_ source: String, _ state: MicState) throws {
        let muted = Pulse.sourceMuted(source)
        guard muted == (state == .muted) else {
            throw BenchFailure("pactl reads \(muted.map { $0 ? "muted" : "unmuted" } ?? "nothing") for \(source) after setting \(state)")
        }
    }
}
