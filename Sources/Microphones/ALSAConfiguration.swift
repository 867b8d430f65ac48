import CALSA
import Glibc

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
            throw .configurationFile(path: path, reason: String(cString: strerror(errno)))
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
