import Glibc
import Room

/// Who is at the other end of the Unix socket, as the kernel says: the
/// user, the process and every group the process holds (SO_PEERCRED and
/// SO_PEERGROUPS), taken when it connected.
public struct LocalCredentials: Sendable, Hashable {
    public let userID: UInt32
    public let processID: Int32
    /// The primary group and the supplementary ones.
    public let groupIDs: Set<UInt32>
    /// The user's login name, when the user database has one.
    public let userName: String?

    public init(userID: UInt32, processID: Int32, groupIDs: Set<UInt32>, userName: String?) {
        self.userID = userID
        self.processID = processID
        self.groupIDs = groupIDs
        self.userName = userName
    }

    /// The credentials of the peer of a connected Unix socket; nil when the kernel does not say.
    static func of(_ descriptor: Int32) -> LocalCredentials? {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }: three 32-bit words.
        var words = [UInt32](repeating: 0, count: 3)
        var length = socklen_t(12)
        let result = words.withUnsafeMutableBytes { getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, $0.baseAddress, &length) }
        guard result == 0 else { return nil }
        var groups: Set<UInt32> = [words[2]]
        groups.formUnion(supplementaryGroups(of: descriptor))
        return LocalCredentials(
            userID: words[1], processID: Int32(bitPattern: words[0]), groupIDs: groups, userName: userName(of: words[1]))
    }

    /// SO_PEERGROUPS (Linux 4.13): the groups the peer held when it connected.
    private static func supplementaryGroups(of descriptor: Int32) -> [UInt32] {
        let peerGroups: Int32 = 59  // SO_PEERGROUPS, not in every Glibc module map
        var groups = [UInt32](repeating: 0, count: 64)
        var length = socklen_t(groups.count * 4)
        var result = groups.withUnsafeMutableBytes { getsockopt(descriptor, SOL_SOCKET, peerGroups, $0.baseAddress, &length) }
        if result != 0, errno == ERANGE, Int(length) > groups.count * 4 {
            groups = [UInt32](repeating: 0, count: Int(length) / 4)
            result = groups.withUnsafeMutableBytes { getsockopt(descriptor, SOL_SOCKET, peerGroups, $0.baseAddress, &length) }
        }
        guard result == 0 else { return [] }
        return Array(groups.prefix(Int(length) / 4))
    }

    static func userName(of userID: UInt32) -> String? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(userID, &entry, &buffer, buffer.count, &found) == 0, found != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }
}

/// Which local users hold a role on the Unix socket without a token: root,
/// the daemon's own user and the members of the technician group get the
/// technician role, the members of the observer group the observer role.
/// The MCU centre's role is never given this way.
public struct LocalRoles: Sendable, Hashable {
    public var technicianUsers: Set<UInt32>
    public var technicianGroups: Set<UInt32>
    public var observerGroups: Set<UInt32>

    /// Nobody: every local client logs in with a token.
    public static let none = LocalRoles(technicianUsers: [], technicianGroups: [], observerGroups: [])

    public init(technicianUsers: Set<UInt32>, technicianGroups: Set<UInt32>, observerGroups: Set<UInt32>) {
        self.technicianUsers = technicianUsers
        self.technicianGroups = technicianGroups
        self.observerGroups = observerGroups
    }

    /// Root, the daemon's user, and the groups named (each must exist).
    public static func resolve(technicianGroup: String?, observerGroup: String?) throws(ControlError) -> LocalRoles {
        var roles = LocalRoles(technicianUsers: [0, getuid()], technicianGroups: [], observerGroups: [])
        if let technicianGroup {
            guard let id = groupID(named: technicianGroup) else { throw .unknownGroup(field: "control.technicianGroup", name: technicianGroup) }
            roles.technicianGroups.insert(id)
        }
        if let observerGroup {
            guard let id = groupID(named: observerGroup) else { throw .unknownGroup(field: "control.observerGroup", name: observerGroup) }
            roles.observerGroups.insert(id)
        }
        return roles
    }

    /// The role these credentials hold, if any.
    public func role(for credentials: LocalCredentials) -> Role? {
        if technicianUsers.contains(credentials.userID) || !credentials.groupIDs.isDisjoint(with: technicianGroups) { return .technician }
        if !credentials.groupIDs.isDisjoint(with: observerGroups) { return .observer }
        return nil
    }

    static func groupID(named name: String) -> UInt32? {
        var entry = group()
        var found: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &found) == 0, found != nil else { return nil }
        return entry.gr_gid
    }
}
