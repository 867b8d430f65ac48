import Foundation
import Room
import Testing

@testable import Control

/// People, not sockets: a login is named as the room file names the person
/// behind its token or its local user (issue 15).
@Suite struct PeopleTests {
    static let binh = Contact(name: "Trần Thị Bình", position: "Cán bộ kỹ thuật", phone: "0912 000 002")
    static let cuong = Contact(name: "Lê Văn Cường", position: "Trung tâm điều khiển", phone: "0912 000 003")

    @Test func aTokenLoginIsNamedAfterThePersonWhoHoldsTheToken() async throws {
        let room = try await ServerFixture.start { $0.people = People(byTokenRole: [.technician: Self.binh], byUser: [:]) }
        let client = try LineClient.tcp(port: room.port)
        _ = try await client.line()
        #expect(try await client.ask("login tech-token-0123456789") == "OK login role=technician")
        _ = try await client.ask("status")
        let mcu = try LineClient.tcp(port: room.port)
        _ = try await mcu.line()
        _ = try await mcu.ask("login mcu-token-0123456789")
        _ = try await mcu.ask("status")
        let senders = await room.handler.requests.map(\.sender.description)
        #expect(senders.count == 2)
        #expect(senders.first?.hasPrefix("Trần Thị Bình (Cán bộ kỹ thuật), technician from 127.0.0.1:") == true, "\(senders)")
        #expect(senders.last?.hasPrefix("mcu from 127.0.0.1:") == true, "a token the file gives no one stays the socket: \(senders)")
        await room.stop()
    }

    @Test func aLocalUserIsNamedBeforeTheToken() {
        let people = People(byTokenRole: [.technician: Self.binh], byUser: ["cuong": Self.cuong])
        let local = ControlPeer(connection: 2, transport: .unix, address: "local", userID: 1001, processID: 4321, userName: "cuong")
        #expect(people.person(role: .technician, loggedInWithToken: true, peer: local) == Self.cuong)
        let other = ControlPeer(connection: 3, transport: .unix, address: "local", userID: 1002, processID: 4322, userName: "an")
        #expect(people.person(role: .technician, loggedInWithToken: true, peer: other) == Self.binh)
        #expect(people.person(role: .technician, loggedInWithToken: false, peer: other) == nil, "a role from credentials is not the token's holder")
        #expect(ControlClient(role: .technician, peer: local, person: Self.cuong).description
            == "Lê Văn Cường (Trung tâm điều khiển), technician from local user cuong (uid 1001) pid 4321 #2")
    }
}
