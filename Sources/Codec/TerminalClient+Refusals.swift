import Localization

/// A command the terminal's model does not have must not stop everything.
extension TerminalClient {
    /// Runs `exchange`, one query or session-setup command. When the
    /// terminal refuses the command (a model without it answers `error:
    /// command not found` or `error: this command is not supported on this
    /// model`, both documented Poly answers), the session goes on: `nil`
    /// comes back, what the command would have told stays unknown, the
    /// refusal is kept in `state.refusedCommands` and logged once.
    func unlessRefused(
        _ command: DialectCommand, leaving consequence: @autoclosure () -> Message,
        _ exchange: () async throws -> [String]
    ) async throws -> [String]? {
        do {
            let lines = try await exchange()
            state.refusedCommands[command.text] = nil
            return lines
        } catch CodecError.commandFailed(_, let answer) {
            state.refusedCommands[command.text] = answer
            if refusalsLogged.insert(command.text).inserted {
                log(Message("the terminal refuses '{command}' ({answer}): {consequence}; the session goes on", ["command": command.text, "answer": answer],
                            parts: ["consequence": consequence()]))
            }
            return nil
        }
    }
}
