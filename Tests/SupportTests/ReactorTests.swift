import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Support

/// The reactor against real descriptors: pipes, socket pairs, TCP on loopback.
@Suite struct ReactorTests {
    /// A pipe: the reactor reads `reader`; the test writes to `writer`.
    static func pipePair() throws -> (reader: FileDescriptor, writer: FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw Errno.current }
        let pair = (reader: FileDescriptor(adopting: ends[0]), writer: FileDescriptor(adopting: ends[1]))
        try pair.reader.setNonBlocking()
        return pair
    }

    static func socketPair() throws -> (FileDescriptor, FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &ends) == 0 else { throw Errno.current }
        return (FileDescriptor(adopting: ends[0]), FileDescriptor(adopting: ends[1]))
    }

    /// Every event of `events` until its end, or nil after `limit`.
    static func collect(_ events: AsyncStream<Reactor.Event>, within limit: Duration = .seconds(5)) async -> [Reactor.Event]? {
        await withTaskGroup(of: [Reactor.Event]?.self) { group in
            group.addTask {
                var seen: [Reactor.Event] = []
                for await event in events { seen.append(event) }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
    }

    /// The bytes the events carried, in order.
    static func bytes(_ events: [Reactor.Event]) -> [UInt8] {
        events.reduce(into: []) { all, event in
            if case .bytes(let bytes) = event { all += bytes }
        }
    }

    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    @Test func readsManyDescriptorsEachToItsOwner() async throws {
        let reactor = Reactor(name: "reactor-test")
        defer { reactor.stop() }
        var pairs: [(FileDescriptor, FileDescriptor)] = []
        var streams: [AsyncStream<Reactor.Event>] = []
        for index in 0..<50 {
            let (mine, theirs) = index.isMultiple(of: 2) ? try Self.pipePair() : try Self.socketPair()
            streams.append(reactor.events(of: mine).events)
            pairs.append((mine, theirs))
        }
        for (index, pair) in pairs.enumerated() {
            try pair.1.writeAll(Array("mic \(index) on\n".utf8))
            pair.1.close()  // end of file after the line
        }
        for (index, stream) in streams.enumerated() {
            let events = await Self.collect(stream)
            #expect(events.map { String(decoding: Self.bytes($0), as: UTF8.self) } == "mic \(index) on\n")
            #expect(events?.last == .end(nil))
        }
    }

    @Test func aPeerThatHangsUpEndsTheStreamAndTheDescriptorIsClosedFirst() async throws {
        let reactor = Reactor(name: "reactor-test")
        defer { reactor.stop() }
        let (mine, theirs) = try Self.socketPair()
        let raw = mine.rawValue
        let (_, events) = reactor.events(of: mine, closesAtEnd: true)
        theirs.close()
        #expect(await Self.collect(events) == [.end(nil)])
        #expect(!mine.isOpen)
        #expect(fcntl(raw, F_GETFD) < 0)
    }

    @Test func aFailedReadEndsWithItsErrno() async throws {
        // A pseudo-terminal whose other side is gone reads EIO, as an unplugged
        // adapter does. (TIOCSPTLCK and TIOCGPTN: Links/PseudoTerminal says why by hand.)
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        #expect(master >= 0 && ioctl(master, UInt(0x4004_5431), &unlock) == 0 && ioctl(master, UInt(0x8004_5430), &number) == 0)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        #expect(slave >= 0)
        let reactor = Reactor(name: "reactor-test")
        defer { reactor.stop() }
        let (_, events) = reactor.events(of: FileDescriptor(adopting: master), closesAtEnd: true)
        Glibc.close(slave)
        #expect(await Self.collect(events) == [.end(Errno(rawValue: EIO))])
    }

    @Test func closingWhileReadingEndsOnceAndClosesOnTheReactor() async throws {
        let reactor = Reactor(name: "reactor-test")
        defer { reactor.stop() }
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        #expect(socketpair(AF_UNIX, type, 0, &ends) == 0)
        let theirs = FileDescriptor(adopting: ends[1])
        let closedOn = Mutex<String?>(nil)
        let descriptor = FileDescriptor(adopting: ends[0]) { fd in
            closedOn.withLock { $0 = ThreadNames.current() }
            Glibc.close(fd)
        }
        let endings = Atomic(0)
        let (stream, continuation) = AsyncStream.makeStream(of: Reactor.Event.self)
        let registration = reactor.register(descriptor) { event in
            if case .end = event { endings.add(1, ordering: .relaxed) }
            continuation.yield(event)
            if case .end = event { continuation.finish() }
        }
        // Bytes in flight while the owner closes from many threads at once.
        let writer = Task.detached {
            for _ in 0..<200 { try? theirs.writeAll(Array("x".utf8)) }
        }
        DispatchQueue.concurrentPerform(iterations: 8) { _ in registration.close() }
        let events = await Self.collect(stream)
        await writer.value
        #expect(events?.last == .end(nil))
        #expect(endings.load(ordering: .relaxed) == 1)
        #expect(closedOn.withLock { $0 } == "reactor-test")
        #expect(!descriptor.isOpen)
    }

    @Test func aReadInterruptedBySignalsLosesNothing() async throws {
        let reactor = Reactor(name: "reactor-eintr")
        defer { reactor.stop() }
        // A handler (doing nothing) makes SIGURG interrupt whichever thread it
        // lands on, the reactor's in epoll_wait among them: EINTR, no restart.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigaction(SIGURG, &action, nil)
        let (mine, theirs) = try Self.socketPair()
        let (_, events) = reactor.events(of: mine)
        let sender = Task.detached {
            for index in 0..<100 {
                kill(getpid(), SIGURG)
                try? theirs.writeAll([UInt8(index)])
                try? await Task.sleep(for: .milliseconds(1))
            }
            theirs.close()
        }
        let seen = await Self.collect(events)
        await sender.value
        #expect(seen.map(Self.bytes) == (0..<100).map { UInt8($0) })
        #expect(seen?.last == .end(nil))
    }

    @Test func thousandsOfRegistrationsLeakNoDescriptor() async throws {
        let reactor = Reactor(name: "reactor-leak")
        // Reactors of earlier tests may still be closing their own: fewer is fine, more is a leak.
        let before = Self.openDescriptors()
        var leftOpen = 0
        for round in 0..<2000 {
            let (mine, theirs) = try Self.socketPair()
            let (registration, events) = reactor.events(of: mine, closesAtEnd: round.isMultiple(of: 3))
            switch round % 3 {
            case 0: theirs.close()  // the peer hangs up
            case 1: registration.close()  // the owner closes
            default:
                try theirs.writeAll([1])
                registration.close()
            }
            _ = await Self.collect(events)
            if mine.isOpen { leftOpen += 1 }  // closed on the reactor before the end was delivered
            theirs.close()
        }
        #expect(leftOpen == 0)
        #expect(reactor.count == 0)
        #expect(Self.openDescriptors() <= before)
        reactor.stop()
    }

    @Test func aDescriptorThatCannotBePolledEndsAtOnce() async throws {
        let reactor = Reactor(name: "reactor-test")
        defer { reactor.stop() }
        let file = FileDescriptor(adopting: open("/proc/self/status", O_RDONLY | O_CLOEXEC))
        let (_, events) = reactor.events(of: file, closesAtEnd: true)
        #expect(await Self.collect(events) == [.end(Errno(rawValue: EPERM))])
        // Closed before the end was delivered. (Not asked of the number with
        // fcntl: in a full test run another suite's thread may already have
        // been given the same number.)
        #expect(!file.isOpen)
    }
}
