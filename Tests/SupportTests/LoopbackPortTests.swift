import Glibc
@testable import Support
import Testing

@Suite struct LoopbackPortTests {
    @Test func aFreePortIsBelowTheEphemeralRangeAndBindable() throws {
        let start = try #require(Int(String(decoding: try WholeFile.read("/proc/sys/net/ipv4/ip_local_port_range"), as: UTF8.self)
            .split(whereSeparator: \.isWhitespace)[0]))
        for _ in 0..<20 {
            let port = try #require(LoopbackPort.free())
            #expect(Int(port) >= 10_000 && Int(port) < max(11_000, start))
            #expect(LoopbackPort.canBind(port))
        }
    }

    @Test func aPortSomeoneListensOnIsNotFree() throws {
        let port = try #require(LoopbackPort.free())
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        #expect(LoopbackPort.bind(holder, to: port) && listen(holder, 1) == 0)
        #expect(!LoopbackPort.canBind(port))
    }
}
