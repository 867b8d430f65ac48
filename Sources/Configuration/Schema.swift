import Codec
import Localization
import Microphones
import Room

/// The fields each object of the configuration may have, by its place, and
/// what to write in each.
///
/// Every object's keys are checked against this table as it is read, so
/// that a misspelt `"microphone"` is named (with the nearest known field)
/// rather than silently leaving the room without microphones.
enum Schema {
    /// The sections of a room file, in the order the demo room has them and problems are listed.
    static let sections = [
        "room", "stateDirectory", "cameras", "microphones", "alsaConfiguration", "groups", "framing", "floor", "terminal", "keypad", "power", "readiness", "control",
        "people", "fleet",
    ]

    /// Known keys per object shape; shapes absent here (`groups`,
    /// `cameras[].presets`) are maps whose keys are the technician's names.
    static let fields: [String: Set<String>] = [
        "": Set(sections),
        "room": ["name", "lead", "technician", "technicians", "language"],
        "room.lead": ["name", "position", "phone", "email"],
        "room.technician": ["name", "position", "phone", "email"],
        "room.technicians[]": ["name", "position", "phone", "email"],
        "people[]": ["name", "position", "phone", "token", "users"],
        "cameras[]": ["name", "profile", "link", "address", "presets"],
        "cameras[].link": ["kind", "path", "baud", "host", "port"],
        "microphones[]": ["name", "device", "element", "index", "mute", "preset", "capture"],
        "framing": ["wide", "privacy"],
        "floor": ["allowUnmuteWithoutGrant", "terminalUnmuteGrants"],
        "terminal": ["dialect", "host", "port", "secrets", "qualitySampleSeconds", "transport", "knownHosts", "sshKey"],
        "keypad": ["device", "map"],
        "readiness": ["minimumSoundDBFS", "maxLossPercent", "maxJitterMs", "minimumRateKbps", "leadTimes"],
        "readiness.leadTimes[]": ["minutesBefore", "article"],
        "power": ["host", "port", "ups", "minimumChargePercent", "minimumRuntimeSeconds"],
        "control": ["tcp", "unixSocket", "secrets", "maxConnections", "idleTimeoutSeconds", "technicianGroup", "observerGroup", "notesPerMinute"],
        "control.tcp": ["address", "port", "allow"],
        "fleet": ["host", "port", "province", "room", "district", "credentials", "commandRole"],
    ]

    /// What to write in a field, by its place where one name means
    /// different things (`room.name`, `cameras[].name`), else by its name.
    static func fix(for path: FieldPath) -> Message {
        switch path.shape {
        case "room.name": Message("give the name the room shows to the meeting (R8)")
        case "room.lead.name", "room.technician.name", "room.technicians[].name": Message("give the person's full name, as reported to the main endpoint (R8)")
        case "cameras[].name": Message("give the camera a short name, e.g. \"main\"")
        case "microphones[].name": Message("give the channel the name the centre uses, e.g. \"chair\" or \"mic2\"")
        case "fleet.host": Message("give the MQTT broker's address: 127.0.0.1 for the room PC's own Mosquitto, which bridges to the centre over TLS (Hardware/fleet/)")
        case "fleet.room": Message("give the room's id in the fleet, its broker account, e.g. \"hanam-ubnd-tanlap\"")
        case "fleet.province": Message("give the province's short name, the same in every room of the fleet, e.g. \"hanam\"")
        case "fleet.district": Message("give the district's short name, e.g. \"duytien\"")
        case "control.tcp.address": Message("give the address to listen on: one of the room PC's, 0.0.0.0 (all IPv4), :: (all) or 127.0.0.1")
        case "keypad.device": Message("give the input device, best under /dev/input/by-id/ so that it keeps its name")
        case _ where path.shape.hasPrefix("groups."): Message("list the names of microphones, e.g. [\"mic2\", \"mic3\"]")
        case _ where path.shape.hasPrefix("cameras[].presets."): Message("give the preset's slot, a whole number from 0 to 255")
        default: fix(for: path.lastKey)
        }
    }

    /// What to write in a field, by the field's name.
    static func fix(for key: String?) -> Message {
        switch key {
        case "room": Message("describe the room: {\"name\": ..., \"lead\": {...}, \"technician\": {...}}")
        case "name": Message("give a name")
        case "position", "phone": Message("give the person's position and phone, as reported to the main endpoint (R8)")
        case "email": Message("give the person's email, e.g. \"binh@tanlap.gov.vn\" (001 Art. 13.2)")
        case "technicians": Message("list the room's technicians, at least two (001 Art. 13.2): [{\"name\": ..., \"position\": ..., \"phone\": ..., \"email\": ...}, ...]")
        case "cameras": Message("list the cameras, [] for none")
        case "microphones": Message("list the microphone channels, [] for none")
        case "profile": Message("name a camera profile from Hardware/cameras/, e.g. \"sony-evi-d70\"")
        case "link": Message("say how the camera is reached: {\"kind\": \"serial\", \"path\": \"/dev/ttyUSB0\", \"baud\": 9600}")
        case "kind": Message("give one of {choices}", ["choices": LinkSetup.Kind.allCases.map(\.rawValue).joined(separator: ", ")])
        case "path": Message("give the device path, e.g. /dev/ttyUSB0 or a stable name from the udev rule in Hardware/serial/")
        case "host": Message("give the device's IP address or host name")
        case "port": Message("give a TCP or UDP port from 1 to 65535")
        case "tcp": Message("say where the centre connects: {\"address\": \"0.0.0.0\", \"port\": 4510, \"allow\": [...]}")
        case "unixSocket": Message("give an absolute path of at most 107 bytes, e.g. /run/diemcau/control.sock")
        case "framing": Message("name the room's presets: {\"wide\": ..., \"privacy\": ...}")
        case "floor": Message("say the floor policy: {\"allowUnmuteWithoutGrant\": false}")
        case "terminal": Message("describe the terminal's API: {\"dialect\": \"poly\", \"host\": ..., \"secrets\": ...}")
        case "keypad": Message("describe the keypad: {\"device\": ..., \"map\": ...}")
        case "lead", "technician": Message("give the person: {\"name\": ..., \"position\": ..., \"phone\": ...}")
        case "people": Message("list who operates the room: [{\"name\": ..., \"position\": ..., \"phone\": ..., \"token\": \"technician\", \"users\": [\"binh\"]}]")
        case "token": Message("give the role whose token the person holds: {roles}", ["roles": Role.allCases.map(\.rawValue).joined(separator: ", ")])
        case "users": Message("list the room PC's user names that are this person's, e.g. [\"binh\"]")
        case "language": Message("give \"vi\" (Vietnamese) or \"en\" (English)")
        case "stateDirectory": Message("give the folder for the logbook and the preset book, e.g. /var/lib/diemcau")
        case "presets": Message("map preset names to slot numbers, e.g. {\"chair\": 1, \"wide\": 0}")
        case "device": Message("give the device; `diemcau mic list` shows the ALSA control devices")
        case "element": Message("name the simple mixer element; `diemcau mic list` shows them")
        case "mute": Message("give one of {choices}", ["choices": MuteControl.allCases.map(\.rawValue).joined(separator: ", ")])
        case "preset", "wide", "privacy": Message("name a preset of a camera's \"presets\"")
        case "allowUnmuteWithoutGrant": Message("give true or false (false is what the regulations ask, R2)")
        case "terminalUnmuteGrants": Message("name the microphone or group (or \"all\") that gets the floor when the MCU unmutes the room through the terminal, or leave it out")
        case "dialect": Message("give one of {choices}", ["choices": DialectKind.allCases.map(\.rawValue).joined(separator: ", ")])
        case "secrets": Message("give the path of a file readable only by the daemon (mode 0600)")
        case "transport": Message("one of {choices} (Cisco room devices ship with Telnet off: ssh)", ["choices": TerminalSetup.Transport.allCases.map(\.rawValue).joined(separator: ", ")])
        case "knownHosts": Message("give the path of a known_hosts file holding the terminal's SSH host key (ssh-keyscan, its fingerprint checked on the terminal)")
        case "sshKey": Message("give the path of a private key the terminal's API account accepts (mode 0600)")
        case "map": Message("name a key map from Hardware/keypads/")
        case "capture": Message("give the ALSA capture device the microphone's signal is measured on, e.g. \"plughw:CARD=Device\" or a pcm from asound.conf (`arecord -L` lists them)")
        case "readiness": Message("say what the readiness test asks: {\"minimumSoundDBFS\": -60, ...}")
        case "maxLossPercent": Message("give the packet loss the test call may have, in per cent (1 when absent)")
        case "maxJitterMs": Message("give the jitter the test call may have, in milliseconds (40 when absent)")
        case "minimumRateKbps": Message("give the lowest call rate a meeting takes, in kbit/s (384 when absent)")
        case "leadTimes": Message("list when the test runs before a meeting: [{\"minutesBefore\": 90, \"article\": \"001 Art. 7.1\"}, ...]")
        case "minutesBefore": Message("give how many minutes before the start, e.g. 90 (001 Art. 7.1) or 60 (003 Art. 7.1b)")
        case "article": Message("give the regulation's article that asks for this time, e.g. \"001 Art. 7.1\"")
        case "minimumSoundDBFS": Message("give the level a microphone's signal must reach, in dBFS, e.g. -60")
        case "power": Message("say where the UPS is served: {\"host\": \"127.0.0.1\", \"ups\": ...} (Network UPS Tools' upsd)")
        case "ups": Message("give the UPS's name as `upsc -l HOST` lists it, e.g. \"phonghop\"")
        case "minimumChargePercent": Message("give the battery charge the meeting needs, in percent (80 when absent)")
        case "minimumRuntimeSeconds": Message("give the time on battery the meeting needs, in seconds (600 when absent)")
        case "control": Message("say where the room listens: {\"tcp\": {...}, \"unixSocket\": ..., \"secrets\": ...}")
        case "allow": Message("list CIDR blocks such as \"10.10.0.0/16\"")
        case "alsaConfiguration": Message("give the path of an asound.conf that defines the microphones' control devices")
        case "groups": Message("map group names to lists of microphone names")
        case "fleet": Message("say how the room joins the fleet: {\"host\": \"127.0.0.1\", \"port\": 1883, \"province\": ..., \"room\": ..., \"credentials\": ...}")
        case "credentials": Message("give the path of the file holding the room's broker password (mode 0600)")
        case "commandRole": Message("give one of {choices} (mcu: the centre's account is the only one the broker lets publish commands)", ["choices": Role.allCases.map(\.rawValue).joined(separator: ", ")])
        default: Message("see Hardware/demo/room.json for a complete example")
        }
    }

    /// The known key nearest to a misspelt one, when it is near enough to be a typo.
    static func suggestion(for key: String, among known: Set<String>) -> String? {
        let best = known.min { distance(key, $0) < distance(key, $1) }
        guard let best, distance(key, best) <= max(2, key.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance, case-insensitive.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
