import Localization

/// What is wrong with one line a client sent: answered with an `ERR` reply,
/// never thrown out of the server. The message is said in the reader's
/// language (the connection's, `language vi|en`); the usage that follows it
/// is the protocol's own words and stays as written.
struct ProtocolFault: Error, Sendable, Hashable {
    let code: ControlErrorCode
    let message: Message
    /// The command's usage, e.g. `mute <mic|all>`, written after the message.
    let usage: String?

    init(_ code: ControlErrorCode, _ message: Message, usage: String? = nil) {
        self.code = code
        self.message = message
        self.usage = usage
    }

    /// The fault's text in `language`: `the microphone is missing: mute <mic|all>`.
    func said(in language: Language) -> String {
        let text = message.said(in: language)
        return usage.map { text + ": " + $0 } ?? text
    }

    func reply(in language: Language) -> ControlReply { .error(code, said(in: language)) }
}
