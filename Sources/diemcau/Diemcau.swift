import Foundation

/// The technician's command-line tool. `diemcau --help` lists what it can do;
/// `diemcau <subcommand> --help` says how.
@main
enum Diemcau {
    static let subcommands: [Subcommand] = [
        CameraCommand.subcommand,
        PortsCommand.subcommand,
        MicCommand.subcommand,
        CodecCommand.subcommand,
        ConfigCommand.subcommand,
        StatusCommand.subcommand,
        SendCommand.subcommand,
        WatchCommand.subcommand,
        CheckCommand.subcommand,
        LogbookCommand.subcommand,
        TokensCommand.subcommand,
        FleetCommand.subcommand,
    ]

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first, !["-h", "--help", "help"].contains(first) else {
            print(usage)
            exit(arguments.isEmpty ? 64 : 0)
        }
        guard let command = subcommands.first(where: { $0.name == first }) else {
            warn(cli.say("diemcau: unknown subcommand '{word}'.", ["word": first]) + "\n\n" + usage)
            exit(64)
        }
        exit(await command.run(Array(arguments.dropFirst())))
    }

    static var usage: String {
        var text = cli.say("usage: diemcau <subcommand> [options]\n\nsubcommands:") + "\n"
        let width = subcommands.map(\.name.count).max() ?? 0
        for command in subcommands {
            text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            text += command.summary + "\n"
        }
        text += "\n" + cli.say("Run 'diemcau <subcommand> --help' for the options of one subcommand.")
        return text
    }
}
