import Foundation

/// One word of `diemcau <word> ...`. Each area of the room (camera, microphones,
/// terminal, configuration) keeps its subcommand in a file of its own and
/// offers it as a value here.
struct Subcommand: Sendable {
    /// The word typed after `diemcau`.
    let name: String
    /// One line for `diemcau --help`.
    let summary: String
    /// Runs with the words after the subcommand's name; returns the exit status.
    let run: @Sendable ([String]) async -> Int32
}

/// Writes a line to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
