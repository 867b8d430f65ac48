import Localization
import Room

/// `fleet`: how the room joins the province's fleet through an MQTT broker
/// (issue 19). Absent: the room is reached only through `control`.
///
/// The daemon speaks plain MQTT to `host` (on a room PC, a local Mosquitto
/// that bridges to the centre over TLS; Hardware/fleet/ says how), as the
/// account named `room`, with the password in `credentials`. Its topics are
/// `diemcau/PROVINCE/ROOM/…`.
public struct FleetSetup: Codable, Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The province's short name: the topic level above the rooms.
    public var province: String
    /// The room's id in the fleet: its broker account and its topic level.
    public var room: String
    /// Which district the room is in, for the centre's filters.
    public var district: String?
    /// The file holding the room account's password (mode 0600, R7).
    public var credentials: String
    /// The role commands from the command topic carry; the broker's ACL lets
    /// only the centre's account publish there (default: mcu).
    public var commandRole: Role?

    public init(host: String, port: Int, province: String, room: String, district: String? = nil,
                credentials: String, commandRole: Role? = nil) {
        self.host = host
        self.port = port
        self.province = province
        self.room = room
        self.district = district
        self.credentials = credentials
        self.commandRole = commandRole
    }

    /// `diemcau/PROVINCE/ROOM`: the level every topic of this room is under.
    public var topicRoot: String { "diemcau/\(province)/\(room)" }
}

extension FleetSetup {
    init?(reading fleet: FieldObject) {
        let host = fleet.field("host", required: true)?.text(.host)
        let port = fleet.field("port", required: true)?.number(.port)
        let province = fleet.field("province", required: true)?.text(.topicLevel)
        let room = fleet.field("room", required: true)?.text(.topicLevel)
        let district = fleet.field("district")?.text(.topicLevel)
        let credentials = fleet.field("credentials", required: true)?.text(.file)
        let commandRole = fleet.field("commandRole")?.choice(Role.self, noun: Message("role"))
        guard let host, let port, let province, let room, let credentials else { return nil }
        self.init(host: host, port: port, province: province, room: room, district: district,
                  credentials: credentials, commandRole: commandRole)
    }
}
