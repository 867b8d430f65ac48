/// The fields each object of the configuration may have, by its place.
///
/// `JSONDecoder` ignores fields it does not know, so a misspelt
/// `"microphone"` would silently leave the room without microphones; the
/// loader checks every object's keys against this table first.
enum Schema {
    /// Known keys per object shape; shapes absent here (`groups`,
    /// `cameras[].presets`) are maps whose keys are the technician's names.
    static let fields: [String: Set<String>] = [
        "": ["room", "stateDirectory", "cameras", "microphones", "alsaConfiguration", "groups", "framing", "floor", "terminal", "keypad", "control"],
        "room": ["name", "lead", "technician"],
        "room.lead": ["name", "position", "phone"],
        "room.technician": ["name", "position", "phone"],
        "cameras[]": ["name", "profile", "link", "address", "presets"],
        "cameras[].link": ["kind", "path", "baud", "host", "port"],
        "microphones[]": ["name", "device", "element", "index", "mute", "preset"],
        "framing": ["wide", "privacy"],
        "floor": ["allowUnmuteWithoutGrant"],
        "terminal": ["dialect", "host", "port", "secrets", "qualitySampleSeconds", "transport", "knownHosts", "sshKey"],
        "keypad": ["device", "map"],
        "control": ["tcp", "unixSocket", "secrets", "maxConnections", "idleTimeoutSeconds"],
        "control.tcp": ["address", "port", "allow"],
    ]

    /// What to write in a field, by the field's name.
    static func fix(for key: String?) -> String {
        switch key {
        case "room": "describe the room: {\"name\": ..., \"lead\": {...}, \"technician\": {...}}"
        case "name": "give a non-empty name"
        case "position", "phone": "give the person's position and phone, as reported to the main endpoint"
        case "cameras": "list the cameras, [] for none"
        case "microphones": "list the microphone channels, [] for none"
        case "profile": "name a camera profile from Hardware/cameras/, e.g. \"sony-evi-d70\""
        case "link": "say how the camera is reached: {\"kind\": \"serial\", \"path\": \"/dev/ttyUSB0\", \"baud\": 9600}"
        case "kind": "one of " + LinkSetup.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        case "path": "give the device path, e.g. /dev/ttyUSB0 or a stable name from the udev rule in Hardware/serial/"
        case "baud": "9600 or 38400, as the camera's baud-rate switch is set"
        case "host": "give the device's IP address or host name"
        case "port": "a TCP/UDP port from 1 to 65535"
        case "address": "the camera's place on the daisy chain, 1 (nearest the PC) to 7"
        case "presets": "map preset names to slot numbers, e.g. {\"chair\": 1, \"wide\": 0}"
        case "device": "give the device; `diemcau mic list` shows the ALSA control devices"
        case "element": "name the simple mixer element; `diemcau mic list` shows them"
        case "index": "the element's index, 0 unless the card has several with one name"
        case "mute": "one of " + MicrophoneSetup.MuteControl.allCases.map(\.rawValue).joined(separator: ", ")
        case "preset", "wide", "privacy": "name a preset listed in a camera's \"presets\""
        case "allowUnmuteWithoutGrant": "true or false (false is what the regulations ask, R2)"
        case "dialect": "one of " + TerminalSetup.Dialect.allCases.map(\.rawValue).joined(separator: ", ")
        case "secrets": "give the path of a file readable only by the daemon (mode 0600)"
        case "transport": "one of " + TerminalSetup.Transport.allCases.map(\.rawValue).joined(separator: ", ") + " (Cisco room devices ship with Telnet off: ssh)"
        case "knownHosts": "give the path of a known_hosts file holding the terminal's SSH host key (ssh-keyscan, its fingerprint checked on the terminal)"
        case "sshKey": "give the path of a private key the terminal's API account accepts (mode 0600)"
        case "map": "name a key map from Hardware/keypads/"
        case "control": "say where the room listens: {\"tcp\": {...}, \"unixSocket\": ..., \"secrets\": ...}"
        case "allow": "list CIDR blocks such as \"10.10.0.0/16\""
        case "maxConnections": "a whole number of at least 1"
        case "qualitySampleSeconds": "a whole number of seconds, at least 1 (60 is plenty for the report)"
        case "idleTimeoutSeconds": "a whole number of seconds, at least 1"
        case "alsaConfiguration": "give the path of an asound.conf that defines the microphones' control devices"
        case "groups": "map group names to lists of microphone names"
        default: "see Hardware/demo/room.json for a complete example"
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
