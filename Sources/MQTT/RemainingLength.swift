/// The "Remaining Length" of a fixed header (MQTT 3.1.1 section 2.2.3): seven
/// bits a byte, least significant group first, the top bit saying another
/// byte follows; at most four bytes, so at most 268,435,455.
enum RemainingLength {
    /// The largest length four bytes can say.
    static let maximum = 268_435_455

    static func encode(_ value: Int) -> [UInt8] {
        precondition(value >= 0 && value <= maximum, "MQTT remaining length \(value) out of range")
        var rest = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(rest % 128)
            rest /= 128
            if rest > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while rest > 0
        return bytes
    }

    /// Reads a length from `bytes` at `start`: the value and how many bytes
    /// it took, `nil` when more bytes are needed; throws past four bytes.
    static func decode(_ bytes: ArraySlice<UInt8>, at start: Int) throws(MQTTError) -> (value: Int, size: Int)? {
        var value = 0
        var multiplier = 1
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            value += Int(byte & 0x7F) * multiplier
            index += 1
            if byte & 0x80 == 0 { return (value, index - start) }
            multiplier *= 128
            if index - start == 4 { throw .malformed("a remaining length longer than four bytes") }
        }
        return nil
    }
}
