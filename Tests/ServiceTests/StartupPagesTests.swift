import Foundation
import Testing
@testable import Service

@Suite struct StartupPagesTests {
    @Test func findsTheExecutablesMappings() throws {
        let mappings = StartupPages.executableMappings()
        #expect(!mappings.isEmpty)
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let expected = maps.split(separator: "\n").filter { $0.hasSuffix(" " + executable) }
        #expect(mappings.count == expected.count)
        #expect(mappings.reduce(0) { $0 + $1.length } > 1_000_000)
    }

    /// The test runner's own code: touched widely by the tests before this
    /// one, then given back; it keeps running, so nothing it needs was lost.
    @Test func releasingLowersResidentMemoryAndTheProcessRunsOn() {
        let release = StartupPages.release()
        #expect(release.advisedBytes > 1_000_000)
        #expect(release.residentBefore > 0)
        #expect(release.residentAfter < release.residentBefore)
        #expect(StartupPages.residentKilobytes() > 0)
    }
}
