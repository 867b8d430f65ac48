import Control
import Foundation
import Room

/// `diemcau tokens`: new control tokens for the room's secrets file.
enum TokensCommand {
    static let subcommand = Subcommand(name: "tokens", summary: cli.say("make new control tokens for the secrets file (one per role)"), run: run)

    static let help = cli.say("""
        usage: diemcau tokens [--file PATH]

        Makes a new token for each role (mcu, technician, observer): {length} letters
        from the kernel's random source, about 139 bits each. Without --file they are
        printed as the secrets file's lines; with --file they are written to PATH with
        mode 0600 (a file already there is replaced, so every role gets a new token:
        give the centre and the technicians theirs again). The daemon reads the file
        when it starts: run 'systemctl restart diemcaud' afterwards.

        exit status: 0 done, 64 usage, 73 the file could not be written.
        """, ["length": "\(RoleTokens.generatedLength)"])

    static func run(_ arguments: [String]) async -> Int32 {
        var words = arguments[...]
        var file: String?
        while let word = words.popFirst() {
            switch word {
            case "-h", "--help":
                print(help)
                return 0
            case "--file":
                guard let path = words.popFirst() else {
                    warn("diemcau tokens: " + cli.say("--file needs a path, e.g. /etc/diemcau/control.tokens."))
                    return 64
                }
                file = path
            default:
                warn("diemcau tokens: " + cli.say("unknown option '{option}'.", ["option": word]) + "\n\n" + help)
                return 64
            }
        }
        let text = RoleTokens.fileText(RoleTokens.generate())
        guard let file else {
            print(text, terminator: "")
            return 0
        }
        let temporary = file + ".new"
        unlink(temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              rename(temporary, file) == 0
        else {
            let reason = String(cString: strerror(errno))
            warn("diemcau tokens: " + cli.say("cannot write {file}: {reason}; check the folder exists and you may write there (run as root).", ["file": file, "reason": reason]))
            unlink(temporary)
            return 73
        }
        print("diemcau tokens: " + cli.say("wrote new tokens for mcu, technician and observer to {file} (mode 0600); chown it to the daemon's user and restart diemcaud.", ["file": file]))
        return 0
    }
}
