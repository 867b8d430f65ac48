#if canImport(Glibc)
import Glibc
#endif
import Support

/// Unmaps the executable's code that only the start needed.
///
/// The kernel maps a program's code in 64 KB runs around each page it
/// touches ("fault-around"). Starting the daemon (reading the configuration,
/// decoding JSON, opening the drivers) touches code all over a statically
/// linked Swift binary, so about 10 MB of it stays mapped though an idle
/// room runs a small part of it. Once READY=1 is sent, `madvise(MADV_DONTNEED)`
/// over the executable's code mappings unmaps those pages; the page cache
/// keeps them, so code the room runs later comes back with a minor fault,
/// no disk read. Unmapped, they are ordinary clean cache the kernel may
/// reclaim when memory runs short; mapped executable pages it protects.
///
/// Only read-only, executable mappings with no private copies are touched:
/// for those, dropping a page loses nothing (the file has the same bytes).
/// The relocated read-only data (RELRO) and the writable data are left
/// alone. `MADV_PAGEOUT` would also evict the page cache, but the kernel
/// allows it only to a process that could write the file, and the service
/// runs as `diemcau` with a binary root owns.
///
/// It matters for the static build that `Scripts/install-service` makes;
/// with the shared Swift runtime (a debug build) most code lives in the
/// runtime's libraries, which it leaves alone.
public enum StartupCode {
    /// What a release did, for the log.
    public struct Release: Sendable {
        public let unmappedBytes: Int
        public let residentBefore: Int
        public let residentAfter: Int
    }

    /// Unmaps the code pages of the running executable.
    public static func release() -> Release {
        let before = residentKilobytes()
        var unmapped = 0
        for mapping in codeMappings() where madvise(mapping.start, mapping.length, MADV_DONTNEED) == 0 {
            unmapped += mapping.length
        }
        return Release(unmappedBytes: unmapped, residentBefore: before, residentAfter: residentKilobytes())
    }

    struct Mapping: Equatable {
        let start: UnsafeMutableRawPointer
        let length: Int
    }

    /// The executable's mappings that are executable, not writable, and hold
    /// no anonymous (privately copied) page, from `/proc/self/smaps`.
    static func codeMappings() -> [Mapping] {
        guard let executable = executablePath(), let smaps = try? procText("/proc/self/smaps") else { return [] }
        return codeMappings(smaps: smaps, executable: executable)
    }

    static func codeMappings(smaps: String, executable: String) -> [Mapping] {
        var found: [Mapping] = []
        var candidate: Mapping?
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            if fields.count >= 5, fields[0].contains("-"), !fields[0].hasSuffix(":") {
                if let candidate { found.append(candidate) }
                candidate = nil
                guard fields.count == 6, fields[5].trimmed() == executable, fields[1].hasPrefix("r-x") else { continue }
                let bounds = fields[0].split(separator: "-")
                guard bounds.count == 2, let low = UInt(bounds[0], radix: 16), let high = UInt(bounds[1], radix: 16),
                    high > low, let start = UnsafeMutableRawPointer(bitPattern: low)
                else { continue }
                candidate = Mapping(start: start, length: Int(high - low))
            } else if candidate != nil, fields.first == "Anonymous:", fields.count >= 2, fields[1] != "0" {
                candidate = nil  // a private copy: its bytes are not the file's
            }
        }
        if let candidate { found.append(candidate) }
        return found
    }

    /// VmRSS of this process, in kilobytes (0 if /proc cannot be read).
    public static func residentKilobytes() -> Int {
        guard let status = try? procText("/proc/self/status"),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
    }

    private static func executablePath() -> String? {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func procText(_ path: String) throws -> String {
        String(decoding: try WholeFile.read(path), as: UTF8.self)
    }
}
