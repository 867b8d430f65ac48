import Links
import VISCA

/// What went wrong between the driver and a camera, each with what the
/// technician should check. `description` is the message to show.
public enum CameraError: Error, Sendable, CustomStringConvertible {
    /// The link could not be opened or stopped carrying bytes.
    case link(LinkError)
    /// No reply in time to a command or inquiry that expects one.
    case noAnswer(command: String, camera: String, endpoint: String, milliseconds: Int, hint: String)
    /// ACK came but the Completion did not.
    case noCompletion(command: String, camera: String, endpoint: String, milliseconds: Int)
    /// The camera answered with an error (`x0 6y EE FF`): buffer full, cancelled,
    /// not executable, syntax error, length error.
    case rejected(command: String, camera: String, ReplyError)
    /// The camera is offline; commands are refused until it answers again.
    case offline(endpoint: String, reason: String)
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

    public var description: String {
        switch self {
        case let .link(error):
            return error.description
        case let .noAnswer(command, camera, endpoint, milliseconds, hint):
            return "\(camera) on \(endpoint) did not answer \(command) within \(milliseconds) ms: \(hint)"
        case let .noCompletion(command, camera, endpoint, milliseconds):
            return "\(camera) on \(endpoint) accepted \(command) but did not report it finished within \(milliseconds) ms: "
                + "check the camera is not blocked mechanically and its power supply; the command was not sent again"
        case let .rejected(command, camera, error):
            return "\(camera) refused \(command): \(error)"
        case let .offline(endpoint, reason):
            return "the camera on \(endpoint) is offline (\(reason)); DiemCau reconnects by itself as soon as it answers again"
        case let .notOnChain(address, endpoint, cameras):
            return "there is no camera \(address) on \(endpoint): AddressSet found \(cameras) camera(s); "
                + "check the daisy-chain cables (VISCA OUT to the next VISCA IN) and that every camera is powered"
        case let .invalid(error):
            return error.description
        case let .presetOutOfRange(number, profile, allowed):
            return "preset \(number) does not exist on a \(profile): it stores presets \(allowed)"
        case let .speedOutOfRange(axis, value, profile, allowed):
            return "\(axis) speed \(value) is outside what a \(profile) takes (\(allowed.lowerBound) to \(allowed.upperBound))"
        case let .zoomOutOfRange(value, profile, allowed):
            return "zoom position \(value) is outside a \(profile)'s range (\(allowed.lowerBound) to \(allowed.upperBound))"
        case let .unexpectedAnswer(message):
            return message
        case let .unknownPresetName(name, camera, known):
            let list = known.isEmpty ? "the book has no names for it yet; store one with `diemcau camera store NUMBER --name NAME`"
                : "the book knows " + known.joined(separator: ", ")
            return "no preset named '\(name)' for \(camera): \(list)"
        case let .invalidPresetName(name):
            return "'\(name)' cannot name a preset: use up to 64 characters, no control characters, not only digits "
                + "(such as \(PresetBook.customarySlots.prefix(5).joined(separator: ", ")))"
        case let .profileNotFound(name, searched, available):
            return "no camera profile '\(name)' (looked in \(searched.joined(separator: ", "))); available: "
                + (available.isEmpty ? "none" : available.joined(separator: ", "))
        case let .profileUnreadable(path, message):
            return "camera profile \(path) cannot be read: \(message)"
        case let .presetBookUnreadable(path, message):
            return "the preset book \(path) cannot be read (\(message)): fix or remove it; presets stored in the camera are not lost"
        case let .presetBookUnwritable(path, message):
            return "the preset book \(path) cannot be written (\(message)): check the state directory exists and is writable "
                + "(StateDirectory=diemcau in the service, or set STATE_DIRECTORY)"
        case let .closed(endpoint):
            return "the connection to \(endpoint) was closed"
        }
    }
}
