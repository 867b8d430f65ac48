import FoundationEssentials
import Room
import Localization

/// The gate (rule R1): the only way from the room to the terminal's
/// call-control commands.
extension TerminalClient {
    /// Carries out one call order the room's rules authorised, once.
    ///
    /// Every use is reported as a `TerminalEvent.callControl` event (and
    /// returned), whether the terminal accepted the command, refused it, or
    /// it could not be sent. An authorisation is good for one command and for
    /// `Options.authorizationLifetime` after it was granted; it cannot be
    /// replayed to redial a call that dropped.
    @discardableResult
    public func perform(_ authorization: CallAuthorization) async throws -> CallControlReport {
        let sentAt = Date()
        func report(_ command: String, _ outcome: CallControlReport.Outcome) -> CallControlReport {
            let report = CallControlReport(authorization: authorization, command: command, sentAt: sentAt, outcome: outcome)
            log(report.message)
            emit(.callControl(report))
            return report
        }
        guard !usedAuthorizations.contains(authorization) else {
            let error = CodecError.authorizationAlreadyUsed(requestedBy: authorization.requestedBy)
            _ = report("", .failed(error.description))
            throw error
        }
        let age = sentAt.timeIntervalSince(authorization.grantedAt)
        guard age <= options.authorizationLifetime.seconds else {
            let error = CodecError.authorizationExpired(requestedBy: authorization.requestedBy, ageSeconds: age)
            _ = report("", .failed(error.description))
            throw error
        }
        usedAuthorizations.insert(authorization)
        let command: DialectCommand
        do {
            command = try dialect.callControlCommand(for: authorization.order)
        } catch {
            _ = report("", .failed(error.description))
            throw error
        }
        var dialWindowEnd: ContinuousClock.Instant?
        if case .dial = authorization.order {
            let end = ContinuousClock.now + options.dialWindow
            dialWindowEnd = end
            authorisedDials.append(end)
        }
        func withdrawDial() {
            if let dialWindowEnd, let index = authorisedDials.firstIndex(of: dialWindowEnd) {
                authorisedDials.remove(at: index)
            }
        }
        do {
            let lines = try await run(command, authorised: true)
            // Feedback that arrived inside the answer (Cisco) still counts.
            apply(lines.flatMap(dialect.interpret))
            let answer = lines.isEmpty ? "sent (the terminal answers nothing to it)" : lines.joined(separator: " ")
            if lines.contains(where: dialect.isRefusal) {
                withdrawDial()
                _ = report(command.text, .refused(answer))
                throw CodecError.commandFailed(command: command.text, answer: answer)
            }
            return report(command.text, .accepted(answer))
        } catch let error as CodecError {
            if case let .commandFailed(_, answer) = error {
                withdrawDial()
                _ = report(command.text, .refused(answer))
            } else {
                _ = report(command.text, .failed(error.description))
            }
            throw error
        }
    }
}
