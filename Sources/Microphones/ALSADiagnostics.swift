import CALSA
import Glibc
import Synchronization

/// alsa-lib prints its errors on standard error ("ALSA lib pulse.c:242:
/// (pulse_connect) PulseAudio: Unable to connect: Connection refused"), which
/// would fill the daemon's journal every time it retries a missing card.
/// `quietly` routes them, for the calling thread, into a note the driver puts
/// into its own error messages instead.
enum ALSADiagnostics {
    /// The last message alsa-lib gave on each thread inside `quietly`.
    private static let messages = Mutex<[UInt: String]>([:])

    private static let handler: snd_local_error_handler_t = { _, _, _, _, format, arguments in
        guard let format, let arguments else { return }
        var buffer = [CChar](repeating: 0, count: 512)
        _ = vsnprintf(&buffer, buffer.count, format, arguments)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let message = String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        let thread = UInt(pthread_self())
        ALSADiagnostics.messages.withLock { $0[thread] = message }
    }

    /// Runs `body` with alsa-lib's messages caught; returns its result and
    /// alsa-lib's last message, if it gave one.
    static func quietly<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, String?) {
        let thread = UInt(pthread_self())
        messages.withLock { $0[thread] = nil }
        let previous = snd_lib_error_set_local(handler)
        defer { snd_lib_error_set_local(previous) }
        let result = try body()
        let message = messages.withLock { $0.removeValue(forKey: thread) }
        return (result, message)
    }

    /// alsa-lib's words for an error code, with its own message when it gave one.
    static func describe(_ code: Int32, _ message: String?) -> String {
        let text = String(cString: snd_strerror(code))
        guard let message, !message.isEmpty else { return text }
        return "\(text); alsa-lib: \(message)"
    }
}
