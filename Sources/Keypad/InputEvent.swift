/// One record from a Linux evdev device: the kernel's `struct input_event`.
///
/// On 64-bit Linux the record is 24 bytes in the machine's byte order: a
/// `struct timeval` (two 8-byte longs: seconds, microseconds), then `type`
/// (u16), `code` (u16) and `value` (s32). A key press is `EV_KEY` with the
/// key's code and value 1; its release has value 0; while the key stays down
/// the kernel repeats it with value 2. Each burst of changes ends with an
/// `EV_SYN`/`SYN_REPORT` record.
public struct InputEvent: Sendable, Hashable {
    /// The size of one record on a 64-bit kernel.
    public static let size = 24

    /// When the kernel saw the change (the device's clock, not ours).
    public var seconds: Int64
    public var microseconds: Int64
    /// `EV_KEY`, `EV_SYN`, `EV_MSC`, ...
    public var type: EventType
    /// For `EV_KEY`: the key (`KEY_KP1`, ...). For `EV_SYN`: `SYN_REPORT` or `SYN_DROPPED`.
    public var code: UInt16
    /// For `EV_KEY`: 0 release, 1 press, 2 autorepeat.
    public var value: Int32

    public init(type: EventType, code: UInt16, value: Int32, seconds: Int64 = 0, microseconds: Int64 = 0) {
        self.type = type
        self.code = code
        self.value = value
        self.seconds = seconds
        self.microseconds = microseconds
    }

    /// A key record, as a keypad sends it.
    public static func key(_ key: KeyCode, _ state: KeyState) -> InputEvent {
        InputEvent(type: .key, code: key.rawValue, value: state.rawValue)
    }

    /// The `SYN_REPORT` that closes each burst of records.
    public static let report = InputEvent(type: .synchronization, code: SynchronizationCode.report, value: 0)

    /// Decodes one record from exactly `InputEvent.size` bytes in machine order.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.size else { return nil }
        let b = Array(bytes)
        func integer<T: FixedWidthInteger>(_ offset: Int, as _: T.Type) -> T {
            var raw = T.zero
            withUnsafeMutableBytes(of: &raw) { destination in
                for i in 0..<MemoryLayout<T>.size { destination[i] = b[offset + i] }
            }
            return raw
        }
        self.init(
            type: EventType(rawValue: integer(16, as: UInt16.self)),
            code: integer(18, as: UInt16.self),
            value: integer(20, as: Int32.self),
            seconds: integer(0, as: Int64.self),
            microseconds: integer(8, as: Int64.self)
        )
    }

    /// The record as the kernel would write it: 24 bytes in machine order.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.size)
        withUnsafeBytes(of: seconds) { out += $0 }
        withUnsafeBytes(of: microseconds) { out += $0 }
        withUnsafeBytes(of: type.rawValue) { out += $0 }
        withUnsafeBytes(of: code) { out += $0 }
        withUnsafeBytes(of: value) { out += $0 }
        return out
    }
}

/// The `EV_*` event types of `linux/input-event-codes.h` that a keypad sends.
public struct EventType: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `EV_SYN`: the end of a burst, or `SYN_DROPPED` when the kernel lost records.
    public static let synchronization = EventType(rawValue: 0x00)
    /// `EV_KEY`: a key went down, up, or repeated.
    public static let key = EventType(rawValue: 0x01)
    /// `EV_MSC`: the HID scan code that USB keyboards send before each key record.
    public static let miscellaneous = EventType(rawValue: 0x04)
    /// `EV_LED`: NumLock and the other lights.
    public static let led = EventType(rawValue: 0x11)
    /// `EV_REP`: the autorepeat settings.
    public static let repeatSettings = EventType(rawValue: 0x14)
}

/// The codes of `EV_SYN` records.
public enum SynchronizationCode {
    /// `SYN_REPORT`: the burst is complete.
    public static let report: UInt16 = 0
    /// `SYN_DROPPED`: the kernel's buffer overflowed and records were lost;
    /// what was held down is unknown until the next `SYN_REPORT`.
    public static let dropped: UInt16 = 3
}

/// What happened to a key, as the value of an `EV_KEY` record.
public enum KeyState: Int32, Sendable, Hashable {
    case released = 0
    case pressed = 1
    /// The kernel's autorepeat while the key stays down.
    case repeated = 2
}
