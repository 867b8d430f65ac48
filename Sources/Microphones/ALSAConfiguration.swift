import CALSA
import Glibc
import Support

/// alsa-lib's configuration with one more file loaded on top: the room's own
/// ctl devices (a `type pulse` device per sound-server source, a `hw` device
/// under a stable name) without touching /etc/asound.conf or the environment.
/// Owned by one actor; alsa-lib's configuration trees are not thread-safe.
final class ALSAConfiguration {
    let path: String
    /// The tree handed to `snd_ctl_open_lconf`.
    let tree: OpaquePointer

    init(path: String) throws(MicError) {
        self.path = path
        var global: OpaquePointer?
        var code = snd_config_update_ref(&global)
        guard code >= 0, let global else {
            throw .configurationFile(path: path, reason: "alsa-lib's own configuration does not load: \(String(cString: snd_strerror(code)))")
        }
        defer { snd_config_unref(global) }
        var copy: OpaquePointer?
        code = snd_config_copy(&copy, global)
        guard code >= 0, let copy else {
            throw .configurationFile(path: path, reason: String(cString: snd_strerror(code)))
        }
        guard access(path, R_OK) == 0 else {
            snd_config_delete(copy)
            throw .configurationFile(path: path, reason: Errno.current.description)
        }
        var input: OpaquePointer?
        code = snd_input_stdio_open(&input, path, "r")
        guard code >= 0, let input else {
            snd_config_delete(copy)
            throw .configurationFile(path: path, reason: String(cString: snd_strerror(code)))
        }
        let (loaded, message) = ALSADiagnostics.quietly { snd_config_load(copy, input) }
        snd_input_close(input)
        guard loaded >= 0 else {
            snd_config_delete(copy)
            throw .configurationFile(path: path, reason: ALSADiagnostics.describe(loaded, message))
        }
        tree = copy
    }

    deinit { snd_config_delete(tree) }

    /// The names of the ctl devices this configuration defines.
    func ctlDevices() -> [String] { Self.ctlDevices(in: tree) }

    /// The names of the ctl devices alsa-lib's global configuration defines.
    static func globalCtlDevices() -> [String] {
        var global: OpaquePointer?
        guard snd_config_update_ref(&global) >= 0, let global else { return [] }
        defer { snd_config_unref(global) }
        return ctlDevices(in: global)
    }

    /// The ctl devices the room's own files define: `path` when given, the
    /// files ALSA_CONFIG_PATH adds to alsa.conf, /etc/asound.conf and
    /// ~/.asoundrc. The devices alsa-lib and its plugins define for
    /// themselves are not in it (some, like arcam_av, crash when opened bare).
    static func roomCtlDevices(path: String?) -> [String] {
        var files: [String] = []
        if let path { files.append(path) }
        if let list = getenv("ALSA_CONFIG_PATH") {
            files += String(cString: list).split(separator: ":").map(String.init).filter { !$0.hasSuffix("/alsa.conf") }
        }
        files.append("/etc/asound.conf")
        if let home = getenv("HOME") { files.append(String(cString: home) + "/.asoundrc") }
        var names: [String] = []
        for file in files where access(file, R_OK) == 0 {
            var top: OpaquePointer?
            guard snd_config_top(&top) >= 0, let top else { continue }
            defer { snd_config_delete(top) }
            var input: OpaquePointer?
            guard snd_input_stdio_open(&input, file, "r") >= 0, let input else { continue }
            let (loaded, _) = ALSADiagnostics.quietly { snd_config_load(top, input) }
            snd_input_close(input)
            guard loaded >= 0 else { continue }
            for name in ctlDevices(in: top) where !names.contains(name) { names.append(name) }
        }
        return names
    }

    private static func ctlDevices(in tree: OpaquePointer) -> [String] {
        var node: OpaquePointer?
        guard snd_config_search(tree, "ctl", &node) >= 0, let node else { return [] }
        var names: [String] = []
        var iterator = snd_config_iterator_first(node)
        while iterator != snd_config_iterator_end(node) {
            if let entry = snd_config_iterator_entry(iterator) {
                var id: UnsafePointer<CChar>?
                if snd_config_get_id(entry, &id) >= 0, let id {
                    names.append(String(cString: id))
                }
            }
            iterator = snd_config_iterator_next(iterator)
        }
        return names
    }
}
