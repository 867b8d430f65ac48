/// Cuts a byte stream into lines at CR, LF or CRLF, holding at most
/// `maxLineBytes` of an unfinished line: a longer line is reported once,
/// and its bytes are not kept, however many arrive.
struct LineFramer {
    enum Piece: Equatable {
        case line([UInt8])
        case overlong
    }

    let maxLineBytes: Int
    private var partial: [UInt8] = []

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds bytes; `emit` gets each finished, non-empty line. Returns false
    /// once a line has run past the limit (nothing more is read after that).
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, emit: (Piece) -> Void) -> Bool {
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                if !partial.isEmpty {
                    emit(.line(partial))
                    partial.removeAll(keepingCapacity: partial.capacity <= 4096)
                }
            } else {
                guard partial.count < maxLineBytes else {
                    partial = []
                    emit(.overlong)
                    return false
                }
                partial.append(byte)
            }
        }
        return true
    }
}
