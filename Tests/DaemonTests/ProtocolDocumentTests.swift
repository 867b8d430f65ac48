import Control
import DemoRoom
import Foundation
import Room
import Testing

/// The protocol document is behaviour: every example session in
/// docs/control-protocol.md (a fenced block starting `$ nc`, `$ socat` or
/// `$ printf ... | nc`) is run, in the document's order, against the real
/// daemon on a fresh demo room with the document's tokens, and every
/// `DIEMCAU`, `OK` and `ERR` line must be what the daemon answers, to the
/// byte. `EVENT` lines (and JSON events) must come too, in any order, as
/// the document says they may.
@Suite("docs/control-protocol.md is what the daemon does", .serialized)
struct ProtocolDocumentTests {
    static let document = RoomFixture.repository.appendingPathComponent("docs/control-protocol.md").path

    @Test("every example session of the protocol document, against the daemon")
    func everyExampleSessionMatches() async throws {
        let sessions = try DocumentSession.all(in: String(contentsOfFile: Self.document, encoding: .utf8))
        #expect(sessions.count >= 6, "found \(sessions.count) example sessions in \(Self.document)")
        let tokens: [Role: String] = [.mcu: "7Jq2xv0LrM4cT9pWq8Zr", .technician: "b3Nf8KdQ1sZy6Ha0Lm2X", .observer: "Vt5mE2cR9uXo4LgB0kQe"]
        let room = try RoomFixture.make("document", tokens: tokens) { $0.room.name = "UBND xã Tân Lập" }
        defer { Task { await room.tearDown() } }
        try await room.start()
        // The document's replies show a room whose devices all answer.
        try await Self.settle(room) { $0.value("terminal") == "answering" && $0.value("registered") == "true" && $0.value("camera") == "online" }

        let port = try #require(await room.controlPort)
        let socket = room.options.runDirectory + "/control.sock"
        for (index, session) in sessions.enumerated() {
            let mismatches = try await TruthTests.onThreads(1) { _ in try session.run(tcpPort: port, socketPath: socket) }[0]
            #expect(mismatches.isEmpty, "session \(index + 1) (`\(session.command)`):\n\(mismatches.joined(separator: "\n"))")
            // A call the session asked for connects before the next one starts.
            try await Self.settle(room) { !["connecting", "ringing"].contains($0.value("call") ?? "") }
        }
        #expect(await room.stop() == 0)
    }

    /// Waits (at most 10 s) until the room's status satisfies `condition`.
    static func settle(_ room: DemoRoom, _ condition: @escaping @Sendable (ControlMessage) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if case .ok(let status) = try await room.technician("status"), condition(status) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RoomFixture.FixtureError("the room did not settle within 10 s: \(try await room.technician("status"))")
    }
}

/// One example session of the document: how it connects, what the client
/// sends and what the server answers, line by line.
struct DocumentSession: Sendable {
    enum Transport: Sendable {
        case tcp
        case unix
    }

    enum Line: Sendable {
        case client(String)
        case server(String)
        case event(String)
    }

    let command: String
    let transport: Transport
    /// Lines a `printf ... |` sends before reading anything.
    let piped: [String]
    let lines: [Line]

    /// Every fenced block whose first line is `$ nc`, `$ socat` or `$ printf ... | nc`.
    static func all(in document: String) throws -> [DocumentSession] {
        var sessions: [DocumentSession] = []
        var block: [String]?
        for line in document.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let lines = block, let first = lines.first, first.hasPrefix("$ ") {
                    sessions.append(try DocumentSession(command: String(first.dropFirst(2)), body: Array(lines.dropFirst())))
                }
                block = block == nil ? [] : nil
            } else if block != nil {
                block?.append(line)
            }
        }
        return sessions
    }

    init(command: String, body: [String]) throws {
        self.command = command
        if command.hasPrefix("socat ") {
            transport = .unix
            piped = []
        } else if command.hasPrefix("printf '"), let end = command.range(of: "' | nc ") {
            transport = .tcp
            piped = command[command.index(command.startIndex, offsetBy: 8)..<end.lowerBound]
                .replacingOccurrences(of: "\\n", with: "\n").split(separator: "\n").map(String.init)
        } else if command.hasPrefix("nc ") {
            transport = .tcp
            piped = []
        } else {
            throw RoomFixture.FixtureError("an example session the test cannot run: $ \(command)")
        }
        lines = body.filter { !$0.isEmpty }.map { line in
            if line.hasPrefix("EVENT ") || line.hasPrefix("{\"event\"") { return .event(line) }
            if ["DIEMCAU ", "OK ", "ERR "].contains(where: line.hasPrefix) || (line.hasPrefix("{") && line.contains("\"ok\":")) {
                return .server(line)
            }
            return .client(line)
        }
    }

    /// Runs the session; returns what differed from the document (empty when nothing did).
    func run(tcpPort: UInt16, socketPath: String) throws -> [String] {
        let link = transport == .unix ? try ControlLink(socketPath: socketPath) : try ControlLink(host: "127.0.0.1", port: tcpPort)
        var mismatches: [String] = []
        var expectedEvents: [String] = []
        var seenEvents: [String] = []
        for line in piped { try link.send(line) }
        /// The next line that is not an event.
        func nextReply() throws -> String {
            while true {
                let line = try link.readLine(timeout: 10)
                if line.hasPrefix("EVENT ") || line.hasPrefix("{\"event\"") { seenEvents.append(line) } else { return line }
            }
        }
        for line in lines {
            switch line {
            case .client(let text):
                try link.send(text)
            case .server(let expected):
                let actual = try nextReply()
                if actual != expected { mismatches.append("  documented: \(expected)\n  daemon said: \(actual)") }
            case .event(let event):
                expectedEvents.append(event)
            }
        }
        let deadline = Date().addingTimeInterval(2)
        while expectedEvents.contains(where: { !seenEvents.contains($0) }), Date() < deadline {
            if let line = try? link.readLine(timeout: deadline.timeIntervalSinceNow), line.hasPrefix("EVENT ") || line.hasPrefix("{\"event\"") {
                seenEvents.append(line)
            }
        }
        for event in expectedEvents where !seenEvents.contains(event) {
            mismatches.append("  documented event never came: \(event)\n  events that came: \(seenEvents)")
        }
        return mismatches
    }
}
