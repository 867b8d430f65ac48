#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in one go, with the `errno` of a failure: the technician is
/// told "No such file or directory" or "Permission denied", the two things
/// they can fix, rather than a framework's error code.
public enum WholeFile {
    /// Why a file could not be read.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let errno: Int32
        public var description: String { Errno(rawValue: errno).description }
    }

    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        do throws(Errno) {
            let file = FileDescriptor(adopting: try retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) })
            defer { file.close() }
            var contents: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = try retryingOnInterrupt {
                    buffer.withUnsafeMutableBytes { systemRead(file.rawValue, $0.baseAddress, $0.count) }
                }
                if count == 0 { return contents }
                contents.append(contentsOf: buffer[0..<count])
            }
        } catch {
            throw Failure(errno: error.rawValue)
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
