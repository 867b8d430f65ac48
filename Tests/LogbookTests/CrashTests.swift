import Foundation
import Testing
@testable import Logbook
import Room

#if canImport(Glibc)
import Glibc
#endif

/// A writer process killed with SIGKILL again and again, mid-stream: every
/// entry it acknowledged must be in the logbook afterwards, whole.
@Suite(.serialized) struct CrashTests {
    static let rounds = 30

    @Test func everyAcknowledgedEntrySurvivesSIGKILL() async throws {
        let writer = try #require(Self.writerExecutable(), "logbook-writer is not built: run swift build --build-tests")
        let directory = temporaryDirectory()
        var acknowledged: [Int] = []
        for round in 0..<Self.rounds {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: writer)
            // Every 5th entry is a few hundred kilobytes, so some kills land mid-write.
            process.arguments = [directory, String(round * 1_000_000), "900000", "5"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Kill after 40–240 ms, a different moment each round (73 is prime to 200).
            try await Task.sleep(for: .milliseconds(40 + (round * 73) % 200))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the writer should still be writing when killed")
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Only whole lines count: a number cut short was not acknowledged.
            let lines = printed.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            acknowledged += lines.compactMap { Int($0) }
        }
        #expect(acknowledged.count > Self.rounds, "the writer acknowledged too little to prove anything")

        let reading = try LogbookReader(directory: directory, timeZone: utc).read()
        let present = Set(reading.entries.compactMap { entry -> Int? in
            if case .fixed(let number, _, "logbook-writer") = entry.record { number } else { nil }
        })
        let missing = acknowledged.filter { !present.contains($0) }
        #expect(missing.isEmpty, "acknowledged but not in the logbook: \(missing.prefix(10))")
        // A kill leaves at most one torn line behind it.
        #expect(reading.damaged.count <= Self.rounds)
        print("crash test: \(Self.rounds) kills, \(acknowledged.count) acknowledged, \(reading.entries.count) read back, "
            + "\(reading.damaged.count) torn lines skipped")
    }

    /// The writer sits next to the test bundle in the build folder.
    static func writerExecutable() -> String? {
        var candidates: [String] = []
        let arguments = CommandLine.arguments
        if let first = arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().path + "/logbook-writer")
        }
        candidates += arguments.filter { $0.hasSuffix(".xctest") }.map {
            URL(fileURLWithPath: $0).deletingLastPathComponent().path + "/logbook-writer"
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.path + "/.build/debug/logbook-writer")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
