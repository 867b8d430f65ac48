/// What is wrong with one line a client sent: answered with an `ERR` reply,
/// never thrown out of the server.
struct ProtocolFault: Error, Sendable, Hashable {
    let code: ControlErrorCode
    let message: String

    init(_ code: ControlErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    var reply: ControlReply { .error(code, message) }
}
