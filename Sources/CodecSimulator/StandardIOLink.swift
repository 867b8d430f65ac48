import Codec
import Foundation
import Support
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The simulator's standard input and output as one session's link: what
/// `sshd` hands the command it runs for an SSH session. A thread of its own
/// blocks in `read` on standard input.
final class StandardIOLink: ByteLink {
    let reads: AsyncStream<SocketRead>
    private let open = Mutex(true)

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: SocketRead.self, bufferingPolicy: .unbounded)
        reads = stream
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if count > 0 {
                    continuation.yield(.bytes(Array(buffer[0..<count])))
                } else if count == 0 || errno != EINTR {
                    continuation.yield(.closed)
                    break
                }
            }
            continuation.finish()
        }
        thread.name = "codec-sim stdin"
        thread.start()
    }

    func write(_ bytes: [UInt8]) throws(CodecError) {
        let failure: Int32 = open.withLock { open in
            guard open else { return EPIPE }
            var written = 0
            do throws(Errno) {
                try writeFully(1, bytes, written: &written)
            } catch {
                return error.rawValue
            }
            return 0
        }
        if failure != 0 { throw .socketFailed(operation: "write", errno: failure) }
    }

    /// The session is over: standard output closes, which ends the SSH channel.
    func close() {
        open.withLock { open in
            if open { Glibc.close(1) }
            open = false
        }
    }
}
