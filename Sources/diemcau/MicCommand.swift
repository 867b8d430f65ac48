import Foundation
import Microphones

/// `diemcau mic`: list, mute, unmute and read the microphone channels.
enum MicCommand {
    static let name = "mic"
    static let summary = cli.say("list, mute, unmute and read the microphone channels")

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static let help = cli.say("""
        usage: diemcau mic list [--alsa-conf FILE]
               diemcau mic mute|unmute|status|watch <channel|all> [channels] [--alsa-conf FILE]

        list     the sound cards and the ALSA ctl devices, each with its mixer elements
                 and the mute controls each element has (capture switch, playback switch,
                 capture volume, playback volume). Start here on a new room PC.
        mute     mute the channel (or all channels) and read it back from the mixer.
        unmute   unmute it, and read it back.
        status   read it from the mixer.
        watch    print the state, then every change made elsewhere (alsamixer, a mute
                 button on the interface, a sound server restarting) until Ctrl-C.

        The channels come from a JSON file:
          --config FILE      {"alsaConfiguration": "/etc/diemcau/asound.conf",
                              "channels": [{"name": "chair", "device": "hw:CARD=Device",
                                            "element": "Mic", "index": 0,
                                            "control": "capture-switch"}]}
                             (or just the "channels" array). "control" is one of
                             capture-switch (default), playback-switch, capture-volume,
                             playback-volume; "index" defaults to 0.
        or from the command line, one channel named after its device:
          --device DEV       ALSA ctl device: hw:CARD=<id> (see 'list') or a ctl device
                             from an asound.conf
          --element NAME     simple mixer element, as 'list' or 'amixer scontrols' prints it
          --index N          the element's index (default 0)
          --control KIND     which control mutes it (default capture-switch)
          --name NAME        the channel's name (default: the device)
          --alsa-conf FILE   an asound.conf loaded on top of alsa-lib's own

        The command line changes only what it is told to: unlike the daemon it does
        not mute every channel when it starts and stops.

        Exit status: 0 done; 1 a channel could not be set or read; 64 bad usage.
        """)

    static func run(_ arguments: [String]) async -> Int32 {
        guard let verb = arguments.first, !["-h", "--help", "help"].contains(verb) else {
            print(help)
            return arguments.isEmpty ? 64 : 0
        }
        var options: [String: String] = [:]
        var positional: [String] = []
        var rest = arguments.dropFirst()
        while let word = rest.popFirst() {
            if word == "-h" || word == "--help" { print(help); return 0 }
            if word.hasPrefix("--") {
                guard let value = rest.popFirst() else { return usage("\(word) needs a value") }
                options[String(word.dropFirst(2))] = value
            } else {
                positional.append(word)
            }
        }
        let known: Set = ["config", "device", "element", "index", "control", "name", "alsa-conf"]
        if let unknown = options.keys.first(where: { !known.contains($0) }) { return usage("unknown option --\(unknown)") }

        switch verb {
        case "list":
            return list(alsaConfiguration: options["alsa-conf"])
        case "mute", "unmute", "status", "watch":
            guard positional.count == 1 else { return usage("say which channel: a name, or 'all'") }
            let configuration: MicConfiguration
            switch channels(options) {
            case .success(let value): configuration = value
            case .failure(let problem): return usage(problem.description)
            }
            return await act(verb, on: positional[0], configuration)
        default:
            return usage("unknown command '\(verb)'")
        }
    }

    static func usage(_ problem: String) -> Int32 {
        warn("diemcau mic: \(problem).\n\n" + help)
        return 64
    }

    static func list(alsaConfiguration: String?) -> Int32 {
        let survey: MixerSurvey
        do throws(MicError) { survey = try MixerSurvey.take(alsaConfiguration: alsaConfiguration) } catch {
            warn("diemcau mic: \(said(error))")
            return 1
        }
        if !survey.devices.contains(where: { $0.card != nil }) {
            print(cli.say("no sound card: check the microphone interface's USB cable (lsusb, dmesg)."))
        }
        for device in survey.devices {
            print(device.name + (device.card.map { "  (card \($0.number): \($0.name))" } ?? ""))
            if device.elements.isEmpty { print("    " + cli.say("no mixer elements")) }
            for element in device.elements {
                let controls = element.controls.isEmpty ? "no switch, no volume" : element.controls.map(\.rawValue).joined(separator: ", ")
                print("    \(element.quoted.padding(toLength: 24, withPad: " ", startingAt: 0)) \(controls)")
            }
        }
        if !survey.unopened.isEmpty {
            print("\n" + cli.say("ctl devices that did not open now:"))
            for (device, reason) in survey.unopened { print("    \(device): \(reason)") }
        }
        if !survey.builtIn.isEmpty {
            print("\n" + cli.say("alsa-lib also defines: {devices}", ["devices": survey.builtIn.joined(separator: ", ")]))
        }
        return 0
    }

    static func channels(_ options: [String: String]) -> Result<MicConfiguration, CommandProblem> {
        var configuration: MicConfiguration
        if let path = options["config"] {
            guard let file = FileHandle(forReadingAtPath: path), let data = try? file.readToEnd() else {
                return .failure(CommandProblem("cannot read \(path)"))
            }
            let decoder = JSONDecoder()
            if let whole = try? decoder.decode(MicConfiguration.self, from: data) {
                configuration = whole
            } else {
                do {
                    configuration = MicConfiguration(channels: try decoder.decode([MicChannel].self, from: data))
                } catch {
                    return .failure(CommandProblem("\(path) is not a microphone configuration: \(error)"))
                }
            }
        } else if let device = options["device"] {
            guard let element = options["element"] else { return .failure(CommandProblem("--device needs --element")) }
            guard let index = Int(options["index"] ?? "0") else { return .failure(CommandProblem("--index takes a number")) }
            guard let control = MuteControl(rawValue: options["control"] ?? "capture-switch") else {
                return .failure(CommandProblem("--control is one of " + MuteControl.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            configuration = MicConfiguration(channels: [
                MicChannel(name: options["name"] ?? device, device: device, element: element, index: index, control: control)
            ])
        } else {
            return .failure(CommandProblem("give the channels with --config FILE, or one with --device and --element"))
        }
        if let conf = options["alsa-conf"] { configuration.alsaConfiguration = conf }
        for i in configuration.channels.indices { configuration.channels[i].failSafeMute = false }
        return .success(configuration)
    }

    static func act(_ verb: String, on target: String, _ configuration: MicConfiguration) async -> Int32 {
        let bank: MicrophoneBank
        do throws(MicError) {
            bank = try MicrophoneBank(channels: configuration.channels, alsaConfiguration: configuration.alsaConfiguration)
        } catch {
            warn("diemcau mic: \(said(error))")
            return 1
        }
        let names = target == "all" ? configuration.channels.map(\.name) : [target]
        var failed = false
        let problems = await bank.start()
        for name in names {
            guard let channel = configuration.channels.first(where: { $0.name == name }) else {
                warn("diemcau mic: \(said(MicError.unknownChannel(name, known: configuration.channels.map(\.name))))")
                failed = true
                continue
            }
            if let problem = problems.first(where: { $0.concerns(channel) }) {
                warn("diemcau mic: \(said(problem))")
                failed = true
                continue
            }
            do throws(MicError) {
                switch verb {
                case "mute": try await bank.mute(name)
                case "unmute": try await bank.unmute(name)
                default: break
                }
                let state = try await bank.read(name)
                say("\(name): \(state.rawValue)  (\(channel.device) '\(channel.element)',\(channel.index) \(channel.control.rawValue))")
            } catch {
                warn("diemcau mic: \(said(error))")
                failed = true
            }
        }
        if verb == "watch" && !failed {
            for await event in bank.events where names.contains(event.channel) {
                say(event.message.said(in: cli))
            }
        }
        await bank.stop()
        return failed ? 1 : 0
    }
}

/// Writes a line to standard output at once (`watch` runs until it is killed).
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct CommandProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
