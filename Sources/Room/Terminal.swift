import FoundationEssentials
import Localization

/// What the terminal reports: the call (R1, R11), its mute (R2), registration.
extension State {
    mutating func handle(_ event: TerminalReport, _ step: inout Step) {
        switch event {
        case .call(let update):
            callChanged(update, &step)
        case .nearMute(let nowMuted):
            nearMuteChanged(nowMuted, &step)
        case .registration(let registration):
            let wasRegistered = self.registration?.registered
            guard registration != self.registration else { return }
            self.registration = registration
            step.log(.registration(state: registration))
            if wasRegistered == true, !registration.registered {
                step.emit(.health(change: .init(part: .registration, healthy: false, state: "lost", detail: registration.detail)))
                openIncident(.registrationLost, Message("the terminal lost its gatekeeper/registrar: {detail}", ["detail": registration.detail]), &step)
            } else if wasRegistered == nil, !registration.registered {
                // First word from the terminal: not registered. A fault to show, not a loss.
                step.emit(.health(change: .init(part: .registration, healthy: false, state: "unregistered", detail: registration.detail)))
            } else if wasRegistered == false, registration.registered {
                step.emit(.health(change: .init(part: .registration, healthy: true, state: "restored", detail: registration.detail)))
            }
        case .quality(let sample):
            step.log(.callQuality(sample: sample))
        case .unauthorisedOutgoingCall(let number):
            reportUnauthorisedCall(number, &step)
        case .unitRestarted:
            openIncident(.terminalRestarted, Message("the terminal restarted"), &step)
        case .api(let api):
            apiChanged(api, &step)
        }
    }

    /// R11: a call that ends without the centre asking is an incident reported
    /// to the centre, and nothing more: the room does not redial (R1).
    mutating func callChanged(_ update: CallChange, _ step: inout Step) {
        let previous = call
        guard update.state != previous else { return }
        call = update.state
        step.log(.callState(call: update))
        step.emit(.callState(state: update.state))

        let placedHere = update.direction == .outgoing
        if placedHere, previous == .idle, update.state == .connecting || update.state == .connected, !callOrders.callIsOrdered {
            reportUnauthorisedCall(update.remote ?? "an unknown number", &step)
        }
        if previous == .connected, !callOrders.hangUpIsOrdered {
            // The call that dropped is the one that was connected: a call
            // ringing after a restart has another number.
            let remote = connectedRemote ?? update.remote ?? "the MCU"
            openIncident(.callDropped, update.cause.map { cause in
                Message("the call to {remote} dropped: {cause}", ["remote": remote, "cause": CallCause.describe(cause)])
            } ?? Message("the call to {remote} dropped", ["remote": remote]), &step)
        }
        switch update.state {
        case .connected:
            callOrders.callConnected()
            connectedRemote = update.remote
        case .idle:
            callOrders = .noOrder
        default:
            break
        }
    }

    /// R1: the room must not dial on its own; a call placed from the terminal
    /// itself is an incident and an alert to the centre, once per call.
    mutating func reportUnauthorisedCall(_ number: String, _ step: inout Step) {
        guard !callOrders.unauthorisedCallIsReported else { return }
        callOrders.reportUnauthorisedCall()
        openIncident(.unauthorisedCall, Message("the terminal called {number} without the centre asking (R1)", ["number": number]), &step)
    }
}
