import DemoRoom
import Foundation

/// `diemcau-demo`: the whole room with no hardware, a scripted meeting, the
/// logbook at the end. `Scripts/demo` starts PulseAudio and runs it.
@main
enum DemoMain {
    static func main() async {
        let environment = ProcessInfo.processInfo.environment
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: diemcau-demo <diemcaud executable> <room.json template>\n(Scripts/demo runs it)\n".utf8))
            exit(64)
        }
        let run = environment["DIEMCAU_DEMO_DIR"] ?? NSTemporaryDirectory() + "diemcau-demo-\(getpid())"
        let room = DemoRoom(DemoRoom.Options(
            runDirectory: run, daemon: arguments[1], template: arguments[2],
            alsaConfiguration: environment["DIEMCAU_ALSA_CONF"]))
        do {
            print("Starting the demo room in \(run): camera simulator on a pseudo-terminal, Poly terminal simulator, PulseAudio microphones, diemcaud")
            try await room.start()
            print(String(format: "diemcaud is READY after %.0f ms\n", (await room.secondsToReady ?? 0) * 1000))
            for (number, step) in DemoMeeting.steps.enumerated() {
                print("\(number + 1). \(step.title)")
                print("   → " + (try await step.run(room)))
            }
            let status = await room.stop()
            print("\ndiemcaud stopped on SIGTERM with exit status \(status.map(String.init) ?? "none (killed)")")
            await room.tearDown()
            let logbook = try await room.logbook()
            print("\n=== Logbook of the meeting ===\n" + logbook.entries)
            print("\n=== Report for the period ===\n" + logbook.report)
            exit(status == 0 ? 0 : 1)
        } catch {
            print("\nThe demo stopped: \(error)")
            print("\n--- diemcaud's log ---\n" + room.daemonLog())
            await room.tearDown()
            exit(1)
        }
    }
}
