import FoundationEssentials
import Localization
import Room
import Support

/// The control protocol carried by the fleet's MQTT broker (issue 19).
///
/// A message on a room's command topic is one JSON-mode request, exactly as
/// a session in JSON mode sends it (`{"id": 7, "command": "mute all"}`): the
/// same grammar, the same role rule (`CommandCatalog.refusal`), the same handler. The
/// role is not claimed by the message but given by the room's configuration:
/// the broker's ACL lets only the centre's account publish there. The reply
/// is the JSON-mode reply, carrying the request's `id` as correlation.
public enum BrokerCommands {
    /// A reply to publish, and whether the command was done (`OK`): a
    /// refusal or a failure changed nothing, and may be asked again.
    public struct Answer: Sendable {
        /// The JSON-mode reply line, without its line end.
        public let line: String
        public let done: Bool
    }

    /// Answers one command message as `role`.
    public static func answer(_ payload: [UInt8], role: Role, peer: ControlPeer, language: Language = .en,
                              handler: some ControlHandler) async -> Answer {
        let reply: (ControlReply, RequestID?)
        switch JSONRequest.decode(String(decoding: payload, as: UTF8.self)) {
        case .failure(let failure):
            reply = (failure.fault.reply(in: language), failure.id)
        case .success(let request):
            reply = (await answer(request.words, role: role, peer: peer, language: language, handler: handler), request.id)
        }
        let done = if case .error = reply.0 { false } else { true }
        return Answer(line: WireFormat.reply(reply.0, mode: .json, id: reply.1).trimmingSuffix(WireFormat.lineEnd), done: done)
    }

    private static func answer(_ words: [String], role: Role, peer: ControlPeer, language: Language,
                               handler: some ControlHandler) async -> ControlReply {
        let line: ControlLine
        do {
            line = try CommandGrammar.parse(words)
        } catch {
            return error.reply(in: language)
        }
        guard case .room(let command) = line else {
            return .error(.unknownCommand, language.say(
                "'{command}' belongs to a session (login, events, mode, help, quit) and has no meaning over the broker: send room commands such as status or mute all",
                ["command": words.first ?? ""]))
        }
        // R1: a broker keeps what it cannot deliver, and delivers it again
        // after a reconnection (with the duplicate flag, or from a persistent
        // session): a call order could reach the room hours late, or twice.
        if case .call = command {
            return .error(.refused, language.say(
                "call orders are not taken over the broker: one kept while the room was away could reach it late, or twice (R1); the centre dials the room from the MCU, or orders it on the control port"))
        }
        let request = ControlRequest(command: command, sender: ControlClient(role: role, peer: peer), language: language)
        if let forbidden = CommandCatalog.refusal(of: command, role: role, overBroker: true) {
            await handler.note(.forbidden(request))
            return forbidden.reply(in: language)
        }
        return await handler.handle(request)
    }

    /// Whether the message asks for a document (`report`): it takes a while
    /// (reading a half year of the logbook) and changes nothing in the room,
    /// so the commands after it need not wait for it.
    public static func asksForDocument(_ payload: [UInt8]) -> Bool {
        guard case .success(let request) = JSONRequest.decode(String(decoding: payload, as: UTF8.self)),
              case .room(.report)? = try? CommandGrammar.parse(request.words)
        else { return false }
        return true
    }

    /// The `id` of a command message as its JSON text (`7`, `"c-42"`), nil
    /// when it has none: what a repeated delivery of it is recognized by.
    public static func requestID(of payload: [UInt8]) -> String? {
        struct OnlyID: Decodable { var id: RequestID? }
        return (try? JSONDecoder().decode(OnlyID.self, from: Data(payload)))?.id?.json
    }

    /// An event as the JSON-mode event line (without its line end); its
    /// messages in English, as the fleet's other texts.
    public static func event(_ event: ControlEvent) -> String {
        WireFormat.event(event, mode: .json, in: .en).trimmingSuffix(WireFormat.lineEnd)
    }

    /// Fields as one JSON object, in their order.
    public static func json(of fields: [ControlField]) -> String {
        WireFormat.json(of: fields, in: .en)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
