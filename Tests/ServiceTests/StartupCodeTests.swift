import Foundation
import Testing
@testable import Service

@Suite struct StartupCodeTests {
    /// Only the executable's read-only code mappings with no private copy
    /// are chosen: not its relocated or writable data, not other files.
    @Test func choosesOnlyTheExecutablesCleanCode() throws {
        let smaps = """
            00400000-00600000 r-xp 00000000 08:01 42    /usr/local/bin/diemcaud
            Size:               2048 kB
            Rss:                1024 kB
            Anonymous:             0 kB
            VmFlags: rd ex mr mw me
            00600000-00700000 r--p 00200000 08:01 42    /usr/local/bin/diemcaud
            Rss:                  64 kB
            Anonymous:            64 kB
            00700000-00800000 rw-p 00300000 08:01 42    /usr/local/bin/diemcaud
            Anonymous:            12 kB
            00800000-00900000 r-xp 00000000 08:01 43    /usr/lib/x86_64-linux-gnu/libc.so.6
            Anonymous:             0 kB
            00a00000-00b00000 r-xp 00400000 08:01 42    /usr/local/bin/diemcaud
            Anonymous:             4 kB
            7ffd0000-7ffd1000 rw-p 00000000 00:00 0     [stack]
            Anonymous:             4 kB
            """
        let chosen = StartupCode.codeMappings(smaps: smaps, executable: "/usr/local/bin/diemcaud")
        #expect(chosen == [StartupCode.Mapping(start: try #require(UnsafeMutableRawPointer(bitPattern: 0x400000)), length: 0x200000)])
    }

    @Test func findsThisProcesssCode() throws {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        let code = maps.split(separator: "\n").filter { $0.hasSuffix(" " + executable) && $0.contains(" r-xp ") }
        let chosen = StartupCode.codeMappings()
        #expect(!chosen.isEmpty)
        #expect(chosen.count <= code.count)
        #expect(chosen.reduce(0) { $0 + $1.length } > 1_000_000)
    }

    /// The test runner's own code: touched widely by the tests before this
    /// one, then unmapped; it keeps running, from the same bytes.
    @Test func unmappingLowersResidentMemoryAndTheProcessRunsOn() throws {
        let release = StartupCode.release()
        #expect(release.unmappedBytes > 1_000_000)
        #expect(release.residentAfter < release.residentBefore)
        let text = try JSONSerialization.data(withJSONObject: ["still": "running"])
        #expect(String(decoding: text, as: UTF8.self) == #"{"still":"running"}"#)
        #expect(StartupCode.residentKilobytes() > 0)
    }
}
