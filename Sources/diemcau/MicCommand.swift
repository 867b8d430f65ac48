/// `diemcau mic`: list, mute, unmute and read the microphone channels.
enum MicCommand {
    static let name = "mic"
    static let summary = "list, mute, unmute and read the microphone channels"

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static func run(_ arguments: [String]) async -> Int32 {
        warn("diemcau mic: not available in this build yet (issue 3).")
        return 69
    }
}
