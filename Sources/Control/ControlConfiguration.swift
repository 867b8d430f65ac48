import Localization
import Configuration
import Glibc
import Room

/// Where the control server listens and the limits it keeps.
public struct ControlConfiguration: Sendable {
    /// A TCP listener for the MCU centre and AV control systems.
    public struct TCPEndpoint: Sendable, Hashable {
        /// The address to listen on: `0.0.0.0`, `::` (IPv6 and IPv4), or one of the PC's addresses.
        public var address: String
        /// 1 to 65535; 0 picks a free port (tests), which `ControlServer.tcpPort` then tells.
        public var port: Int
        /// Addresses allowed to connect; everyone when nil. IPv4-mapped
        /// IPv6 clients (`::ffff:10.0.0.5`) count as their IPv4 address.
        public var allow: [AddressBlock]?

        public init(address: String, port: Int, allow: [AddressBlock]? = nil) {
            self.address = address
            self.port = port
            self.allow = allow
        }
    }

    /// The local socket of the technician's `diemcau` tool.
    public struct UnixEndpoint: Sendable, Hashable {
        public var path: String
        /// The socket file's mode: 0660 lets a group (e.g. `diemcau`) in, 0600 only the daemon's user.
        public var permissions: UInt32
        /// The role a local client holds without a token, when the socket's
        /// mode is trusted to stand for the login; nil asks for `login` like TCP.
        public var role: Role?
        /// The roles local users hold by who they are (the kernel's word on
        /// the peer), before `role`: root and the technician group need no token.
        public var localRoles: LocalRoles

        public init(path: String, permissions: UInt32 = 0o660, role: Role? = nil, localRoles: LocalRoles = .none) {
            self.path = path
            self.permissions = permissions
            self.role = role
            self.localRoles = localRoles
        }
    }

    /// The room's name, given in the greeting.
    public var roomName: String
    /// The language of the replies' reasons until a client says `language`: the room's.
    public var language: Language = .en
    /// Who holds each token and each local user: the logbook names them.
    public var people = People.nobody
    public var tcp: TCPEndpoint?
    public var unixSocket: UnixEndpoint?
    /// Connections at once on each transport (TCP, the Unix socket); more are told so and closed.
    public var maxConnections: Int
    /// The longest line accepted, in bytes; a longer one gets `ERR line-too-long` and the connection is closed.
    public var maxLineBytes: Int
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration
    /// A connection not logged in this long after connecting is closed, so
    /// that a stranger (or a scanner) cannot hold a connection slot until
    /// the idle time-out by sending blank lines.
    public var loginTimeout: Duration
    /// TCP connections not logged in yet, in all: past it the oldest is
    /// closed to make room, so silent connections can never keep the centre out.
    public var maxPendingLogins: Int
    /// TCP connections not logged in yet from one address; past it a new one is turned away.
    public var maxPendingLoginsPerAddress: Int
    /// Logged-in TCP connections beyond `maxConnections` that only the MCU
    /// centre's role may take: the centre always gets in.
    public var reservedForCentre: Int
    /// The wait after the first failed login from an address; it doubles with each further failure…
    public var firstLoginDelay: Duration
    /// …up to this.
    public var maximumLoginDelay: Duration
    /// Notes, faults and fixes one client (one address, or one local user)
    /// may add to the logbook a minute, and their text in bytes.
    public var logbookEntriesPerMinute: Int
    public var logbookBytesPerMinute: Int
    /// Replies and events waiting for a client that does not read; past it the connection is closed.
    public var maxPendingOutputBytes: Int
    /// How long a closing connection may take to collect its last reply.
    public var closingGrace: Duration

    public init(
        roomName: String,
        tcp: TCPEndpoint? = nil,
        unixSocket: UnixEndpoint? = nil,
        maxConnections: Int = 64,
        maxLineBytes: Int = 4096,
        idleTimeout: Duration = .seconds(600),
        loginTimeout: Duration = .seconds(5),
        maxPendingLogins: Int = 32,
        maxPendingLoginsPerAddress: Int = 4,
        reservedForCentre: Int = 4,
        logbookEntriesPerMinute: Int = 60,
        logbookBytesPerMinute: Int = 64 * 1024,
        firstLoginDelay: Duration = .milliseconds(500),
        maximumLoginDelay: Duration = .seconds(30),
        maxPendingOutputBytes: Int = 256 * 1024,
        closingGrace: Duration = .seconds(2)
    ) {
        self.roomName = roomName
        self.tcp = tcp
        self.unixSocket = unixSocket
        self.maxConnections = maxConnections
        self.maxLineBytes = maxLineBytes
        self.idleTimeout = idleTimeout
        self.loginTimeout = loginTimeout
        self.maxPendingLogins = maxPendingLogins
        self.maxPendingLoginsPerAddress = maxPendingLoginsPerAddress
        self.reservedForCentre = reservedForCentre
        self.logbookEntriesPerMinute = logbookEntriesPerMinute
        self.logbookBytesPerMinute = logbookBytesPerMinute
        self.firstLoginDelay = firstLoginDelay
        self.maximumLoginDelay = maximumLoginDelay
        self.maxPendingOutputBytes = maxPendingOutputBytes
        self.closingGrace = closingGrace
    }

    /// The configuration from the room file's `control` section.
    public init(_ setup: ControlSetup, roomName: String) throws(ControlError) {
        self.init(roomName: roomName)
        if let tcp = setup.tcp {
            var blocks: [AddressBlock]?
            if let allow = tcp.allow {
                blocks = []
                for text in allow {
                    guard let block = AddressBlock(text) else { throw .badAllowBlock(text) }
                    blocks?.append(block)
                }
            }
            // The room file may say `localhost`; the listener binds addresses, not names.
            let address = tcp.address == "localhost" ? "127.0.0.1" : tcp.address
            self.tcp = TCPEndpoint(address: address, port: tcp.port, allow: blocks)
        }
        if let path = setup.unixSocket {
            // The daemon's own group (`diemcau`, made by the installer) is the technicians' unless the room file names another.
            let technicianGroup = setup.technicianGroup ?? (LocalRoles.groupID(named: "diemcau") != nil ? "diemcau" : nil)
            unixSocket = UnixEndpoint(
                path: path, localRoles: try LocalRoles.resolve(technicianGroup: technicianGroup, observerGroup: setup.observerGroup))
        }
        if let maxConnections = setup.maxConnections { self.maxConnections = maxConnections }
        if let seconds = setup.idleTimeoutSeconds { idleTimeout = .seconds(seconds) }
        if let notes = setup.notesPerMinute {
            logbookEntriesPerMinute = notes
            logbookBytesPerMinute = notes * 1024
        }
    }
}
