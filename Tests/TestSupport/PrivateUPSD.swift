import Foundation
import Glibc

/// A private Network UPS Tools instance (Scripts/ups-up): one dummy-ups
/// driver per .dev file this test writes, and upsd on a loopback port of
/// its own. Stopped (by its recorded process ids) when the value goes.
public final class PrivateUPSD {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public let directory: URL
    public let port: UInt16

    /// `devices`: each UPS's name and its .dev file's lines ("ups.status: OL").
    public init(_ devices: [String: [String]]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diemcau-ups-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, lines) in devices {
            try Self.write(lines, to: directory.appendingPathComponent("\(name).dev"))
        }
        self.directory = directory
        // A free port, released just before upsd takes it.
        let socket = try loopbackSocket(SOCK_STREAM)
        port = socket.port
        close(socket.fd)
        let (status, output) = try runToEnd(Self.script("ups-up"), [directory.path, String(port)])
        guard status == 0 else {
            stop()
            throw Failure(description: "Scripts/ups-up failed (\(status)): \(output)")
        }
    }

    deinit { stop() }

    /// Writes the UPS's .dev file anew: dummy-ups reads it at its next poll.
    public func rewrite(_ ups: String, _ lines: [String]) throws {
        try Self.write(lines, to: directory.appendingPathComponent("\(ups).dev"))
    }

    private static func write(_ lines: [String], to file: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    /// `upsc UPS@127.0.0.1:PORT VARIABLE`: NUT's own client, as an independent peer.
    public func upsc(_ ups: String, _ variable: String) throws -> String {
        let (status, output) = try runToEnd("/usr/bin/upsc", ["\(ups)@127.0.0.1:\(port)", variable])
        guard status == 0 else { throw Failure(description: "upsc \(ups) \(variable) failed: \(output)") }
        // upsc says "Init SSL without certificate database" on stderr, mixed into the output.
        return output.split(separator: "\n").last.map(String.init) ?? ""
    }

    private func stop() {
        _ = try? runToEnd(Self.script("ups-down"), [directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    private static func script(_ name: String) -> String { repository.appendingPathComponent("Scripts/\(name)").path }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}
