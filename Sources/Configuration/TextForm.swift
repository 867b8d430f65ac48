import Localization
import Support

/// What a text field of the room file may hold, by what it names.
///
/// Every form must be non-empty and free of control characters (see
/// `ControlCharacters`), and has a length the thing it names can take: a
/// longer one would be refused by the kernel, ALSA or the resolver when the
/// daemon starts, or fill the log and the control protocol's lines.
enum TextForm {
    /// Who the room is: its name, its lead and technician, their positions and phones (R8).
    case identity
    /// A name the centre and the technician type: a camera, microphone, preset or group.
    case name
    /// A camera profile's file name, without folder or `.json`.
    case profile
    /// A file, by absolute path or beside the room file.
    case file
    /// A device node by absolute path: a serial port, an input device.
    case device
    /// The control socket: an absolute path short enough for a Unix socket's address.
    case socket
    /// An ALSA control device: `hw:CARD=Device`, or a ctl device from asound.conf.
    case alsaDevice
    /// A simple mixer element, as `amixer scontrols` names it.
    case mixerElement
    /// A device on the network: an IP address or a host name.
    case host
    /// The address the control server listens on: one of the room PC's IP addresses, or `localhost`.
    case listenAddress
    /// Client addresses allowed in: `10.10.0.0/16`, `192.0.2.7`, `fd00::/8`.
    case addressBlock
    /// A UPS's name on its upsd: one word of letters, digits, `-`, `_` and `.` (ups.conf's section name).
    case upsName
    /// One level of an MQTT topic and a broker account name: a province, a district, a room id.
    case topicLevel

    /// What is wrong with `text` in this form, and what to write; nil when
    /// it is fine. `fix` says what the field wants in general.
    func problem(with text: String, fix: Message) -> (problem: Message, fix: Message)? {
        if text.trimmed().isEmpty { return (Message("is empty"), fix) }
        if let control = ControlCharacters.first(in: text) {
            return (
                Message("{value} has a control character ({character}) in it", ["value": Quoted.text(text), "character": ControlCharacters.escaped(control)]),
                Message("remove it: {fix}", parts: ["fix": fix])
            )
        }
        if let limit = limit, text.utf8.count > limit.bytes {
            return (Message("{value} is {bytes} bytes long", ["value": Quoted.text(text), "bytes": "\(text.utf8.count)"]),
                    Message("{what} has at most {bytes}: {fix}", ["bytes": "\(limit.bytes)"], parts: ["what": limit.what, "fix": fix]))
        }
        return formProblem(text, fix: fix)
    }

    /// The longest text the form can hold, in UTF-8 bytes, and what holds it.
    private var limit: (bytes: Int, what: Message)? {
        switch self {
        case .identity: (300, Message("a name the centre shows"))
        case .name: (64, Message("a name the centre types"))
        case .profile: (64, Message("a profile name"))
        // PATH_MAX, with the terminating NUL.
        case .file, .device: (4095, Message("a path"))
        // sockaddr_un.sun_path, with the terminating NUL.
        case .socket: (107, Message("a Unix socket path"))
        case .alsaDevice: (255, Message("an ALSA device name"))
        // SNDRV_CTL_ELEM_ID_NAME_MAXLEN, with the terminating NUL.
        case .mixerElement: (43, Message("an ALSA mixer element name"))
        // RFC 1035's longest name.
        case .host, .listenAddress: (253, Message("a host name"))
        case .addressBlock: (49, Message("an address block"))
        case .upsName: (64, Message("a UPS name"))
        case .topicLevel: (64, Message("a fleet name"))
        }
    }

    private func formProblem(_ text: String, fix: Message) -> (problem: Message, fix: Message)? {
        let value = Quoted.text(text)
        switch self {
        case .identity, .name, .file, .alsaDevice, .mixerElement:
            return nil
        case .profile:
            guard text.contains("/") || text.hasPrefix(".") else { return nil }
            return (Message("{value} is a path, not a profile name", ["value": value]), Message("give the file's name without folder or .json, e.g. \"sony-evi-d70\""))
        case .device, .socket:
            guard !text.hasPrefix("/") else { return nil }
            return (Message("{value} is not an absolute path", ["value": value]), Message("give the whole path from /: {fix}", parts: ["fix": fix]))
        case .host:
            guard AddressBlock.bytes(of: text) == nil, !HostName.isValid(text) else { return nil }
            return (Message("{value} is neither an IP address nor a host name", ["value": value]), fix)
        case .listenAddress:
            guard AddressBlock.bytes(of: text) == nil, text != "localhost" else { return nil }
            return (
                Message("{value} is not an IP address to listen on", ["value": value]),
                Message("give one of the room PC's addresses, 0.0.0.0 (all IPv4), :: (all) or 127.0.0.1 (this PC only)")
            )
        case .addressBlock:
            guard AddressBlock(text) == nil else { return nil }
            return (Message("{value} is not a CIDR block", ["value": value]), fix)
        case .upsName:
            guard text.unicodeScalars.contains(where: { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))) })
            else { return nil }
            return (Message("{value} is not a UPS name", ["value": value]), fix)
        case .topicLevel:
            guard text.unicodeScalars.contains(where: { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))) })
            else { return nil }
            return (Message("{value} has a character other than ASCII letters, digits, '.', '_' and '-'", ["value": value]),
                    Message("it is an MQTT topic level and a broker account: {fix}", parts: ["fix": fix]))
        }
    }
}

/// A host name as the resolver takes it (RFC 1123): dot-separated labels of
/// letters, digits and hyphens, 1 to 63 characters each, no hyphen at either end.
enum HostName {
    static func isValid(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
    }
}
