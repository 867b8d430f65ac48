/// The checks JSON types cannot express: names that must be unique, names
/// that must refer to something, numbers that must be in range.
enum Validation {
    static func problems(in configuration: RoomConfiguration) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        func add(_ field: String, _ problem: String, _ fix: String) {
            problems.append(ConfigurationProblem(field: field, problem: problem, fix: fix))
        }

        if configuration.room.name.trimmed().isEmpty {
            add("room.name", "is empty", "give the name the room shows to the meeting (R8)")
        }

        var cameraNames: Set<String> = []
        var presetNames: Set<String> = []
        for (i, camera) in configuration.cameras.enumerated() {
            let at = "cameras[\(i)]"
            if camera.name.isEmpty { add("\(at).name", "is empty", Schema.fix(for: "name")) }
            if !cameraNames.insert(camera.name).inserted {
                add("\(at).name", "\"\(camera.name)\" names two cameras", "give each camera its own name")
            }
            if let address = camera.address, !(1...7).contains(address) {
                add("\(at).address", "is \(address)", Schema.fix(for: "address"))
            }
            if camera.link.kind == .udp || camera.link.kind == .tcp, let address = camera.address, address != 1 {
                add("\(at).address", "is \(address) on an IP link", "over IP the camera is always address 1; remove the field")
            }
            problems += linkProblems(camera.link, at: "\(at).link")
            for (name, slot) in (camera.presets ?? [:]).sorted(by: { $0.key < $1.key }) {
                if !(0...255).contains(slot) {
                    add("\(at).presets.\(name)", "is \(slot)", "a preset slot is a number from 0 to 255; the camera's profile narrows it")
                }
                presetNames.insert(name)
            }
        }

        var micNames: Set<String> = []
        for (i, mic) in configuration.microphones.enumerated() {
            let at = "microphones[\(i)]"
            if mic.name.isEmpty { add("\(at).name", "is empty", Schema.fix(for: "name")) }
            if mic.name == "all" { add("\(at).name", "is \"all\"", "\"all\" means every microphone; choose another name") }
            if !micNames.insert(mic.name).inserted {
                add("\(at).name", "\"\(mic.name)\" names two microphones", "give each channel its own name")
            }
            if mic.device.isEmpty { add("\(at).device", "is empty", Schema.fix(for: "device")) }
            if mic.element.isEmpty { add("\(at).element", "is empty", Schema.fix(for: "element")) }
            if let index = mic.index, index < 0 { add("\(at).index", "is \(index)", Schema.fix(for: "index")) }
            if let preset = mic.preset, !presetNames.contains(preset) {
                add("\(at).preset", "\"\(preset)\" is not a preset of any camera", presetFix(presetNames))
            }
        }

        for (group, members) in (configuration.groups ?? [:]).sorted(by: { $0.key < $1.key }) {
            if micNames.contains(group) || group == "all" {
                add("groups.\(group)", "has the name of a microphone", "give the group a name no microphone has")
            }
            if members.isEmpty { add("groups.\(group)", "is empty", "list at least one microphone") }
            for member in members where !micNames.contains(member) {
                add("groups.\(group)", "names \"\(member)\", which is not a microphone",
                    "use the names in \"microphones\": " + micNames.sorted().joined(separator: ", "))
            }
        }

        if let framing = configuration.framing {
            for (field, preset) in [("wide", framing.wide), ("privacy", framing.privacy)] {
                if let preset, !presetNames.contains(preset) {
                    add("framing.\(field)", "\"\(preset)\" is not a preset of any camera", presetFix(presetNames))
                }
            }
        }

        if let terminal = configuration.terminal {
            if terminal.host.isEmpty { add("terminal.host", "is empty", Schema.fix(for: "host")) }
            if let port = terminal.port, !(1...65535).contains(port) { add("terminal.port", "is \(port)", Schema.fix(for: "port")) }
            if terminal.secrets.isEmpty { add("terminal.secrets", "is empty", Schema.fix(for: "secrets")) }
            if terminal.transport == .ssh, terminal.knownHosts?.isEmpty ?? true {
                add("terminal.knownHosts", "is needed with \"transport\": \"ssh\"", Schema.fix(for: "knownHosts"))
            }
            if let seconds = terminal.qualitySampleSeconds, seconds < 1 {
                add("terminal.qualitySampleSeconds", "is \(seconds)", Schema.fix(for: "qualitySampleSeconds"))
            }
        }

        if let keypad = configuration.keypad {
            if keypad.device.isEmpty { add("keypad.device", "is empty", Schema.fix(for: "device")) }
            if keypad.map.isEmpty { add("keypad.map", "is empty", Schema.fix(for: "map")) }
        }

        let control = configuration.control
        if control.tcp == nil && control.unixSocket == nil {
            add("control", "listens nowhere", "give \"tcp\", \"unixSocket\" or both, or nobody can control the room")
        }
        if let tcp = control.tcp {
            if !(1...65535).contains(tcp.port) { add("control.tcp.port", "is \(tcp.port)", Schema.fix(for: "port")) }
            for (i, block) in (tcp.allow ?? []).enumerated() where AddressBlock(block) == nil {
                add("control.tcp.allow[\(i)]", "\"\(block)\" is not a CIDR block", Schema.fix(for: "allow"))
            }
        }
        if control.secrets.isEmpty { add("control.secrets", "is empty", Schema.fix(for: "secrets")) }
        if let max = control.maxConnections, max < 1 { add("control.maxConnections", "is \(max)", Schema.fix(for: "maxConnections")) }
        if let idle = control.idleTimeoutSeconds, idle < 1 {
            add("control.idleTimeoutSeconds", "is \(idle)", Schema.fix(for: "idleTimeoutSeconds"))
        }
        return problems
    }

    private static func linkProblems(_ link: LinkSetup, at: String) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        switch link.kind {
        case .serial, .tty:
            if (link.path ?? "").isEmpty {
                problems.append(ConfigurationProblem(field: "\(at).path", problem: "missing", fix: Schema.fix(for: "path")))
            }
            if let baud = link.baud, baud != 9600 && baud != 38400 {
                problems.append(ConfigurationProblem(field: "\(at).baud", problem: "is \(baud)", fix: Schema.fix(for: "baud")))
            }
            if link.host != nil || link.port != nil {
                problems.append(ConfigurationProblem(
                    field: at, problem: "a \(link.kind.rawValue) link has no host or port", fix: "remove them, or use kind udp or tcp"))
            }
        case .udp, .tcp:
            if (link.host ?? "").isEmpty {
                problems.append(ConfigurationProblem(field: "\(at).host", problem: "missing", fix: Schema.fix(for: "host")))
            }
            if let port = link.port, !(1...65535).contains(port) {
                problems.append(ConfigurationProblem(field: "\(at).port", problem: "is \(port)", fix: Schema.fix(for: "port")))
            }
            if link.path != nil || link.baud != nil {
                problems.append(ConfigurationProblem(
                    field: at, problem: "an IP link has no path or baud rate", fix: "remove them, or use kind serial or tty"))
            }
        }
        return problems
    }

    private static func presetFix(_ names: Set<String>) -> String {
        names.isEmpty
            ? "name the camera's presets first, in cameras[].presets"
            : "the named presets are " + names.sorted().joined(separator: ", ")
    }
}
