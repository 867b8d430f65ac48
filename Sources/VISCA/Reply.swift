/// One message from the camera side of the chain, decoded.
public struct Reply: Hashable, Sendable, CustomStringConvertible {
    /// Who sent it, from its first byte.
    public var sender: Sender
    public var kind: Kind

    public enum Kind: Hashable, Sendable {
        /// ACK `x0 4y FF`: the command was accepted into socket y.
        case acknowledged(socket: Int)
        /// Completion `x0 5y FF`: the command in socket y has finished.
        /// Also `x0 50 FF`, a camera's answer to IF_Clear addressed to it.
        case completed(socket: Int)
        /// Completion carrying inquiry data `x0 50 ... FF`; decode it with `Inquiry.answer(from:)`.
        case answer(data: [UInt8])
        /// Error `x0 6y EE FF`.
        case failed(socket: Int, ReplyError)
        /// AddressSet's reply `88 30 0w FF`: w is the last camera's address + 1.
        case addressSet(nextAddress: Int)
        /// IF_Clear broadcast, come back round the chain unchanged: `88 01 00 01 FF`.
        case interfaceClearEcho
        /// Network Change `x0 38 FF`: a camera was added or power-cycled; run AddressSet again.
        case networkChange
    }

    public init(sender: Sender, kind: Kind) {
        self.sender = sender
        self.kind = kind
    }

    /// Decodes one framed message (first byte to `FF` inclusive).
    public init<C: Collection<UInt8>>(decoding message: C) throws(VISCAError) {
        let bytes = Array(message)
        func malformed(_ reason: String) -> VISCAError { .malformedReply(bytes, reason: reason) }
        guard bytes.count >= 3 else { throw malformed("a reply has at least 3 bytes") }
        guard bytes.count <= 16 else { throw malformed("a VISCA message has at most 16 bytes") }
        guard bytes.last == 0xFF else { throw malformed("it does not end with FF") }
        guard let sender = Sender(header: bytes[0]) else {
            throw malformed("the first byte \([bytes[0]].viscaHex) names no sender (expected 90 to F0, or 88)")
        }
        self.sender = sender
        let body = bytes[1..<(bytes.count - 1)]
        let first = body.first!

        if sender == .broadcast {
            if Array(body) == [0x01, 0x00, 0x01] {
                kind = .interfaceClearEcho
            } else if body.count == 2, first == 0x30, body.last! <= 0x0F {
                kind = .addressSet(nextAddress: Int(body.last!))
            } else {
                throw malformed("a broadcast reply is either AddressSet (88 30 0w FF) or IF_Clear (88 01 00 01 FF)")
            }
            return
        }

        let socket = Int(first & 0x0F)
        switch first & 0xF0 {
        case 0x40 where body.count == 1:
            kind = .acknowledged(socket: socket)
        case 0x50 where body.count == 1:
            kind = .completed(socket: socket)
        case 0x50 where socket == 0:
            kind = .answer(data: Array(body.dropFirst()))
        case 0x60 where body.count == 2:
            kind = .failed(socket: socket, ReplyError(code: body.last!))
        case 0x30 where body.count == 1 && socket == 8:
            kind = .networkChange
        default:
            throw malformed("it is neither ACK (x0 4y FF), Completion (x0 5y FF), an error (x0 6y EE FF) nor Network Change (x0 38 FF)")
        }
    }

    /// The reply's bytes, first byte to `FF`.
    public var encoded: [UInt8] {
        var bytes = [sender.header]
        switch kind {
        case .acknowledged(let socket): bytes.append(0x40 | UInt8(socket & 0x0F))
        case .completed(let socket): bytes.append(0x50 | UInt8(socket & 0x0F))
        case .answer(let data): bytes += [0x50] + data
        case .failed(let socket, let error): bytes += [0x60 | UInt8(socket & 0x0F), error.code]
        case .addressSet(let next): bytes += [0x30, UInt8(next & 0x0F)]
        case .interfaceClearEcho: bytes += [0x01, 0x00, 0x01]
        case .networkChange: bytes.append(0x38)
        }
        return bytes + [0xFF]
    }

    public var description: String {
        switch kind {
        case .acknowledged(let socket): "ACK socket \(socket) from \(sender)"
        case .completed(let socket): "Completion socket \(socket) from \(sender)"
        case .answer(let data): "answer \(data.viscaHex) from \(sender)"
        case .failed(let socket, let error): "error on socket \(socket) from \(sender): \(error)"
        case .addressSet(let next): "AddressSet reply: \(next - 1) camera(s) on the chain"
        case .interfaceClearEcho: "IF_Clear broadcast came back round the chain"
        case .networkChange: "Network Change from \(sender): run AddressSet again"
        }
    }
}

/// The error a camera reports in `x0 6y EE FF`.
public enum ReplyError: Hashable, Sendable, Error, CustomStringConvertible {
    /// `01`: the message was longer than the camera accepts.
    case messageLength
    /// `02`: unknown command, or a parameter the camera does not accept.
    case syntax
    /// `03`: both sockets are busy.
    case bufferFull
    /// `04`: the command in the socket was cancelled (answer to Command Cancel).
    case cancelled
    /// `05`: Command Cancel named a socket with no command in it.
    case noSocket
    /// `41`: the command cannot run in the camera's current mode (for example in standby).
    case notExecutable
    /// A code this library does not know.
    case other(UInt8)

    public init(code: UInt8) {
        switch code {
        case 0x01: self = .messageLength
        case 0x02: self = .syntax
        case 0x03: self = .bufferFull
        case 0x04: self = .cancelled
        case 0x05: self = .noSocket
        case 0x41: self = .notExecutable
        default: self = .other(code)
        }
    }

    /// The byte `EE`.
    public var code: UInt8 {
        switch self {
        case .messageLength: 0x01
        case .syntax: 0x02
        case .bufferFull: 0x03
        case .cancelled: 0x04
        case .noSocket: 0x05
        case .notExecutable: 0x41
        case .other(let code): code
        }
    }

    public var description: String {
        switch self {
        case .messageLength:
            "message length error (01): the camera got a message longer than it accepts; check the baud rate and the cable for noise"
        case .syntax:
            "syntax error (02): the camera does not know this command or refuses a parameter; check the camera profile (preset range, speed range) for this model"
        case .bufferFull:
            "command buffer full (03): the camera is already executing two commands; wait for a Completion or cancel one"
        case .cancelled:
            "command cancelled (04): the command was stopped by Command Cancel"
        case .noSocket:
            "no socket (05): nothing was executing in that socket, so there was nothing to cancel"
        case .notExecutable:
            "command not executable (41): the camera cannot do this in its current mode; is it in standby? power it on first"
        case .other(let code):
            "unknown error code \([code].viscaHex): see the camera's VISCA manual"
        }
    }
}
