#if canImport(Glibc)
import Glibc
#endif

/// Why the simulator could not start a transport, with what to check.
public enum SimulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system call failed; `errno` and the call's name say which.
    case system(call: String, errno: Int32, detail: String)
    /// A chain must hold 1 to 7 cameras.
    case cameraCountOutOfRange(Int)

    static func failed(_ call: String, _ detail: String) -> SimulatorError {
        .system(call: call, errno: errno, detail: detail)
    }

    public var description: String {
        switch self {
        case .system(let call, let code, let detail):
            let reason = strerror(code).map { pointer in
                String(decoding: UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            } ?? "error"
            return "\(detail): \(call) failed: \(reason) (errno \(code))"
        case .cameraCountOutOfRange(let count):
            return "a VISCA chain holds 1 to 7 cameras, not \(count)"
        }
    }
}
