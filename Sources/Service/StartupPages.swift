#if canImport(Glibc)
import Glibc
#endif
import Support

/// Gives back the executable's pages that only the start needed.
///
/// The kernel maps a program's code in 64 KB runs around each page it
/// touches ("fault-around"). Starting the daemon (reading the configuration,
/// decoding JSON, opening the drivers, the first readiness check) touches
/// code all over a statically linked Swift binary, so about 10 MB of it stays
/// resident though an idle room runs a small part of it. Once READY=1 is
/// sent, `madvise(MADV_PAGEOUT)` over the executable's mappings hands its
/// clean pages back (measured on the demo room: 18 MB → 10 MB); what the room
/// runs later comes back on first use, from the page cache or the disk, and
/// with it the kernel's read-around, so a busy room climbs back towards
/// 15-18 MB. (`MADV_RANDOM` and dropping the file's page cache were tried;
/// neither kept the later faults to single pages on this kernel, 6.18.)
/// Pages the process wrote (heap, stacks, relocated data) stay: with no
/// swap they have nowhere to go. It matters for the static build that
/// `Scripts/install-service` makes; with the shared Swift runtime (a debug
/// build) most code lives in the runtime's libraries, which it leaves alone.
public enum StartupPages {
    /// What a release did, for the log.
    public struct Release: Sendable {
        public let advisedBytes: Int
        public let residentBefore: Int
        public let residentAfter: Int
    }

    /// `MADV_PAGEOUT` (Linux 5.4); Swift's Glibc module does not name it.
    static let pageOut: Int32 = 21

    /// Pages out the mappings of the running executable.
    public static func release() -> Release {
        let before = residentKilobytes()
        var advised = 0
        for mapping in executableMappings() where madvise(mapping.start, mapping.length, pageOut) == 0 {
            advised += mapping.length
        }
        return Release(advisedBytes: advised, residentBefore: before, residentAfter: residentKilobytes())
    }

    struct Mapping {
        let start: UnsafeMutableRawPointer
        let length: Int
    }

    /// `/proc/self/maps` lines of `/proc/self/exe`. In the writable one only
    /// the clean pages go: pages the process wrote (relocations, globals)
    /// have no file to come back from and stay, as there is no swap to take them.
    static func executableMappings() -> [Mapping] {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { return [] }
        let executable = String(decoding: path[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let maps = try? procText("/proc/self/maps") else { return [] }
        return maps.split(separator: "\n").compactMap { line -> Mapping? in
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, fields[5].trimmed() == executable else { return nil }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let low = UInt(bounds[0], radix: 16), let high = UInt(bounds[1], radix: 16),
                high > low, let start = UnsafeMutableRawPointer(bitPattern: low)
            else { return nil }
            return Mapping(start: start, length: Int(high - low))
        }
    }

    /// VmRSS of this process, in kilobytes (0 if /proc cannot be read).
    public static func residentKilobytes() -> Int {
        guard let status = try? procText("/proc/self/status"),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
    }

    private static func procText(_ path: String) throws -> String {
        String(decoding: try WholeFile.read(path), as: UTF8.self)
    }
}
