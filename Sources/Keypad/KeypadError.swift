#if canImport(Glibc)
import Glibc
#endif
import Localization
import Support

/// Everything that can go wrong with a keypad or its key map, each with what
/// the technician should do about it.
public enum KeypadError: Error, Sendable, Hashable, CustomStringConvertible, Sayable {
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

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .mapUnreadable(let file, let errno):
            Message("key map {file}: cannot read it ({reason}): check the path in the room configuration's keypad.map and that the service user may read it",
                    ["file": file, "reason": errnoText(errno)])
        case .mapNotFound(let name, let searched):
            Message("key map \"{name}\": not found (looked for {searched}): install it with Scripts/install-service, or give keypad.map as a full path",
                    ["name": name, "searched": searched.joined(separator: ", ")])
        case .mapInvalid(let file, let problem):
            Message("key map {file}: {problem}", ["file": file, "problem": problem])
        case .unknownKey(let file, let key, let suggestions):
            suggestions.isEmpty
                ? Message("key map {file}: \"{key}\" is not a Linux key name: use a name from linux/input-event-codes.h as evtest prints it, such as KEY_KP1", ["file": file, "key": key])
                : Message("key map {file}: \"{key}\" is not a Linux key name: did you mean {suggestions}?",
                          ["file": file, "key": key, "suggestions": suggestions.joined(separator: " / ")])
        case .invalidBinding(let file, let key, let text, let problem):
            Message("key map {file}: key {key}: \"{text}\" {problem}", ["file": file, "key": key, "text": text, "problem": problem])
        case .deviceMissing(let path):
            Message("keypad {path}: no such device: plug the keypad in, or set keypad.device to one of the *-event-kbd links that `ls /dev/input/by-id/` lists", ["path": path])
        case .permissionDenied(let path):
            Message("keypad {path}: permission denied: run diemcaud in group input (the unit's SupplementaryGroups=input) or give the device a udev rule", ["path": path])
        case .cannotOpen(let path, let errno):
            Message("keypad {path}: cannot open it ({reason}): check keypad.device in the room configuration", ["path": path, "reason": errnoText(errno)])
        case .notAnEventDevice(let path):
            Message("keypad {path}: not an evdev input device, so it cannot be grabbed: set keypad.device to a /dev/input/by-id/*-event-kbd link", ["path": path])
        case .grabbedElsewhere(let path):
            Message("keypad {path}: another program has grabbed it exclusively (a second diemcaud? evtest --grab?): stop that program, then unplug and replug the keypad", ["path": path])
        case .grabFailed(let path, let errno):
            Message("keypad {path}: could not grab it exclusively (EVIOCGRAB: {reason}): check that keypad.device is a /dev/input/by-id/*-event-kbd link", ["path": path, "reason": errnoText(errno)])
        case .unplugged(let path):
            Message("keypad {path}: unplugged; waiting for it to come back", ["path": path])
        case .ended(let path):
            Message("keypad {path}: the stream of key events ended (end of file)", ["path": path])
        case .readFailed(let path, let errno):
            Message("keypad {path}: reading failed ({reason}); waiting for it to come back: check the USB cable", ["path": path, "reason": errnoText(errno)])
        case .watchFailed(let directory, let errno):
            Message("keypad: cannot watch {directory} for the keypad to appear (inotify: {reason}): raise fs.inotify.max_user_instances or check the path",
                    ["directory": directory, "reason": errnoText(errno)])
        }
    }
}

func errnoText(_ code: Int32) -> String {
    Errno(rawValue: code).description
}
