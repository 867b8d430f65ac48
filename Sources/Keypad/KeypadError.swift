#if canImport(Glibc)
import Glibc
#endif
import Support

/// Everything that can go wrong with a keypad or its key map, each with what
/// the technician should do about it.
public enum KeypadError: Error, Sendable, Hashable, CustomStringConvertible {
    // Key maps.
    /// The key map file could not be read.
    case mapUnreadable(file: String, errno: Int32)
    /// No key map of that name in the places searched.
    case mapNotFound(name: String, searched: [String])
    /// The file is not a key map: bad JSON or a wrong shape. `problem` says where and how to fix it.
    case mapInvalid(file: String, problem: String)
    /// A key name that Linux does not know.
    case unknownKey(file: String, key: String, suggestions: [String])
    /// A key's action cannot be understood or is not allowed where it is.
    case invalidBinding(file: String, key: String, text: String, problem: String)

    // Devices.
    /// Nothing at the path: the keypad is unplugged, or the path is wrong.
    case deviceMissing(path: String)
    /// The device exists but this user may not read it.
    case permissionDenied(path: String)
    /// `open` failed for another reason.
    case cannotOpen(path: String, errno: Int32)
    /// The path is not an evdev device (EVIOCGRAB is refused), so it cannot be grabbed.
    case notAnEventDevice(path: String)
    /// Another program holds the device exclusively.
    case grabbedElsewhere(path: String)
    /// EVIOCGRAB failed for another reason.
    case grabFailed(path: String, errno: Int32)
    /// The device went away while being read (ENODEV): unplugged.
    case unplugged(path: String)
    /// The stream ended (end of file: the writer of a pipe closed it).
    case ended(path: String)
    /// `read` failed.
    case readFailed(path: String, errno: Int32)
    /// inotify could not watch the directory the keypad appears in.
    case watchFailed(directory: String, errno: Int32)

    public var description: String {
        switch self {
        case .mapUnreadable(let file, let errno):
            return "key map \(file): cannot read it (\(errnoText(errno))): check the path in the room configuration's keypad.map and that the service user may read it"
        case .mapNotFound(let name, let searched):
            return "key map \"\(name)\": not found (looked for \(searched.joined(separator: ", "))): install it with Scripts/install-service, or give keypad.map as a full path"
        case .mapInvalid(let file, let problem):
            return "key map \(file): \(problem)"
        case .unknownKey(let file, let key, let suggestions):
            let hint = suggestions.isEmpty
                ? "use a name from linux/input-event-codes.h as evtest prints it, such as KEY_KP1"
                : "did you mean \(suggestions.joined(separator: " or "))?"
            return "key map \(file): \"\(key)\" is not a Linux key name: \(hint)"
        case .invalidBinding(let file, let key, let text, let problem):
            return "key map \(file): key \(key): \"\(text)\" \(problem)"
        case .deviceMissing(let path):
            return "keypad \(path): no such device: plug the keypad in, or set keypad.device to one of the *-event-kbd links that `ls /dev/input/by-id/` lists"
        case .permissionDenied(let path):
            return "keypad \(path): permission denied: run diemcaud in group input (the unit's SupplementaryGroups=input) or give the device a udev rule"
        case .cannotOpen(let path, let errno):
            return "keypad \(path): cannot open it (\(errnoText(errno))): check keypad.device in the room configuration"
        case .notAnEventDevice(let path):
            return "keypad \(path): not an evdev input device, so it cannot be grabbed: set keypad.device to a /dev/input/by-id/*-event-kbd link"
        case .grabbedElsewhere(let path):
            return "keypad \(path): another program has grabbed it exclusively (a second diemcaud? evtest --grab?): stop that program, then unplug and replug the keypad"
        case .grabFailed(let path, let errno):
            return "keypad \(path): could not grab it exclusively (EVIOCGRAB: \(errnoText(errno))): check that keypad.device is a /dev/input/by-id/*-event-kbd link"
        case .unplugged(let path):
            return "keypad \(path): unplugged; waiting for it to come back"
        case .ended(let path):
            return "keypad \(path): the stream of key events ended (end of file)"
        case .readFailed(let path, let errno):
            return "keypad \(path): reading failed (\(errnoText(errno))); waiting for it to come back: check the USB cable"
        case .watchFailed(let directory, let errno):
            return "keypad: cannot watch \(directory) for the keypad to appear (inotify: \(errnoText(errno))): raise fs.inotify.max_user_instances or check the path"
        }
    }
}

func errnoText(_ code: Int32) -> String {
    Errno(rawValue: code).description
}
