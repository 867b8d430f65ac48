import Localization

/// One thing wrong in a room configuration: where, what, and how to fix it.
/// Made while the file is read, said later in the reader's language: the
/// CLI's (`LANG`), or the room's in the daemon's journal.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible, Sayable {
    /// The field, as a path: `microphones[1].element`; empty for the whole file.
    public let field: String
    /// What is wrong with it.
    public let what: Message
    /// What the technician should do.
    public let remedy: Message

    public init(field: String, problem: Message, fix: Message) {
        self.field = field
        self.what = problem
        self.remedy = fix
    }

    /// What is wrong, in English.
    public var problem: String { what.description }
    /// What to do, in English.
    public var fix: String { remedy.description }

    /// `control.tcp.port: 1e308 is not a port number: give a whole number from 1 to 65535`.
    public var message: Message {
        field.isEmpty
            ? Message("{problem}: {fix}", parts: ["problem": what, "fix": remedy])
            : Message("{field}: {problem}: {fix}", ["field": field], parts: ["problem": what, "fix": remedy])
    }

    public var description: String { message.description }
}

/// Why a room configuration cannot be used. Each message names the file, the
/// field and the fix, so that `diemcau config check` is all a technician needs.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible, Sayable {
    /// The file cannot be read at all.
    case unreadable(file: String, reason: String)
    /// The file is not JSON.
    case notJSON(file: String, reason: String)
    /// The file is JSON, but some fields are missing, mistyped or inconsistent.
    case invalid(file: String, problems: [ConfigurationProblem])

    public var description: String { message.description }

    /// Every line in one message; an invalid file's problems one a line, each naming the file.
    public var message: Message {
        switch self {
        case .unreadable(let file, let reason):
            return Message("{file}: cannot be read: {reason} (check the path given with --config and the file's permissions)", ["file": file, "reason": reason])
        case .notJSON(let file, let reason):
            return Message("{file}: is not valid JSON: {reason}", ["file": file, "reason": reason])
        case .invalid(let file, let problems):
            return problems.dropFirst().reduce(Message("{file}: {problem}", ["file": file], parts: ["problem": problems.first?.message ?? .verbatim("")])) {
                Message("{lines}\n{file}: {problem}", ["file": file], parts: ["lines": $0, "problem": $1.message])
            }
        }
    }

    /// The problems listed, one per line; empty for a file that could not be read.
    public var problems: [ConfigurationProblem] {
        if case .invalid(_, let problems) = self { return problems }
        return []
    }
}
