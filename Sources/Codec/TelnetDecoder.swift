/// The Telnet layer of a terminal's API as a value: bytes in, lines and
/// option refusals out. It knows nothing about sockets, so every case of the
/// protocol is a plain unit test.
///
/// - Options are refused: `DO x` is answered `WONT x`, `WILL x` with `DONT x`
///   (RFC 854/855); `DONT`/`WONT` need no answer because nothing is enabled.
/// - `IAC IAC` is a data byte 0xFF; subnegotiations (`IAC SB ... IAC SE`) are
///   dropped; every other IAC command is stripped.
/// - CR, LF, CR LF and CR CR LF all end a line; empty lines are dropped; NUL is
///   dropped (Telnet's CR NUL).
/// - Memory is bounded: a line longer than `maximumLineLength` bytes throws
///   `CodecError.lineTooLong` and the caller resets the connection.
public struct TelnetDecoder: Sendable {
    public enum Byte {
        public static let iac: UInt8 = 255
        public static let dont: UInt8 = 254
        public static let `do`: UInt8 = 253
        public static let wont: UInt8 = 252
        public static let will: UInt8 = 251
        public static let sb: UInt8 = 250
        public static let se: UInt8 = 240
    }

    /// What one chunk of bytes turned into.
    public struct Output: Sendable, Equatable {
        /// Complete, non-empty lines, without their line ends.
        public var lines: [String] = []
        /// Bytes to send back: the refusals of the options the peer offered.
        public var replies: [UInt8] = []
    }

    private enum Mode: Sendable {
        case data, command, option(UInt8), subnegotiation, subnegotiationCommand
    }

    public let maximumLineLength: Int
    public let maximumSubnegotiationLength: Int
    private var line: [UInt8] = []
    private var mode = Mode.data
    private var subnegotiationLength = 0
    private var lastWasCR = false

    public init(maximumLineLength: Int = 64 * 1024, maximumSubnegotiationLength: Int = 4096) {
        self.maximumLineLength = maximumLineLength
        self.maximumSubnegotiationLength = maximumSubnegotiationLength
        line.reserveCapacity(256)
    }

    /// The text received since the last line end: a prompt such as
    /// `Password: ` or `-> ` that no line end follows.
    public var pendingText: String { String(decoding: line, as: UTF8.self) }

    /// How many bytes the decoder holds; never more than `maximumLineLength`.
    public var bufferedByteCount: Int { line.count }

    public mutating func decode(_ bytes: some Collection<UInt8>) throws(CodecError) -> Output {
        var result: Result<Output, CodecError>?
        _ = bytes.withContiguousStorageIfAvailable { buffer in
            result = Result { () throws(CodecError) -> Output in try decode(buffer) }
        }
        if result == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in
                result = Result { () throws(CodecError) -> Output in try decode(buffer) }
            }
        }
        return try result!.get()
    }

    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(CodecError) -> Output {
        var output = Output()
        var index = 0
        let count = bytes.count
        while index < count {
            if case .data = mode {
                // The common case: a run of ordinary text, copied at once.
                var end = index
                while end < count {
                    let byte = bytes[end]
                    if byte == Byte.iac || byte == 0x0D || byte == 0x0A || byte == 0x00 { break }
                    end += 1
                }
                if end > index {
                    guard line.count + (end - index) <= maximumLineLength else {
                        line = []
                        throw .lineTooLong(limit: maximumLineLength)
                    }
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    lastWasCR = false
                    index = end
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            switch mode {
            case .data:
                if byte == Byte.iac {
                    mode = .command
                } else {
                    try data(byte, into: &output)
                }
            case .command:
                switch byte {
                case Byte.iac:
                    mode = .data
                    try data(Byte.iac, into: &output)
                case Byte.do, Byte.dont, Byte.will, Byte.wont:
                    mode = .option(byte)
                case Byte.sb:
                    mode = .subnegotiation
                    subnegotiationLength = 0
                default:
                    mode = .data // NOP, GA, AYT, ...: stripped
                }
            case let .option(verb):
                if verb == Byte.do {
                    output.replies += [Byte.iac, Byte.wont, byte]
                } else if verb == Byte.will {
                    output.replies += [Byte.iac, Byte.dont, byte]
                }
                mode = .data
            case .subnegotiation:
                if byte == Byte.iac {
                    mode = .subnegotiationCommand
                } else {
                    try countSubnegotiation()
                }
            case .subnegotiationCommand:
                if byte == Byte.se {
                    mode = .data
                } else {
                    mode = .subnegotiation
                    try countSubnegotiation()
                }
            }
        }
        return output
    }

    private mutating func countSubnegotiation() throws(CodecError) {
        subnegotiationLength += 1
        if subnegotiationLength > maximumSubnegotiationLength {
            throw .subnegotiationTooLong(limit: maximumSubnegotiationLength)
        }
    }

    private mutating func data(_ byte: UInt8, into output: inout Output) throws(CodecError) {
        switch byte {
        case 0x0D:
            endLine(into: &output)
            lastWasCR = true
            return
        case 0x0A:
            if !lastWasCR { endLine(into: &output) }
        case 0x00:
            break
        default:
            guard line.count < maximumLineLength else {
                line = []
                throw .lineTooLong(limit: maximumLineLength)
            }
            line.append(byte)
        }
        lastWasCR = false
    }

    private mutating func endLine(into output: inout Output) {
        if !line.isEmpty {
            output.lines.append(String(decoding: line, as: UTF8.self))
            line.removeAll(keepingCapacity: true)
        }
    }
}

/// Lines going to the terminal: one command per line, IAC doubled, CR LF.
public enum TelnetEncoder {
    /// Encodes one command. A command containing a line end or another
    /// control character is refused: it could smuggle a second command (a
    /// dial string with a line end in it must never become two commands).
    public static func line(_ text: String) throws(CodecError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { throw .invalidCommandText(text) }
            bytes.append(byte)
            if byte == TelnetDecoder.Byte.iac { bytes.append(byte) }
        }
        return bytes + [0x0D, 0x0A]
    }
}
