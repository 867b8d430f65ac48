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
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        #expect(bound && listen(holder, 1) == 0)
        #expect(!LoopbackPort.canBind(port))
    }
}
