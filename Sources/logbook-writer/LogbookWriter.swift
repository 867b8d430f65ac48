import Foundation
import Logbook
import Room

/// A process for the logbook's crash test: it appends entries as fast as it
/// can and prints each entry's number on stdout once `append` has returned
/// (the entry is on the disk). The test kills it with SIGKILL mid-stream and
/// checks that every number it printed is in the logbook.
///
///     logbook-writer <directory> <first number> <count> [<big every n>]
///
/// Every n-th entry carries a note of a few hundred kilobytes, so that a kill
/// lands in the middle of a write now and then and leaves a torn line.
@main
struct LogbookWriter {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, let first = Int(arguments[2]), let count = Int(arguments[3]) else {
            FileHandle.standardError.write(Data("usage: logbook-writer <directory> <first number> <count> [<big every n>]\n".utf8))
            exit(2)
        }
        let bigEvery = arguments.count > 4 ? Int(arguments[4]) ?? 0 : 0
        do {
            let logbook = try Logbook(directory: arguments[1], timeZone: TimeZone(identifier: "UTC")!)
            for number in first..<(first + count) {
                let big = bigEvery > 0 && number % bigEvery == 0
                let note = big ? String(repeating: "re-seated the cable; ", count: 20_000) : "re-seated the cable"
                try await logbook.append(LogEntry(time: Date(), record: .fixed(incident: number, note: note, by: "logbook-writer")))
                FileHandle.standardOutput.write(Data("\(number)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("logbook-writer: \(error)\n".utf8))
            exit(1)
        }
    }
}
