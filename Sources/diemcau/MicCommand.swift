/// `diemcau mic`: list, mute, unmute and read the microphone channels.
enum MicCommand: Subcommand {
    static let name = "mic"
    static let summary = "list, mute, unmute and read the microphone channels"

    static func run(_ arguments: [String]) async -> Int32 {
        warn("diemcau mic: not available in this build yet (issue 3).")
        return 69
    }
}
