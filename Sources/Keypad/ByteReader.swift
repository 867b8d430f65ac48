#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// What one wake-up of a read source found.
enum ReadChunk: Sendable {
    case bytes([UInt8])
    /// The end: nil for end of file, else the errno of the failed read.
    case end(errno: Int32?)
}

/// Reads a non-blocking file descriptor from a Dispatch read source of its
/// own; no thread waits and nothing polls. The stream owns the descriptor: it
/// closes it when the reading ends or the consumer stops listening, and
/// finishes only after the close, so a caller that waits for the end can
/// rely on the descriptor being gone.
enum ByteReader {
    static func chunks(from fd: Int32, label: String) -> AsyncStream<ReadChunk> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReadChunk.self)
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue(label: label))
        let handle = SourceHandle(source)
        // The handler holds the source until it is cancelled; libdispatch
        // releases the handlers then, which breaks the cycle.
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    continuation.yield(.bytes(Array(buffer[0..<count])))
                    continue
                }
                if count == 0 {
                    continuation.yield(.end(errno: nil))
                    handle.cancel()
                    return
                }
                switch errno {
                case EINTR:
                    continue
                case EAGAIN:
                    return
                case let code:
                    continuation.yield(.end(errno: code))
                    handle.cancel()
                    return
                }
            }
        }
        source.setCancelHandler {
            close(fd)
            continuation.finish()
        }
        continuation.onTermination = { _ in handle.cancel() }
        source.resume()
        return stream
    }
}
