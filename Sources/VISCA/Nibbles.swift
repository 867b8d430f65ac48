/// VISCA spreads 16-bit values over four bytes, one nibble each (`0p 0q 0r 0s`),
/// so that no parameter byte can look like the terminator `FF`.
enum Nibbles {
    /// `0x1234` → `[01, 02, 03, 04]`.
    static func encode(_ value: UInt16) -> [UInt8] {
        [UInt8(value >> 12), UInt8((value >> 8) & 0xF), UInt8((value >> 4) & 0xF), UInt8(value & 0xF)]
    }

    /// Four nibble bytes back to a value; nil when a byte has its high nibble set
    /// or there are not exactly four bytes.
    static func decode<C: Collection<UInt8>>(_ bytes: C) -> UInt16? {
        guard bytes.count == 4 else { return nil }
        var value: UInt16 = 0
        for byte in bytes {
            guard byte <= 0x0F else { return nil }
            value = value << 4 | UInt16(byte)
        }
        return value
    }

    /// A signed position (pan, tilt) as two's-complement nibbles.
    static func encode(signed value: Int16) -> [UInt8] { encode(UInt16(bitPattern: value)) }

    static func decodeSigned<C: Collection<UInt8>>(_ bytes: C) -> Int16? {
        decode(bytes).map { Int16(bitPattern: $0) }
    }
}

extension Sequence<UInt8> {
    /// `"81 01 04 3F 02 01 FF"`: how technicians and vendor guides write VISCA bytes.
    public var viscaHex: String {
        map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: " ")
    }
}
