/// `diemcau codec`: the terminal: status, calls, and its events as they come.
enum CodecCommand {
    static let name = "codec"
    static let summary = "the terminal: status, calls, and its events as they come"

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static func run(_ arguments: [String]) async -> Int32 {
        warn("diemcau codec: not available in this build yet (issue 4).")
        return 69
    }
}
