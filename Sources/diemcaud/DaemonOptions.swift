import Configuration
import Localization

/// What `diemcaud` was started with.
struct DaemonOptions {
    var configuration = ConfigurationFile.defaultPath
    /// Folders with camera profiles, searched before the installed ones.
    var profiles: [String] = []

    /// `--help`, in the environment's language.
    static func help(in language: Language) -> String {
        language.say("""
            usage: diemcaud [--config PATH] [--profiles DIR]

            The DiemCau room controller: drives the room's camera, microphones and
            terminal by the province's rules, keeps the logbook, and listens for the
            MCU centre, the technician's tool and AV control systems.

              --config PATH    the room configuration (default {path});
                               check it first with 'diemcau config check PATH'
              --profiles DIR   a folder of camera profiles (JSON), searched first
              --help           this text

            Runs in the foreground; under systemd as a Type=notify service
            (Hardware/systemd/diemcaud.service). SIGHUP re-reads the configuration,
            SIGTERM mutes every microphone, sends the camera to its privacy preset
            and stops.
            """, ["path": ConfigurationFile.defaultPath])
    }

    enum Parse {
        case run(DaemonOptions)
        case help
        case usage(Message)
    }

    static func parse(_ arguments: [String]) -> Parse {
        var options = DaemonOptions()
        var words = arguments[...]
        while let word = words.popFirst() {
            switch word {
            case "--help", "-h":
                return .help
            case "--config":
                guard let path = words.popFirst() else { return .usage(Message("--config needs a path")) }
                options.configuration = path
            case "--profiles":
                guard let path = words.popFirst() else { return .usage(Message("--profiles needs a folder")) }
                options.profiles.append(path)
            default:
                return .usage(Message("unknown option '{option}'.", ["option": word]))
            }
        }
        return .run(options)
    }
}
