import Configuration
import Control
import Foundation
import Glibc
import Room

/// A control server on loopback (port 0, so tests never collide) and a Unix
/// socket in a fresh temporary folder, with the recording handler behind it.
struct ServerFixture {
    static let tokens: [Role: String] = [
        .mcu: "mcu-token-0123456789",
        .technician: "tech-token-0123456789",
        .observer: "observer-token-0123456789",
    ]

    let server: ControlServer
    let handler: RecordingHandler
    let port: Int
    let folder: String
    var socketPath: String { folder + "/control.sock" }

    static func start(
        tcpAddress: String = "127.0.0.1", unixRole: Role? = nil, _ adjust: (inout ControlConfiguration) -> Void = { _ in }
    ) async throws -> ServerFixture {
        let folder = NSTemporaryDirectory() + "diemcau-control-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var configuration = ControlConfiguration(
            roomName: "UBND xã Tân Lập",
            tcp: .init(address: tcpAddress, port: 0),
            unixSocket: .init(path: folder + "/control.sock", permissions: 0o600, role: unixRole),
            closingGrace: .seconds(2)
        )
        adjust(&configuration)
        let handler = RecordingHandler()
        let server = ControlServer(configuration: configuration, tokens: try RoleTokens(tokens), handler: handler)
        try await server.start()
        return ServerFixture(server: server, handler: handler, port: await server.tcpPort ?? 0, folder: folder)
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A TCP client that has read the greeting.
    func client(from source: String? = nil) async throws -> LineClient {
        let client = try LineClient.tcp(port: port, from: source)
        guard let greeting = try await client.line(), greeting.hasPrefix("DIEMCAU 1 READY") else {
            throw LineClient.Failure(description: "no greeting")
        }
        return client
    }

    /// A TCP client logged in as `role`.
    func client(as role: Role) async throws -> LineClient {
        let client = try await client()
        let reply = try await client.ask("login \(ServerFixture.tokens[role]!)")
        guard reply == "OK login role=\(role.rawValue)" else { throw LineClient.Failure(description: "login: \(reply)") }
        return client
    }
}

/// The process's resident memory, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return (Int(fields.count > 1 ? fields[1] : "0") ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}
