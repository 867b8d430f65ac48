import Links
import Localization
import VISCA

/// What went wrong between the driver and a camera, each with what the
/// technician should check. `description` is the message to show.
public enum CameraError: Error, Sendable, CustomStringConvertible, Sayable {
    /// The link could not be opened or stopped carrying bytes.
    case link(LinkError)
    /// No reply in time to a command or inquiry that expects one.
    case noAnswer(command: String, camera: String, endpoint: String, milliseconds: Int, hint: Message)
    /// ACK came but the Completion did not.
    case noCompletion(command: String, camera: String, endpoint: String, milliseconds: Int)
    /// The camera answered with an error (`x0 6y EE FF`): buffer full, cancelled,
    /// not executable, syntax error, length error.
    case rejected(command: String, camera: String, ReplyError)
    /// The camera is offline; commands are refused until it answers again.
    case offline(endpoint: String, reason: Message)
    /// AddressSet found fewer cameras than the address asked for.
    case notOnChain(address: Int, endpoint: String, cameras: Int)
    /// A parameter VISCA cannot carry.
    case invalid(VISCAError)
    /// A preset number outside what this camera model stores.
    case presetOutOfRange(Int, profile: String, allowed: String)
    /// A speed outside this camera model's range.
    case speedOutOfRange(axis: String, value: Int, profile: String, allowed: ClosedRange<Int>)
    /// A zoom position outside this camera model's range.
    case zoomOutOfRange(Int, profile: String, allowed: ClosedRange<Int>)
    /// An answer that does not fit the inquiry.
    case unexpectedAnswer(String)
    /// A name the preset book does not hold.
    case unknownPresetName(String, camera: String, known: [String])
    /// A slot name the preset book cannot hold.
    case invalidPresetName(String)
    /// A profile that cannot be found or read.
    case profileNotFound(String, searched: [String], available: [String])
    case profileUnreadable(path: String, message: String)
    /// The preset book could not be read or written.
    case presetBookUnreadable(path: String, message: String)
    case presetBookUnwritable(path: String, message: String)
    /// The chain was closed.
    case closed(endpoint: String)

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case let .link(error):
            return error.message
        case let .noAnswer(command, camera, endpoint, milliseconds, hint):
            return Message("{camera} on {endpoint} did not answer {command} within {milliseconds} ms: {hint}",
                           ["camera": camera, "endpoint": endpoint, "command": command, "milliseconds": "\(milliseconds)"], parts: ["hint": hint])
        case let .noCompletion(command, camera, endpoint, milliseconds):
            return Message("{camera} on {endpoint} accepted {command} but did not report it finished within {milliseconds} ms: check the camera is not blocked mechanically and its power supply; the command was not sent again",
                           ["camera": camera, "endpoint": endpoint, "command": command, "milliseconds": "\(milliseconds)"])
        case let .rejected(command, camera, error):
            return Message("{camera} refused {command}: {error}", ["camera": camera, "command": command, "error": "\(error)"])
        case let .offline(endpoint, reason):
            return Message("the camera on {endpoint} is offline ({reason}); DiemCau reconnects by itself as soon as it answers again", ["endpoint": endpoint],
                           parts: ["reason": reason])
        case let .notOnChain(address, endpoint, cameras):
            return Message("there is no camera {address} on {endpoint}: AddressSet found {cameras} camera(s); check the daisy-chain cables (VISCA OUT to the next VISCA IN) and that every camera is powered",
                           ["address": "\(address)", "endpoint": endpoint, "cameras": "\(cameras)"])
        case let .invalid(error):
            return error.message
        case let .presetOutOfRange(number, profile, allowed):
            return Message("preset {number} does not exist on a {profile}: it stores presets {allowed}", ["number": "\(number)", "profile": profile, "allowed": allowed])
        case let .speedOutOfRange(axis, value, profile, allowed):
            return Message("{axis} speed {value} is outside what a {profile} takes ({lowest} to {highest})",
                           ["axis": axis, "value": "\(value)", "profile": profile, "lowest": "\(allowed.lowerBound)", "highest": "\(allowed.upperBound)"])
        case let .zoomOutOfRange(value, profile, allowed):
            return Message("zoom position {value} is outside a {profile}'s range ({lowest} to {highest})",
                           ["value": "\(value)", "profile": profile, "lowest": "\(allowed.lowerBound)", "highest": "\(allowed.upperBound)"])
        case let .unexpectedAnswer(message):
            return .verbatim(message)
        case let .unknownPresetName(name, camera, known):
            return known.isEmpty
                ? Message("no preset named '{name}' for {camera}: the book has no names for it yet; store one with `diemcau camera store NUMBER --name NAME`", ["name": name, "camera": camera])
                : Message("no preset named '{name}' for {camera}: the book knows {known}", ["name": name, "camera": camera, "known": known.joined(separator: ", ")])
        case let .invalidPresetName(name):
            return Message("'{name}' cannot name a preset: use up to 64 characters, no control characters, not only digits (such as {examples})",
                           ["name": name, "examples": PresetBook.customarySlots.prefix(5).joined(separator: ", ")])
        case let .profileNotFound(name, searched, available):
            return available.isEmpty
                ? Message("no camera profile '{name}' (looked in {searched}); none is installed", ["name": name, "searched": searched.joined(separator: ", ")])
                : Message("no camera profile '{name}' (looked in {searched}); available: {available}",
                          ["name": name, "searched": searched.joined(separator: ", "), "available": available.joined(separator: ", ")])
        case let .profileUnreadable(path, message):
            return Message("camera profile {path} cannot be read: {reason}", ["path": path, "reason": message])
        case let .presetBookUnreadable(path, message):
            return Message("the preset book {path} cannot be read ({reason}): fix or remove it; presets stored in the camera are not lost", ["path": path, "reason": message])
        case let .presetBookUnwritable(path, message):
            return Message("the preset book {path} cannot be written ({reason}): check the state directory exists and is writable (StateDirectory=diemcau in the service, or set STATE_DIRECTORY)",
                           ["path": path, "reason": message])
        case let .closed(endpoint):
            return Message("the connection to {endpoint} was closed", ["endpoint": endpoint])
        }
    }
}
