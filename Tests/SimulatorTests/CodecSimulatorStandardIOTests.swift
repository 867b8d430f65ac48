import Foundation
import Testing

/// `codec-sim --stdio`: one session on standard input and output, as sshd
/// runs it for an SSH session (Cisco's xAPI over SSH: the same lines).
@Suite struct CodecSimulatorStandardIOTests {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("codec-sim")

    @Test func aCiscoSessionAlreadyLoggedInThenTheSameXAPILinesAndExitAtTheEnd() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--dialect", "cisco", "--stdio", "--name", "Phong hop"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        input.fileHandleForWriting.write(Data("echo off\r\nxStatus Audio Microphones Mute\r\n".utf8))
        try input.fileHandleForWriting.close()
        // Standard input ends: the session is over and codec-sim exits.
        let received = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(received == """
            Welcome to Phong hop\r
            Cisco Codec Release ce9.15.3.17 2fdb8f9d4b0\r
            SW Release Date: 2023-05-10\r
            *r Login successful\r
            \r
            OK\r
            \r
            echo off\r
            \r
            OK\r
            *s Audio Microphones Mute: Off\r
            ** end\r
            \r
            OK\r

            """, "banner and login, no login prompt (SSH logged in), then xAPI: \(received.debugDescription)")
    }
}
