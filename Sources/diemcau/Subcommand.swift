import Foundation

/// One word of `diemcau <word> ...`. Each area of the room (camera, microphones,
/// terminal, configuration) keeps its subcommand in a file of its own.
protocol Subcommand {
    /// The word typed after `diemcau`.
    static var name: String { get }
    /// One line for `diemcau --help`.
    static var summary: String { get }
    /// Runs with the words after the subcommand's name; returns the exit status.
    static func run(_ arguments: [String]) async -> Int32
}

/// Writes a line to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
