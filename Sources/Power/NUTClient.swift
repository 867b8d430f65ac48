import Links
import Support
import Room

/// A client of upsd, Network UPS Tools' server, on its TCP port (3493):
/// one connection per question, closed with `LOGOUT`. It asks what NUT's
/// "Network protocol information" documents, no login needed:
/// `LIST VAR <ups>` and `GET VAR <ups> <var>`. UPS names are single words
/// (letters, digits, `-_.`; the room file checks them), so they go unquoted.
public struct NUTClient: Sendable {
    /// upsd's own port.
    public static let defaultPort: UInt16 = 3493

    public let server: HostAndPort
    /// How long a whole question may take, connection included.
    public let timeout: Duration

    public init(host: String, port: UInt16 = defaultPort, timeout: Duration = .seconds(3)) {
        self.server = HostAndPort(host: host, port: port)
        self.timeout = timeout
    }

    /// `LIST VAR <ups>`: every variable the UPS reports, by name.
    public func variables(of ups: String) async throws(UPSError) -> [String: String] {
        let lines = try await exchange("LIST VAR \(ups)", ups: ups) { $0.words == ["END", "LIST", "VAR", ups] }
        guard let first = lines.first, first.words == ["BEGIN", "LIST", "VAR", ups] else {
            throw .unexpected(server: "\(server)", line: lines.first?.words.joined(separator: " ") ?? "")
        }
        var variables: [String: String] = [:]
        for line in lines.dropFirst().dropLast() {
            guard let (name, value) = line.variable(of: ups) else {
                throw .unexpected(server: "\(server)", line: line.words.joined(separator: " "))
            }
            variables[name] = value
        }
        return variables
    }

    /// `GET VAR <ups> <name>`: one variable's value.
    public func variable(_ name: String, of ups: String) async throws(UPSError) -> String {
        let lines = try await exchange("GET VAR \(ups) \(name)", ups: ups) { _ in true }
        guard let line = lines.first, let variable = line.variable(of: ups), variable.name == name else {
            throw .unexpected(server: "\(server)", line: lines.first?.words.joined(separator: " ") ?? "")
        }
        return variable.value
    }

    /// The status, charge and runtime the readiness test judges.
    public func reading(of ups: String) async throws(UPSError) -> UPSReading {
        let variables = try await variables(of: ups)
        guard let status = variables["ups.status"] else {
            throw .refused(server: "\(server)", ups: ups, code: "VAR-NOT-SUPPORTED")
        }
        return UPSReading(
            ups: "\(ups)@\(server)", status: status.split(separator: " ").map(String.init),
            chargePercent: variables["battery.charge"].flatMap(Double.init),
            runtimeSeconds: variables["battery.runtime"].flatMap(Double.init))
    }

    /// Sends `request`, then reads lines until `isLast` says the answer is
    /// whole (an `ERR` line ends it too). The connection is closed after,
    /// and by the time-out if upsd is slower than `timeout`.
    private func exchange(_ request: String, ups: String, isLast: @escaping @Sendable (NUTLine) -> Bool) async throws(UPSError) -> [NUTLine] {
        let server = "\(self.server)"
        let started = ContinuousClock.now
        let milliseconds = Int32(min(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000, 60_000))
        let link: TCPLink
        do {
            // The name lookup and the connect block: on a thread of their own,
            // not one of the few that run the room.
            let address = self.server
            link = try await withCheckedThrowingContinuation { (connected: CheckedContinuation<TCPLink, any Error>) in
                DetachedThread.start(name: "upsd-connect") {
                    connected.resume(with: Result { try TCPLink(address, timeout: milliseconds) })
                }
            }
        } catch {
            throw .unreachable(server: server, reason: "\(error)")
        }
        let watchdog = Task { [timeout] in
            try await Task.sleep(for: timeout)
            link.close()
        }
        defer {
            watchdog.cancel()
            link.close()
        }
        do {
            try link.send(Array("\(request)\nLOGOUT\n".utf8))
        } catch {
            throw .unreachable(server: server, reason: "\(error)")
        }
        var lines: [NUTLine] = []
        var pending: [UInt8] = []
        for await chunk in link.incoming {
            pending += chunk
            while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                let line = NUTLine(Substring(text.hasSuffix("\r") ? String(text.dropLast()) : text))
                if let code = line.error { throw .refused(server: server, ups: ups, code: code) }
                lines.append(line)
                if isLast(line) { return lines }
            }
        }
        // The stream ends when upsd closes, or when the watchdog closed the link.
        throw ContinuousClock.now - started >= timeout
            ? .timedOut(server: server, seconds: Int(timeout.components.seconds)) : .closed(server: server)
    }
}
