import Glibc

/// Asking PulseAudio about its sources with its own tool, `pactl`.
public enum Pulse {
    /// Whether PulseAudio says the source is muted (`pactl get-source-mute`);
    /// nil when pactl gives no answer (no server, no such source).
    public static func sourceMuted(_ source: String) -> Bool? {
        guard let text = try? output(["/usr/bin/pactl", "get-source-mute", source]) else { return nil }
        if text.contains("Mute: yes") { return true }
        if text.contains("Mute: no") { return false }
        return nil
    }

    public static func sourceIndex(_ source: String) throws -> Int {
        for line in try output(["/usr/bin/pactl", "list", "short", "sources"]).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count > 1, fields[1] == source, let index = Int(fields[0]) { return index }
        }
        throw BenchFailure("PulseAudio has no source '\(source)'")
    }

    public static func output(_ arguments: [String]) throws -> String {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw BenchFailure("pipe failed") }
        let pid = try spawn(arguments, stdout: ends[1])
        close(ends[1])
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        close(ends[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: data, as: UTF8.self)
    }
}
