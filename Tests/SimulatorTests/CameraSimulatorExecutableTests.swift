#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import VISCA

/// `visca-sim` as a technician runs it: the built executable, its output, its signals.
@Suite struct CameraSimulatorExecutableTests {
    /// The executable next to the test bundle in `.build/debug`.
    static var executable: URL? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("visca-sim")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Starts `visca-sim` on TCP with `arguments`; returns the process, the port its first line
    /// names, and its standard output. Keep the pipe until the process has ended: dropping it
    /// closes its descriptor while the test still runs, and a test that did so hung.
    static func launchOnTCP(_ arguments: [String]) throws -> (Process, UInt16, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--tcp", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line says where it listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.hasPrefix("tcp "))
        let port = UInt16(text.dropFirst(4))
        if port == nil { process.terminate() }
        return (process, try #require(port, "no port in visca-sim's first line: \(text)"), output)
    }

    @Test(.enabled(if: executable != nil, "build visca-sim first: swift build --build-tests"))
    func servesTCPAndStopsOnSIGTERM() async throws {
        let (process, port, output) = try Self.launchOnTCP(["--cameras", "2"])
        defer { if process.isRunning { process.terminate() } }
        let controller = try RawController(tcpPort: port)
        controller.send([0x88, 0x30, 0x01, 0xFF])
        #expect(await controller.next() == [0x88, 0x30, 0x03, 0xFF])
        controller.close()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        output.fileHandleForReading.closeFile()
    }

    /// A parent that has read the port may stop the simulator at once: the
    /// signal is heard, and the exit is clean, however early it comes.
    @Test(.enabled(if: executable != nil, "build visca-sim first: swift build --build-tests"))
    func aSIGTERMRightAfterThePortLineStopsItCleanly() async throws {
        for _ in 0..<5 {
            let (process, _, output) = try Self.launchOnTCP([])
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 0,
                    "visca-sim \(process.terminationReason == .exit ? "exited \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)")")
            output.fileHandleForReading.closeFile()
        }
    }

    @Test(.enabled(if: executable != nil, "build visca-sim first: swift build --build-tests"))
    func noInterfaceClearEchoOption() async throws {
        let (process, port, output) = try Self.launchOnTCP(["--no-if-clear-echo"])
        defer {
            process.terminate()
            process.waitUntilExit()
            output.fileHandleForReading.closeFile()
        }
        let controller = try RawController(tcpPort: port)
        defer { controller.close() }
        controller.send([0x88, 0x01, 0x00, 0x01, 0xFF])
        #expect(await controller.staysQuiet(for: .milliseconds(300)))
        controller.send([0x81, 0x01, 0x00, 0x01, 0xFF])
        #expect(await controller.next() == [0x90, 0x50, 0xFF])
    }

    @Test(.enabled(if: executable != nil, "build visca-sim first: swift build --build-tests"))
    func badOptionsExplainThemselves() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--baud", "19200"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(message.contains("--baud 19200: expected 9600 or 38400"))
    }
}
