import Camera
import Configuration
import Foundation
import Links
import Microphones

/// `diemcau config init`: a commented room file from flags, or from questions
/// when standard input is a terminal, checked the way `config check` reads it
/// before it is written.
enum ConfigInit {
    static let help = cli.say("""
        usage: diemcau config init [options] [--output PATH [--force]]

        Writes a room configuration with a "//" comment in each part, from the
        options given; what is missing is asked for when standard input is a
        terminal, with the choices this PC offers (diemcau ports, the camera
        profiles, diemcau mic list). The text is checked as 'diemcau config check'
        reads it before it is written. Without --output it goes to standard output.

          --name TEXT                the room's name, as the MCU centre lists it (required)
          --lead NAME --lead-position TEXT --lead-phone TEXT        (optional, all three)
          --technician NAME --technician-position TEXT --technician-phone TEXT
          --camera-port PATH         the camera's serial port (/dev/ttyUSB0, /dev/diemcau-camera1)
          --camera-profile NAME      its profile (default sony-evi-d70)
          --camera-baud 9600|38400   (default 9600)
          --no-camera                a room without a camera
          --mic NAME=DEVICE[:ELEMENT]  a microphone channel, repeated (ELEMENT default Capture)
          --terminal poly|cisco      the terminal's API; --terminal-host ADDRESS, --terminal-port N
          --no-terminal              a room without a terminal under control
          --output PATH              write here (mode 0640); an existing file needs --force
        """)

    struct Answers {
        var name: String?
        var lead: [String: String] = [:]
        var technician: [String: String] = [:]
        var cameraPort: String?
        var cameraProfile: String?
        var cameraBaud = 9600
        var camera = true
        var microphones: [(name: String, device: String, element: String)] = []
        var terminal: String?
        var terminalHost: String?
        var terminalPort: Int?
        var wantsTerminal = true
        var output: String?
        var force = false
    }

    static func run(_ arguments: [String]) -> Int32 {
        var answers = Answers()
        var words = arguments[...]
        func value(_ option: String) -> String? {
            guard let value = words.popFirst() else {
                warn("diemcau config init: " + cli.say("{option} needs a value.", ["option": option]))
                return nil
            }
            return value
        }
        while let word = words.popFirst() {
            switch word {
            case "-h", "--help": print(help); return 0
            case "--force": answers.force = true
            case "--no-camera": answers.camera = false
            case "--no-terminal": answers.wantsTerminal = false
            case "--name", "--lead", "--lead-position", "--lead-phone", "--technician", "--technician-position",
                 "--technician-phone", "--camera-port", "--camera-profile", "--camera-baud",
                 "--mic", "--terminal", "--terminal-host", "--terminal-port", "--output":
                guard let text = value(word) else { return 64 }
                switch word {
                case "--name": answers.name = text
                case "--lead": answers.lead["name"] = text
                case "--lead-position": answers.lead["position"] = text
                case "--lead-phone": answers.lead["phone"] = text
                case "--technician": answers.technician["name"] = text
                case "--technician-position": answers.technician["position"] = text
                case "--technician-phone": answers.technician["phone"] = text
                case "--camera-port": answers.cameraPort = text
                case "--camera-profile": answers.cameraProfile = text
                case "--camera-baud":
                    guard let baud = Int(text), [9600, 38400].contains(baud) else {
                        warn("diemcau config init: " + cli.say("--camera-baud is 9600 or 38400, not '{text}'.", ["text": text]))
                        return 64
                    }
                    answers.cameraBaud = baud
                case "--mic":
                    guard let mic = microphone(text) else {
                        warn("diemcau config init: " + cli.say("--mic is NAME=DEVICE[:ELEMENT], e.g. chair=hw:CARD=Device:Mic; not '{text}'.", ["text": text]))
                        return 64
                    }
                    answers.microphones.append(mic)
                case "--terminal": answers.terminal = text
                case "--terminal-host": answers.terminalHost = text
                case "--terminal-port":
                    guard let port = Int(text), (1...65535).contains(port) else {
                        warn("diemcau config init: " + cli.say("--terminal-port is a TCP port, not '{text}'.", ["text": text]))
                        return 64
                    }
                    answers.terminalPort = port
                default: answers.output = text
                }
            default:
                warn("diemcau config init: " + cli.say("unknown option '{option}'.", ["option": word]) + "\n\n" + help)
                return 64
            }
        }
        // Questions only when something the file needs is missing and someone can answer.
        if isatty(0) == 1 && (answers.name == nil || (answers.camera && answers.cameraPort == nil)) { ask(&answers) }
        guard let name = answers.name, !name.isEmpty else {
            warn("diemcau config init: " + cli.say("the room needs a name: --name TEXT (or run it on a terminal to be asked)."))
            return 64
        }
        if answers.camera && answers.cameraPort == nil {
            warn("diemcau config init: " + cli.say("the camera's port is missing: --camera-port PATH (diemcau ports lists them), or --no-camera."))
            return 64
        }
        if answers.wantsTerminal && (answers.terminal == nil) != (answers.terminalHost == nil) {
            warn("diemcau config init: " + cli.say("a terminal needs both --terminal poly|cisco and --terminal-host ADDRESS."))
            return 64
        }
        answers.name = name
        let text = render(answers)
        do {
            let folder = answers.output.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            _ = try ConfigurationFile.parse(Data(text.utf8), file: answers.output ?? "room.json", relativeTo: folder)
        } catch {
            warn("diemcau config init: " + cli.say("the file these answers make is not valid; nothing was written:") + "\n\(said(error))")
            return 1
        }
        guard let output = answers.output else {
            print(text, terminator: "")
            return 0
        }
        if FileManager.default.fileExists(atPath: output) && !answers.force {
            warn("diemcau config init: " + cli.say("{file} exists; it is kept (--force replaces it).", ["file": output]))
            return 1
        }
        let temporary = output + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o640]),
              rename(temporary, output) == 0 else {
            warn("diemcau config init: " + cli.say("cannot write {file}: {reason}", ["file": output, "reason": String(cString: strerror(errno))]))
            return 1
        }
        warn("diemcau config init: " + (answers.wantsTerminal && answers.terminal != nil
            ? cli.say("wrote {file}; next: diemcau config check {file}, and the terminal's password in terminal.secret beside it", ["file": output])
            : cli.say("wrote {file}; next: diemcau config check {file}", ["file": output])))
        return 0
    }

    /// `chair=hw:CARD=Device:Mic` → ("chair", "hw:CARD=Device", "Mic").
    static func microphone(_ text: String) -> (name: String, device: String, element: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        var device = String(text[text.index(after: equals)...])
        var element = "Capture"
        if let colon = device.lastIndex(of: ":"), !device[device.index(after: colon)...].contains("=") {
            element = String(device[device.index(after: colon)...])
            device = String(device[..<colon])
        }
        guard !name.isEmpty, !device.isEmpty, !element.isEmpty else { return nil }
        return (name, device, element)
    }

    /// Asks for what the options left out, offering what this PC has.
    static func ask(_ answers: inout Answers) {
        func question(_ text: String, default fallback: String? = nil) -> String? {
            FileHandle.standardError.write(Data((text + (fallback.map { " [\($0)]" } ?? "") + ": ").utf8))
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { return fallback }
            return line.isEmpty ? fallback : line
        }
        if answers.name == nil { answers.name = question(cli.say("The room's name, as the MCU centre lists it")) }
        for (role, title) in [("lead", cli.say("The room's lead")), ("technician", cli.say("The technician"))] {
            var person = role == "lead" ? answers.lead : answers.technician
            if person["name"] == nil { person["name"] = question(cli.say("{who}: name (empty for none)", ["who": title])) }
            if person["name"] != nil {
                if person["position"] == nil { person["position"] = question(cli.say("{who}: position", ["who": title])) }
                if person["phone"] == nil { person["phone"] = question(cli.say("{who}: phone", ["who": title])) }
            }
            if role == "lead" { answers.lead = person } else { answers.technician = person }
        }
        if answers.camera && answers.cameraPort == nil {
            let ports = (try? SerialPortInfo.list()) ?? []
            let list = ports.isEmpty ? cli.say("none found (plug the adapter in)") : ports.map { "\($0.path) (\($0.description))" }.joined(separator: ", ")
            warn(cli.say("Serial ports: {ports}", ["ports": list]))
            let port = question(cli.say("The camera's serial port (empty: no camera)"), default: ports.first?.path)
            if let port { answers.cameraPort = port } else { answers.camera = false }
        }
        if answers.camera && answers.cameraProfile == nil {
            warn(cli.say("Camera profiles: {profiles}", ["profiles": CameraProfileLibrary().available.joined(separator: ", ")]))
            answers.cameraProfile = question(cli.say("The camera's profile"), default: "sony-evi-d70")
        }
        if answers.microphones.isEmpty {
            let devices = (try? MixerSurvey.take())?.devices ?? []
            let offered = devices.filter { $0.card != nil || !$0.elements.isEmpty }
            let mixers = offered.isEmpty ? cli.say("none found") : offered.map { device in
                device.name + " (" + device.elements.filter { !$0.controls.isEmpty }.map(\.name).joined(separator: ", ") + ")"
            }.joined(separator: "; ")
            warn(cli.say("Mixers: {mixers}", ["mixers": mixers]))
            while let line = question(cli.say("A microphone as NAME=DEVICE[:ELEMENT] (empty when done)")) {
                if let mic = microphone(line) { answers.microphones.append(mic) } else { warn("  " + cli.say("that is not NAME=DEVICE[:ELEMENT]")) }
            }
        }
        if answers.wantsTerminal && answers.terminal == nil {
            answers.terminal = question(cli.say("The terminal's API, poly or cisco (empty: none)"))
            if answers.terminal == nil { answers.wantsTerminal = false }
        }
        if answers.wantsTerminal && answers.terminal != nil && answers.terminalHost == nil {
            answers.terminalHost = question(cli.say("The terminal's address"))
        }
    }

    /// The room file, as text: JSON with a "//" field commenting each part.
    static func render(_ answers: Answers) -> String {
        func q(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        func person(_ fields: [String: String]) -> String? {
            guard fields["name"] != nil else { return nil }
            let known = ["name", "position", "phone"].compactMap { key in fields[key].map { "\"\(key)\": \(q($0))" } }
            return "{ " + known.joined(separator: ", ") + " }"
        }
        var room = ["\"//\": \"The room as the province lists it; lead and technician are printed on reports; language: vi or en, what the daemon says\"",
                    "\"name\": \(q(answers.name ?? ""))",
                    "\"language\": \"vi\""]
        if let lead = person(answers.lead) { room.append("\"lead\": \(lead)") }
        if let technician = person(answers.technician) { room.append("\"technician\": \(technician)") }
        var parts = ["\"//\": \"Written by diemcau config init; check it with: diemcau config check\"",
                     "\"room\": {\n    " + room.joined(separator: ",\n    ") + "\n  }"]

        let hasCamera = answers.camera && answers.cameraPort != nil
        if hasCamera, let port = answers.cameraPort {
            let profileName = answers.cameraProfile ?? "sony-evi-d70"
            let profile = try? CameraProfileLibrary().profile(named: profileName)
            // 5, the privacy preset of most rooms, where the camera has it.
            let ranges = profile?.presetRanges ?? [0...5]
            let privacy = ranges.contains { $0.contains(5) } ? 5 : ranges.last?.upperBound ?? 5
            parts.append("""
                "cameras": [
                    {
                      "//": "The camera on \(port); presets are the camera's memory numbers (diemcau camera store NAME).",
                      "name": "main",
                      "profile": \(q(profileName)),
                      "link": { "kind": "serial", "path": \(q(port)), "baud": \(answers.cameraBaud) },
                      "address": 1,
                      "presets": { "wide": 0, "chair": 1, "privacy": \(privacy) }
                    }
                  ]
                """)
        } else {
            parts.append("\"cameras\": []")
        }
        let mics = answers.microphones.enumerated().map { index, mic in
            "    { \"name\": \(q(mic.name)), \"device\": \(q(mic.device)), \"element\": \(q(mic.element)), \"mute\": \"capture-switch\""
                + (hasCamera && index == 0 ? ", \"preset\": \"chair\"" : "") + " }"
        }
        parts.append("\"microphones\": [\n" + mics.joined(separator: ",\n") + (mics.isEmpty ? "" : "\n") + "  ]")
        if hasCamera {
            parts.append("\"framing\": { \"//\": \"the camera's shot outside a speech, and at the end of a meeting\", \"wide\": \"wide\", \"privacy\": \"privacy\" }")
        }
        if answers.wantsTerminal, let dialect = answers.terminal, let host = answers.terminalHost {
            let port = answers.terminalPort.map { ", \"port\": \($0)" } ?? ""
            parts.append("\"terminal\": { \"//\": \"terminal.secret beside this file holds 'user = ...' and 'password = ...' (mode 0600, owner diemcau)\", "
                         + "\"dialect\": \(q(dialect)), \"host\": \(q(host))\(port), \"secrets\": \"terminal.secret\" }")
        }
        parts.append("""
            "control": {
                "//": "The MCU centre and AV systems on TCP, the technician's tool on the socket; tokens: diemcau tokens",
                "tcp": { "address": "127.0.0.1", "port": 4510, "allow": ["127.0.0.0/8", "::1/128"] },
                "unixSocket": "/run/diemcau/control.sock",
                "secrets": "control.tokens"
              }
            """)
        return "{\n  " + parts.joined(separator: ",\n  ") + "\n}\n"
    }
}
