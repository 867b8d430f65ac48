import Camera
import CameraSimulator
import Foundation
import Links
import VISCA

/// `camera-bench`: how close a preset recall over a 9600-baud serial line
/// comes to the time its bytes need on the wire, and how fast VISCA values
/// encode and decode. Release build: `swift build -c release --product
/// camera-bench && .build/release/camera-bench [runs]`.
@main
enum CameraBench {
    static func main() async throws {
        let runs = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 300
        try await recallOverPacedLine(runs: runs)
        try await recallUnpaced(runs: runs)
        codecThroughput()
    }

    /// Recalls over a pseudo-terminal to the simulator, which paces every byte
    /// at 9600 bit/s (1.042 ms a byte) both ways; moves complete at once, so
    /// what remains is the line and the software on both ends.
    static func recallOverPacedLine(runs: Int) async throws {
        let (toACK, toCompletion) = try await recalls(runs: runs, baudRate: .b9600)

        let byte = BaudRate.b9600.byteTime
        let command = try Command.preset(.recall, 1).encoded(for: try CameraAddress(1)).count
        let ackWire = byte * (command + 3)
        let completionWire = byte * (command + 3 + 3)
        print("preset recall over a PTY to the simulator at 9600 bit/s 8N1 (\(runs) runs)")
        print("  wire time: command \(command) B + ACK 3 B = \(format(ackWire)); + Completion 3 B = \(format(completionWire))")
        report("command -> ACK", toACK, wire: ackWire)
        report("command -> Completion", toCompletion, wire: completionWire)
        print("  goal: <= 1.1x wire time; driver overhead <= 0.5 ms at p99"
              + " (overhead = measured - wire: it also holds the simulator's and the PTY's share)")
    }

    /// The same recalls with no pacing: the round trip through the driver,
    /// two PTY hops and the simulator — an upper bound of the software's share.
    static func recallUnpaced(runs: Int) async throws {
        let (toACK, toCompletion) = try await recalls(runs: runs, baudRate: nil)
        print("the same recalls without pacing (software only: driver + PTY both ways + simulator)")
        report("command -> ACK", toACK, wire: nil)
        report("command -> Completion", toCompletion, wire: nil)
    }

    /// Times `runs` recalls (after 10 warm-up runs) over a PTY to a simulator paced at `baudRate`.
    static func recalls(runs: Int, baudRate: BaudRate?) async throws -> ([Duration], [Duration]) {
        let simulator = CameraSimulator(SimulatorConfiguration(model: .eviD70, timing: .instant, baudRate: baudRate))
        let path = try await simulator.startPseudoTerminal()
        let driver = CameraDriver(.tty(path), profile: .generic)
        try await driver.start()
        for preset in 0...1 { try await driver.store(preset: preset) }
        var toACK: [Duration] = []
        var toCompletion: [Duration] = []
        for run in 0..<(runs + 10) {
            let (_, times) = try await driver.executeTimed(.preset(.recall, run % 2))
            if run >= 10 {
                toACK.append(times.toFirstReply)
                toCompletion.append(times.toCompletion)
            }
        }
        await driver.close()
        await simulator.stop()
        return (toACK, toCompletion)
    }

    static func report(_ label: String, _ samples: [Duration], wire: Duration?) {
        let sorted = samples.sorted()
        let p50 = percentile(sorted, 0.50)
        let p99 = percentile(sorted, 0.99)
        guard let wire else {
            print("  \(label.padding(toLength: 22, withPad: " ", startingAt: 0)) p50 \(format(p50))  p99 \(format(p99))")
            return
        }
        func ratio(_ value: Duration) -> String { String(format: "%.3fx", value / wire) }
        print("  \(label.padding(toLength: 22, withPad: " ", startingAt: 0)) p50 \(format(p50)) (\(ratio(p50)) wire, overhead \(format(p50 - wire)))"
              + "  p99 \(format(p99)) (\(ratio(p99)) wire, overhead \(format(p99 - wire)))")
    }

    /// VISCA encode, decode and framing, in messages per second.
    static func codecThroughput() {
        let camera = CameraAddress.all[0]
        let commands: [Command] = [.preset(.recall, 3), .panTiltDrive(pan: .left, tilt: .up, panSpeed: 8, tiltSpeed: 8),
                                   .zoomDirect(position: 0x1234), .inquiry(.panTiltPosition)]
        let count = 1_000_000
        var checksum = 0
        var start = ContinuousClock.now
        for index in 0..<count {
            checksum &+= (try? commands[index & 3].encoded(for: camera))?.count ?? 0
        }
        let encode = ContinuousClock.now - start

        let replies: [[UInt8]] = [[0x90, 0x41, 0xFF], [0x90, 0x51, 0xFF], [0x90, 0x61, 0x41, 0xFF],
                                  [0x90, 0x50, 0x00, 0x01, 0x02, 0x03, 0x0F, 0x0E, 0x0D, 0x0C, 0xFF]]
        start = .now
        for index in 0..<count {
            if let reply = try? Reply(decoding: replies[index & 3]), case .acknowledged = reply.kind { checksum &+= 1 }
        }
        let decode = ContinuousClock.now - start

        let stream = Array(replies.joined())
        var framer = Framer()
        let rounds = count / replies.count
        start = .now
        for _ in 0..<rounds { checksum &+= framer.messages(in: stream).count }
        let framing = ContinuousClock.now - start

        print("VISCA values (\(count) messages each; checksum \(checksum))")
        print("  encode commands:  \(rate(count, encode)) messages/s")
        print("  decode replies:   \(rate(count, decode)) messages/s")
        print("  frame a stream:   \(rate(rounds * replies.count, framing)) messages/s")
    }

    static func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    static func format(_ duration: Duration) -> String {
        String(format: "%.3f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
    }

    static func rate(_ count: Int, _ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.0f", Double(count) / seconds)
    }
}
