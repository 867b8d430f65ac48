import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What went wrong with a file, in the system's words.
///
/// FoundationEssentials' file errors print as `CocoaError(code: ...
/// userInfo: [...])`; the `errno` inside ("No such file or directory",
/// "Permission denied") is what a technician can act on. With Foundation
/// linked, `localizedDescription` said it; the daemon no longer links it.
public enum SystemReason {
    /// The `strerror` text of the POSIX error in `error`, else `error` as it prints.
    public static func of(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return Errno(rawValue: posix.code.rawValue).description }
        if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
            return Errno(rawValue: posix.code.rawValue).description
        }
        return "\(error)"
    }
}
