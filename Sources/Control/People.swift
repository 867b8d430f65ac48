import Configuration
import Room

/// Who is behind a login (issue 15: people, not sockets): the room file's
/// `people` names the person who holds each role's token and each local
/// user of the room PC, so that the logbook and the reports say
/// "Trần Thị Bình (Cán bộ kỹ thuật)" where they said `127.0.0.1:51434 #1`.
public struct People: Sendable, Hashable {
    /// The person who holds a role's token, by role.
    public var byTokenRole: [Role: Contact]
    /// The person behind a local user name (the Unix socket's SO_PEERCRED user).
    public var byUser: [String: Contact]

    public static let nobody = People(byTokenRole: [:], byUser: [:])

    public init(byTokenRole: [Role: Contact], byUser: [String: Contact]) {
        self.byTokenRole = byTokenRole
        self.byUser = byUser
    }

    /// The person behind a connection: a local user's own entry first (the
    /// kernel vouches for it), else the holder of the token it logged in with.
    public func person(role: Role, loggedInWithToken: Bool, peer: ControlPeer) -> Contact? {
        if let user = peer.userName, let person = byUser[user] { return person }
        return loggedInWithToken ? byTokenRole[role] : nil
    }
}

extension People {
    /// The room file's `people`.
    public init(_ setups: [PersonSetup]) {
        var byTokenRole: [Role: Contact] = [:], byUser: [String: Contact] = [:]
        for setup in setups {
            if let role = setup.token { byTokenRole[role] = setup.person }
            for user in setup.users { byUser[user] = setup.person }
        }
        self.init(byTokenRole: byTokenRole, byUser: byUser)
    }
}
