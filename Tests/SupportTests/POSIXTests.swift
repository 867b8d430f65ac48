import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Support

@Suite struct ErrnoTests {
    @Test func saysWhatTheSystemSays() {
        #expect(Errno(rawValue: ECONNREFUSED).description == "Connection refused")
        #expect(Errno(rawValue: ENOENT).description == "No such file or directory")
        #expect(Errno.wouldBlock.rawValue == EAGAIN)
    }

    @Test func retryingOnInterruptRetriesOnlyEINTR() {
        var calls = 0
        let result = try? retryingOnInterrupt { () -> Int32 in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(result == 7 && calls == 3)
        #expect(throws: Errno(rawValue: EBADF)) {
            try retryingOnInterrupt { read(-1, nil, 0) }
        }
    }
}

@Suite struct FileDescriptorTests {
    /// Whether `fd` names an open descriptor of this process.
    static func isOpen(_ fd: Int32) -> Bool { fcntl(fd, F_GETFD) >= 0 }

    @Test func closesExactlyOnceHoweverManyAsk() {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { Glibc.close(ends[1]) }
        let closes = Atomic(0)
        let descriptor = FileDescriptor(adopting: ends[0]) { raw in
            closes.add(1, ordering: .relaxed)
            Glibc.close(raw)
        }
        #expect(descriptor.isOpen && Self.isOpen(ends[0]))
        DispatchQueue.concurrentPerform(iterations: 16) { _ in descriptor.close() }
        #expect(closes.load(ordering: .relaxed) == 1)
        #expect(!descriptor.isOpen && descriptor.rawValue == -1)
        #expect(!Self.isOpen(ends[0]))
    }

    @Test func aDescriptorDroppedOpenIsClosed() {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { Glibc.close(ends[1]) }
        do { _ = FileDescriptor(adopting: ends[0]) }
        #expect(!Self.isOpen(ends[0]))
    }

    @Test func writeAllToAPeerThatIsGoneIsEPIPENotSIGPIPE() throws {
        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        let mine = FileDescriptor(adopting: pair[0])
        Glibc.close(pair[1])
        #expect(throws: Errno.brokenPipe) { try mine.writeAll(Array("mute mic1\n".utf8)) }
    }

    @Test func writeAllWaitsForAFullPipeAndTimesOut() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        let reader = FileDescriptor(adopting: ends[0])
        let writer = FileDescriptor(adopting: ends[1])
        try writer.setNonBlocking()
        let started = ContinuousClock.now
        // More than a pipe holds (64 KiB), nobody reading: it waits, then gives up.
        #expect(throws: Errno.timedOut) { try writer.writeAll([UInt8](repeating: 7, count: 200_000), timeout: 100) }
        #expect(ContinuousClock.now - started >= .milliseconds(100))
        reader.close()
    }
}

@Suite struct ConnectTests {
    @Test func connectsNonBlockingAndCloseOnExec() throws {
        let (listener, port) = try loopbackSocket(SOCK_STREAM)
        defer { Glibc.close(listener) }
        let socket = try connectedSocket(host: "127.0.0.1", port: port, type: Int32(SOCK_STREAM.rawValue), timeout: 1000)
        #expect(fcntl(socket.rawValue, F_GETFL) & O_NONBLOCK != 0)
        #expect(fcntl(socket.rawValue, F_GETFD) & FD_CLOEXEC != 0)
        socket.close()
    }

    @Test func aPortNobodyListensOnIsRefused() throws {
        let (listener, port) = try loopbackSocket(SOCK_STREAM)
        Glibc.close(listener)
        #expect(throws: ConnectFailure.failed(.connectionRefused)) {
            try connectedSocket(host: "127.0.0.1", port: port, type: Int32(SOCK_STREAM.rawValue), timeout: 1000)
        }
    }

    @Test func aNameThatDoesNotResolveSaysSo() {
        #expect {
            try connectedSocket(host: "camera.invalid", port: 5678, type: Int32(SOCK_STREAM.rawValue), timeout: 1000)
        } throws: { error in
            guard case .unresolved(let message) = error as? ConnectFailure else { return false }
            return !message.isEmpty
        }
    }
}
